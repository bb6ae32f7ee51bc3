import type { ImportTask } from './import-task'

/**
 * The measures derived from a task's fields, in one place: the window's Rate and Duration columns
 * and the exports (CSV, xlsx) compute them the same way.
 */

type Counts = Pick<ImportTask, 'succNum' | 'repeatNum' | 'failNum'>

/** succ / (succ + duplicates + failed), 0–1; null when the task has no records yet. */
export function successRate(task: Counts): number | null {
  const total = task.succNum + task.repeatNum + task.failNum
  return total > 0 ? task.succNum / total : null
}

/** end − begin in ms (never negative); null unless both times are known. */
export function finishedDuration(task: Pick<ImportTask, 'beginAt' | 'endAt'>): number | null {
  if (task.beginAt === null || task.endAt === null) return null
  return Math.max(0, task.endAt - task.beginAt)
}
