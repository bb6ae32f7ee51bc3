/**
 * The naive way to filter and sort the window's tasks, for bench/filter-sort.bench.ts to measure
 * the renderer's TaskIndex against: Array.filter with toLowerCase, then Array.sort with
 * localeCompare, on every change.
 */
import type { ImportTask } from '../src/shared/import-task'
import {
  successRate,
  taskDuration,
  type SortState,
  type TaskFilter,
} from '../src/renderer/src/logic/task-index'

/** The window's text order (task-index.ts: "column 2" before "column 10"): both show the same rows. */
const SAME_ORDER: Intl.CollatorOptions = { numeric: true, sensitivity: 'base' }

/** The straightforward version: what the window would do without an index. */
export function naiveView(tasks: readonly ImportTask[], f: TaskFilter, s: SortState): ImportTask[] {
  const text = f.text.trim().toLowerCase()
  const now = Date.now()
  const filtered = tasks.filter(
    (t) =>
      (f.statuses.length === 0 || f.statuses.includes(t.status)) &&
      (!f.onlyFailed || t.failNum > 0 || t.status === '3') &&
      (f.beginFrom === null || (t.beginAt !== null && t.beginAt >= f.beginFrom)) &&
      (f.beginTo === null || (t.beginAt !== null && t.beginAt <= f.beginTo)) &&
      (text === '' || t.id.toLowerCase().includes(text) || t.errMsg.toLowerCase().includes(text)),
  )
  const value = (t: ImportTask): number | string | null => {
    switch (s.column) {
      case 'id':
        return t.id
      case 'status':
        return t.status
      case 'errMsg':
        return t.errMsg || null
      case 'duration':
        return taskDuration(t, now)
      case 'successRate':
        return successRate(t)
      default:
        return t[s.column] ?? null
    }
  }
  const dir = s.order === 'ascend' ? 1 : -1
  return filtered.sort((a, b) => {
    const va = value(a)
    const vb = value(b)
    if (va === null || vb === null) {
      if (va !== vb) return va === null ? 1 : -1
    } else {
      const c =
        typeof va === 'string' && typeof vb === 'string'
          ? va.localeCompare(vb, undefined, SAME_ORDER)
          : (va as number) - (vb as number)
      if (c !== 0) return c * dir
    }
    return a.id.localeCompare(b.id, undefined, SAME_ORDER)
  })
}
