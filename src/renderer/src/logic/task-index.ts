/**
 * Filtering and sorting of a campaign's import tasks, fast enough for 50,000 tasks per keystroke.
 * Plain TypeScript (no Vue) so it runs in tests and the perf script as it runs in the window.
 *
 * Built once per snapshot (TaskIndex): lower-cased search text per task, a rank per task id (the
 * tie-breaker of every sort), numeric sort keys per column. Then:
 * - a sort change computes that column's order once (cached per column and direction);
 * - a filter change is one pass over the cached order with a precomputed match test: no re-sort;
 * - after a small delta from main, the new index is patched from the old one (its cached orders
 *   merged, not sorted again). Just over 400 lines: the patch must sit by the orders it patches.
 */
import type { ImportTask, TaskStatus } from '@shared/import-task'
import { causeKeyOf, isFailedImport } from '@shared/triage/group'
import { successRate } from '@shared/task-measures'
import {
  SEARCHED_FIELDS,
  TASK_FIELDS,
  fieldSortKey,
  fieldValue,
  type TaskField,
} from '@shared/task-fields'
import { WINDOW_COLUMNS, type SortColumn } from './window-columns'

export type { SortColumn } from './window-columns'

/** What the table can be sorted by: the window's sortable columns, in their order. */
export const SORT_COLUMNS: readonly SortColumn[] = WINDOW_COLUMNS.filter((c) => c.sortable).map(
  (c) => c.column as SortColumn,
)

/** The field a sort column reads (none for the computed columns). */
const FIELD_BY_SORT_KEY = new Map<string, TaskField>(
  TASK_FIELDS.flatMap((f) => {
    const key = fieldSortKey(f)
    return key === null ? [] : [[key, f] as const]
  }),
)

/** Naive UI's names for the two directions. */
export type SortOrder = 'ascend' | 'descend'

export interface SortState {
  column: SortColumn
  order: SortOrder
}

/** Newest first, as the server sends them. */
export const DEFAULT_SORT: SortState = { column: 'beginAt', order: 'descend' }

export interface TaskFilter {
  /** Empty: every status. */
  statuses: TaskStatus[]
  /** Begin-time range, epoch ms, inclusive; tasks without a begin time drop out when set. */
  beginFrom: number | null
  beginTo: number | null
  /** Case-insensitive, over the searched fields (task-fields.ts: the task id and the error message). */
  text: string
  /** Tasks with at least one failed record, or whose import failed (status 3). */
  onlyFailed: boolean
  /**
   * Failed imports of one cause (the normalised message key of shared/triage, NO_MESSAGE_KEY for
   * those without a message); null: any. Set from the triage panel.
   */
  cause: string | null
}

export const EMPTY_FILTER: TaskFilter = {
  statuses: [],
  beginFrom: null,
  beginTo: null,
  text: '',
  onlyFailed: false,
  cause: null,
}

export function isFilterActive(f: TaskFilter): boolean {
  return (
    f.statuses.length > 0 ||
    f.beginFrom !== null ||
    f.beginTo !== null ||
    f.text.trim() !== '' ||
    f.onlyFailed ||
    f.cause !== null
  )
}

/** The "only with failed records" rule, in one place (the label says the same). */
export function hasFailedRecords(task: ImportTask): boolean {
  return task.failNum > 0 || task.status === '3'
}

/** succ / (succ + duplicates + failed): shared with the exports. */
export { successRate }

/**
 * How long the import took: end − begin; for a task still in progress, `now` − begin (now = when
 * the tasks were fetched, so the number does not move between two refreshes). Null when unknown.
 */
export function taskDuration(task: ImportTask, now: number): number | null {
  if (task.beginAt === null) return null
  if (task.endAt !== null) return Math.max(0, task.endAt - task.beginAt)
  if (task.status === '0' || task.status === '1') return Math.max(0, now - task.beginAt)
  return null
}

/** Task ids are digit strings: shorter is smaller, then text order (= numeric order). */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length
  return a < b ? -1 : a > b ? 1 : 0
}

function filterKey(f: TaskFilter): string {
  return JSON.stringify([
    [...f.statuses].sort(),
    f.beginFrom,
    f.beginTo,
    f.text.trim().toLowerCase(),
    f.onlyFailed,
    f.cause,
  ])
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })

const num = (v: number | null | undefined): number => (v === null || v === undefined ? NaN : v)

/** The searched fields of a task, lower-cased; NUL between them so no match spans two. */
function searchText(task: ImportTask): string {
  let out = ''
  for (const f of SEARCHED_FIELDS) {
    const value = fieldValue(task, f.key)
    if (value === undefined || value === '') continue
    out += (out === '' ? '' : '\u0000') + String(value).toLowerCase()
  }
  return out
}

/** How a list was made from an indexed one by a delta (see TaskIndex's constructor). */
export interface IndexPatch {
  index: TaskIndex
  /** Per old position: the new position, or -1 when the task went or changed. */
  oldToNew: Int32Array
  /** New positions of the tasks that appeared or changed. */
  fresh: readonly number[]
}

const ID_SORT: SortState = { column: 'id', order: 'ascend' }

/**
 * An old order carried to the new positions, with the fresh positions merged in where `compare`
 * puts them: O(n + k log k) for k fresh tasks, against O(n log n) for sorting again.
 */
function patchOrder(
  order: Uint32Array,
  oldToNew: Int32Array,
  fresh: readonly number[],
  compare: (a: number, b: number) => number,
): Uint32Array {
  const added = [...fresh].sort(compare)
  const out = new Uint32Array(order.length - countGone(oldToNew) + added.length)
  let k = 0
  let f = 0
  for (let r = 0; r < order.length; r++) {
    const j = oldToNew[order[r]!]!
    if (j < 0) continue
    while (f < added.length && compare(added[f]!, j) < 0) out[k++] = added[f++]!
    out[k++] = j
  }
  while (f < added.length) out[k++] = added[f++]!
  return out
}

function countGone(oldToNew: Int32Array): number {
  let gone = 0
  for (let i = 0; i < oldToNew.length; i++) if (oldToNew[i]! < 0) gone++
  return gone
}

export class TaskIndex {
  readonly tasks: readonly ImportTask[]
  readonly now: number
  readonly #search: string[]
  readonly #failed: Uint8Array
  readonly #idRank: Uint32Array
  /** Each task's cause key (null: not a failed import), computed on the first cause filter. */
  #causes: (string | null)[] | null = null
  readonly #orders = new Map<string, Uint32Array>()
  #mask: { key: string; mask: Uint8Array | null } | null = null
  #view: { key: string; tasks: ImportTask[] } | null = null
  #filtered: { key: string; tasks: readonly ImportTask[] } | null = null

  /**
   * `from`: the index of the list this one was made from by a delta (shared/task-diff.ts
   * applyDelta): what belongs to unchanged tasks is carried over, and the id order and the
   * cached sort orders are patched (the changed tasks merged in) instead of sorted again.
   */
  constructor(tasks: readonly ImportTask[], now: number = Date.now(), from?: IndexPatch) {
    this.tasks = tasks
    this.now = now
    const n = tasks.length
    this.#search = new Array<string>(n)
    this.#failed = new Uint8Array(n)
    if (from) {
      this.#idRank = new Uint32Array(n)
      this.#patch(from)
      return
    }
    const byId = new Array<number>(n)
    for (let i = 0; i < n; i++) {
      const t = tasks[i]!
      this.#search[i] = searchText(t)
      this.#failed[i] = hasFailedRecords(t) ? 1 : 0
      byId[i] = i
    }
    byId.sort((a, b) => compareIds(tasks[a]!.id, tasks[b]!.id) || a - b)
    this.#idRank = new Uint32Array(n)
    for (let r = 0; r < n; r++) this.#idRank[byId[r]!] = r
    this.#orders.set('id:ascend', Uint32Array.from(byId))
  }

  #patch({ index: prev, oldToNew, fresh }: IndexPatch): void {
    const tasks = this.tasks
    for (let i = 0; i < oldToNew.length; i++) {
      const j = oldToNew[i]!
      if (j < 0) continue
      this.#search[j] = prev.#search[i]!
      this.#failed[j] = prev.#failed[i]!
    }
    for (const j of fresh) {
      this.#search[j] = searchText(tasks[j]!)
      this.#failed[j] = hasFailedRecords(tasks[j]!) ? 1 : 0
    }
    const byId = patchOrder(prev.order(ID_SORT), oldToNew, fresh, (a, b) =>
      compareIds(tasks[a]!.id, tasks[b]!.id),
    )
    for (let r = 0; r < byId.length; r++) this.#idRank[byId[r]!] = r
    this.#orders.set('id:ascend', byId)
    const rank = this.#idRank
    for (const [key, order] of prev.#orders) {
      const [column, direction] = key.split(':') as [SortColumn, SortOrder]
      // A duration of a task in progress moves with `now`: that order is sorted again if asked.
      if (column === 'id' || column === 'duration') continue
      const keys = this.#keys(column)
      const ascend = direction === 'ascend'
      const compare = (a: number, b: number): number => {
        const ka = keys[a]!
        const kb = keys[b]!
        const ea = Number.isNaN(ka)
        if (ea !== Number.isNaN(kb)) return ea ? 1 : -1
        if (!ea && ka !== kb) return ascend ? ka - kb : kb - ka
        return rank[a]! - rank[b]!
      }
      this.#orders.set(key, patchOrder(order, oldToNew, fresh, compare))
    }
  }

  get size(): number {
    return this.tasks.length
  }

  /** Task positions in the order of `sort`; ties by task id ascending; empty values last. */
  order(sort: SortState): Uint32Array {
    const key = `${sort.column}:${sort.order}`
    let order = this.#orders.get(key)
    if (!order) {
      order = this.#computeOrder(sort)
      this.#orders.set(key, order)
    }
    return order
  }

  /** 1 per matching task, or null when the filter lets everything through. */
  matches(filter: TaskFilter): Uint8Array | null {
    const key = filterKey(filter)
    if (this.#mask?.key === key) return this.#mask.mask
    const mask = this.#computeMask(filter)
    this.#mask = { key, mask }
    return mask
  }

  /**
   * The tasks the filter lets through, in index order: the same array while the filter is the
   * same, so what depends only on the set (summary, chart) is not recomputed on a sort change.
   */
  filtered(filter: TaskFilter): readonly ImportTask[] {
    const key = filterKey(filter)
    if (this.#filtered?.key === key) return this.#filtered.tasks
    const mask = this.matches(filter)
    const tasks = mask === null ? this.tasks : this.tasks.filter((_, i) => mask[i] === 1)
    this.#filtered = { key, tasks }
    return tasks
  }

  /** The tasks the filter lets through, in the sort's order (what the table shows and exports). */
  view(filter: TaskFilter, sort: SortState): ImportTask[] {
    const key = `${filterKey(filter)}|${sort.column}:${sort.order}`
    if (this.#view?.key === key) return this.#view.tasks
    const order = this.order(sort)
    const mask = this.matches(filter)
    const out: ImportTask[] = []
    const tasks = this.tasks
    if (mask === null) {
      for (let k = 0; k < order.length; k++) out.push(tasks[order[k]!]!)
    } else {
      for (let k = 0; k < order.length; k++) {
        const i = order[k]!
        if (mask[i] === 1) out.push(tasks[i]!)
      }
    }
    this.#view = { key, tasks: out }
    return out
  }

  #computeMask(f: TaskFilter): Uint8Array | null {
    if (!isFilterActive(f)) return null
    const n = this.tasks.length
    const mask = new Uint8Array(n)
    const statuses = f.statuses.length > 0 ? new Set<string>(f.statuses) : null
    const text = f.text.trim().toLowerCase()
    const from = f.beginFrom
    const to = f.beginTo
    const ranged = from !== null || to !== null
    const tasks = this.tasks
    const search = this.#search
    const failed = this.#failed
    const causes = f.cause === null ? null : this.#causeKeys()
    // Read once: the filter is usually the store's reactive object, a proxy read per task costs.
    const onlyFailed = f.onlyFailed
    const cause = f.cause
    for (let i = 0; i < n; i++) {
      const t = tasks[i]!
      if (statuses !== null && !statuses.has(t.status)) continue
      if (onlyFailed && failed[i] === 0) continue
      if (causes !== null && causes[i] !== cause) continue
      if (ranged) {
        const at = t.beginAt
        if (at === null || (from !== null && at < from) || (to !== null && at > to)) continue
      }
      if (text !== '' && !search[i]!.includes(text)) continue
      mask[i] = 1
    }
    return mask
  }

  #causeKeys(): (string | null)[] {
    // Each distinct message is normalised once (causeKeyOf's shared memo).
    this.#causes ??= this.tasks.map((t) => (isFailedImport(t) ? causeKeyOf(t.errMsg) : null))
    return this.#causes
  }

  #computeOrder(sort: SortState): Uint32Array {
    const keys = this.#keys(sort.column)
    // The other direction of the same column is already sorted: flipping it is O(n), no sort
    // (a header click goes descending, ascending, default). Not for durations: they move with now.
    const other = sort.order === 'ascend' ? 'descend' : 'ascend'
    const opposite =
      sort.column === 'duration' ? undefined : this.#orders.get(`${sort.column}:${other}`)
    if (opposite) return flipOrder(opposite, keys)
    const byId = this.#orders.get('id:ascend')
    const ascending =
      (byId && bucketOrder(keys, byId)) ?? sortedOrder(keys, this.#idRank, this.tasks.length)
    return sort.order === 'ascend' ? ascending : flipOrder(ascending, keys)
  }

  /** A numeric key per task for `column` (NaN: no value, sorted last in both directions). */
  #keys(column: SortColumn): Float64Array {
    const tasks = this.tasks
    const n = tasks.length
    const keys = new Float64Array(n)
    if (column === 'duration') {
      for (let i = 0; i < n; i++) keys[i] = num(taskDuration(tasks[i]!, this.now))
      return keys
    }
    if (column === 'successRate') {
      for (let i = 0; i < n; i++) keys[i] = num(successRate(tasks[i]!))
      return keys
    }
    const field = FIELD_BY_SORT_KEY.get(column)!
    switch (field.sort) {
      case 'id':
        for (let i = 0; i < n; i++) keys[i] = this.#idRank[i]!
        break
      case 'status':
        for (let i = 0; i < n; i++) keys[i] = Number(fieldValue(tasks[i]!, field.key))
        break
      case 'time':
      case 'number':
        // A time sorts by its parsed instant (the column is the field's `at`).
        for (let i = 0; i < n; i++)
          keys[i] = num(fieldValue(tasks[i]!, column) as number | null | undefined)
        break
      case 'text': {
        // Few distinct texts: sort those once with the collator, then rank each task's.
        const texts = tasks.map((t) => fieldValue(t, field.key) as string)
        const distinct = [...new Set(texts.filter((m) => m !== ''))]
        distinct.sort(collator.compare)
        const rankOf = new Map<string, number>()
        let rank = 0
        distinct.forEach((m, k) => {
          if (k > 0 && collator.compare(distinct[k - 1]!, m) !== 0) rank++
          rankOf.set(m, rank)
        })
        for (let i = 0; i < n; i++) keys[i] = rankOf.get(texts[i]!) ?? NaN
        break
      }
    }
    return keys
  }
}

/**
 * The same tasks in the other direction of the same keys: groups of equal keys from the end, each
 * group kept in its order (ties stay by id ascending); tasks without a value stay last.
 */
export function flipOrder(order: Uint32Array, keys: Float64Array): Uint32Array {
  const n = order.length
  const out = new Uint32Array(n)
  let end = n
  while (end > 0 && Number.isNaN(keys[order[end - 1]!]!)) end--
  out.set(order.subarray(end), end)
  let k = 0
  while (end > 0) {
    let start = end - 1
    const v = keys[order[start]!]!
    while (start > 0 && keys[order[start - 1]!]! === v) start--
    out.set(order.subarray(start, end), k)
    k += end - start
    end = start
  }
  return out
}

/** Ascending by key, ties by id rank, tasks without a value last (in id order): a comparison sort. */
function sortedOrder(keys: Float64Array, rank: Uint32Array, n: number): Uint32Array {
  const present: number[] = []
  const empty: number[] = []
  for (let i = 0; i < n; i++) (Number.isNaN(keys[i]!) ? empty : present).push(i)
  present.sort((a, b) => keys[a]! - keys[b]! || rank[a]! - rank[b]!)
  empty.sort((a, b) => rank[a]! - rank[b]!)
  const out = new Uint32Array(n)
  out.set(present)
  out.set(empty, present.length)
  return out
}

/** Past this many distinct keys a comparison sort is the better way (times, rates). */
const MAX_BUCKETS = 4096

/**
 * The same order as sortedOrder, in O(n) when the keys take few distinct values (counts of
 * records, statuses): a counting sort over the tasks in id order, so ties stay by id. Null when
 * there are too many distinct keys.
 */
function bucketOrder(keys: Float64Array, byId: Uint32Array): Uint32Array | null {
  const n = byId.length
  const counts = new Map<number, number>()
  let empty = 0
  for (let i = 0; i < n; i++) {
    const k = keys[i]!
    if (Number.isNaN(k)) {
      empty++
      continue
    }
    counts.set(k, (counts.get(k) ?? 0) + 1)
    if (counts.size > MAX_BUCKETS) return null
  }
  const starts = new Map<number, number>()
  let at = 0
  for (const k of [...counts.keys()].sort((a, b) => a - b)) {
    starts.set(k, at)
    at += counts.get(k)!
  }
  const out = new Uint32Array(n)
  let last = n - empty
  for (let j = 0; j < n; j++) {
    const i = byId[j]!
    const k = keys[i]!
    if (Number.isNaN(k)) out[last++] = i
    else {
      const p = starts.get(k)!
      out[p] = i
      starts.set(k, p + 1)
    }
  }
  return out
}
