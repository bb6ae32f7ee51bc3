/** The summary strip's numbers and chart, over the tasks the filter lets through. No Vue. */
import { isInProgress, type ImportTask, type TaskStatus } from '@shared/import-task'

export interface TaskSummary {
  total: number
  byStatus: Record<TaskStatus, number>
  succeeded: number
  duplicates: number
  failed: number
  blacklisted: number
  /** succeeded / (succeeded + duplicates + failed) over all tasks; null with no records. */
  successRate: number | null
}

export function summarize(tasks: readonly ImportTask[]): TaskSummary {
  const byStatus: Record<TaskStatus, number> = { '0': 0, '1': 0, '2': 0, '3': 0 }
  let succeeded = 0
  let duplicates = 0
  let failed = 0
  let blacklisted = 0
  for (const t of tasks) {
    byStatus[t.status]++
    succeeded += t.succNum
    duplicates += t.repeatNum
    failed += t.failNum
    blacklisted += t.blackNum ?? 0
  }
  const records = succeeded + duplicates + failed
  return {
    total: tasks.length,
    byStatus,
    succeeded,
    duplicates,
    failed,
    blacklisted,
    successRate: records > 0 ? succeeded / records : null,
  }
}

export interface ChartBar {
  /** Begin-time bucket [from, to), epoch ms. */
  from: number
  to: number
  tasks: number
  succeeded: number
  duplicates: number
  failed: number
}

export interface RecordsChart {
  bars: ChartBar[]
  /** The largest records total of one bar (the chart's scale). */
  max: number
  /** Tasks left out because they have no begin time. */
  undated: number
}

/**
 * Records (succeeded, duplicates, failed) of the tasks that began in each of `buckets` equal time
 * slices between the first and the last begin time. All tasks begun at one moment (one task, say)
 * make one bar: slices of a millisecond would draw one thin bar and 39 empty ones.
 */
export function recordsOverTime(tasks: readonly ImportTask[], buckets = 40): RecordsChart {
  let min = Infinity
  let max = -Infinity
  let undated = 0
  for (const t of tasks) {
    if (t.beginAt === null) {
      undated++
      continue
    }
    if (t.beginAt < min) min = t.beginAt
    if (t.beginAt > max) max = t.beginAt
  }
  if (min === Infinity) return { bars: [], max: 0, undated }
  const count = min === max ? 1 : Math.max(1, Math.floor(buckets))
  const width = Math.max(1, Math.ceil((max - min + 1) / count))
  const bars: ChartBar[] = Array.from({ length: count }, (_, k) => ({
    from: min + k * width,
    to: min + (k + 1) * width,
    tasks: 0,
    succeeded: 0,
    duplicates: 0,
    failed: 0,
  }))
  for (const t of tasks) {
    if (t.beginAt === null) continue
    const bar = bars[Math.min(count - 1, Math.floor((t.beginAt - min) / width))]!
    bar.tasks++
    bar.succeeded += t.succNum
    bar.duplicates += t.repeatNum
    bar.failed += t.failNum
  }
  let top = 0
  for (const b of bars) top = Math.max(top, b.succeeded + b.duplicates + b.failed)
  return { bars, max: top, undated }
}

/**
 * The sidebar's status dot for a campaign: offline (or failing) beats everything, then imports in
 * progress, then failed imports, else all done. `unknown` until the tasks were loaded once.
 */
export type CampaignState = 'offline' | 'running' | 'failed' | 'done' | 'unknown'

export function campaignState(
  tasks: readonly ImportTask[] | null,
  opts: { offline: boolean },
): CampaignState {
  if (opts.offline) return 'offline'
  if (tasks === null) return 'unknown'
  let failed = false
  for (const t of tasks) {
    if (isInProgress(t.status)) return 'running'
    if (t.status === '3') failed = true
  }
  return failed ? 'failed' : 'done'
}
