/**
 * Every field of an import task the server sends, described once. The ImportTask type, the reply
 * schema (isales/schemas.ts), the cache schema (cache/task-cache.ts), the CSV and JSON columns
 * (export/task-columns.ts, the CLI), the window's sort keys, table columns and drawer rows are all
 * derived from TASK_FIELDS, so a new server field is one entry here plus its label in the two
 * i18n catalogues (`field.<key>`, and `fieldShort.<key>` when it has a short header).
 *
 * Plain data and small pure functions: main, the CLI and the renderer all import this file.
 */
import type { TaskStatus } from './import-task'

/**
 * How a value is read and shown:
 * - id: digit string, 30 digits long, never parsed as a number;
 * - status: '0'–'3' (a number on some servers);
 * - time: the server's text kept as sent ("" while unknown), plus its parsed instant under `at`;
 * - count: whole number ≥ 0 (a digit string on some servers; null or missing reads as 0);
 * - text: free text (a number or null on some servers; kept as text, "" for none).
 */
export type FieldKind = 'id' | 'status' | 'time' | 'count' | 'text'

/** How the window orders a column: id as a number, status 0–3, instant, number, collated text. */
export type SortKind = 'id' | 'status' | 'time' | 'number' | 'text'

/** The TypeScript value of each kind in an ImportTask. */
export interface FieldValue {
  id: string
  status: TaskStatus
  time: string
  count: number
  text: string
}

export interface TaskFieldDescriptor {
  /** The server's JSON name: also the ImportTask property, the CSV header and the CLI JSON key. */
  readonly key: string
  readonly kind: FieldKind
  /**
   * Sent only by some servers (blackNum: 2025 documents): left out of the task when not sent,
   * and its CSV/JSON column comes after every other field, so it never shifts them.
   */
  readonly optional: boolean
  /** Time fields only: the ImportTask property holding the parsed instant (epoch ms or null). */
  readonly at?: string
  /** null: the window cannot sort by it. */
  readonly sort: SortKind | null
  /** Whether the window's text search looks in it. */
  readonly searched: boolean
  /** Table column width in px; none: the column takes the width left over. */
  readonly width?: number
  /** Whether the table header uses a short label (`fieldShort.<key>`), the full one in its tooltip. */
  readonly shortLabel?: boolean
}

/**
 * In window order (table columns and drawer rows). CSV and JSON use the same order with the
 * optional fields moved last (exportFields): id, status, beginTime, endTime, succNum, repeatNum,
 * failNum, errMsg, blackNum.
 */
export const TASK_FIELDS = [
  { key: 'id', kind: 'id', optional: false, sort: 'id', searched: true, width: 128 },
  { key: 'status', kind: 'status', optional: false, sort: 'status', searched: false, width: 100 },
  {
    key: 'beginTime',
    kind: 'time',
    at: 'beginAt',
    optional: false,
    sort: 'time',
    searched: false,
    width: 114,
  },
  {
    key: 'endTime',
    kind: 'time',
    at: 'endAt',
    optional: false,
    sort: 'time',
    searched: false,
    width: 114,
  },
  {
    key: 'succNum',
    kind: 'count',
    optional: false,
    sort: 'number',
    searched: false,
    width: 72,
    shortLabel: true,
  },
  {
    key: 'repeatNum',
    kind: 'count',
    optional: false,
    sort: 'number',
    searched: false,
    width: 62,
    shortLabel: true,
  },
  {
    key: 'failNum',
    kind: 'count',
    optional: false,
    sort: 'number',
    searched: false,
    width: 62,
    shortLabel: true,
  },
  {
    key: 'blackNum',
    kind: 'count',
    optional: true,
    sort: 'number',
    searched: false,
    width: 62,
    shortLabel: true,
  },
  // The exception cause: the server types it Integer but sends text ("" in its own sample).
  { key: 'errMsg', kind: 'text', optional: false, sort: 'text', searched: true },
] as const satisfies readonly TaskFieldDescriptor[]

export type TaskField = (typeof TASK_FIELDS)[number]
export type TaskFieldKey = TaskField['key']
type TimeField = Extract<TaskField, { kind: 'time' }>

/** The ImportTask properties the field table defines (ImportTask adds `extra`). */
export type TaskFieldValues = {
  -readonly [F in TaskField as F['optional'] extends true ? never : F['key']]: FieldValue[F['kind']]
} & {
  -readonly [
    F in TaskField as F['optional'] extends true ? F['key'] : never
  ]?: FieldValue[F['kind']]
} & {
  -readonly [F in TimeField as F['at']]: number | null
}

/** The window's sort key of a field: a time sorts by its parsed instant. */
export type FieldSortKey =
  Exclude<TaskField, { sort: null }> extends infer F
    ? F extends TimeField
      ? F['at']
      : F extends TaskField
        ? F['key']
        : never
    : never

export function fieldSortKey(field: TaskFieldDescriptor): string | null {
  if (field.sort === null) return null
  return field.at ?? field.key
}

/** CSV columns and CLI JSON keys, in order: the window's order, optional fields last. */
export function exportFields(): TaskField[] {
  return [...TASK_FIELDS.filter((f) => !f.optional), ...TASK_FIELDS.filter((f) => f.optional)]
}

export const OPTIONAL_FIELDS: readonly TaskField[] = TASK_FIELDS.filter((f) => f.optional)

export const SEARCHED_FIELDS: readonly TaskField[] = TASK_FIELDS.filter((f) => f.searched)

/** Whether any task carries an optional field (then its column is shown and exported). */
export function hasOptionalFields(tasks: Iterable<TaskFieldValues>): boolean {
  for (const task of tasks) {
    for (const f of OPTIONAL_FIELDS) if (task[f.key] !== undefined) return true
  }
  return false
}

/** A task's value by a key from the field table (a time's `at` included), untyped. */
export function fieldValue(task: TaskFieldValues, key: string): unknown {
  return (task as unknown as Record<string, unknown>)[key]
}

/** i18n key of the field's label (en.ts and zh-CN.ts, under `field`). */
export const fieldLabelKey = (field: TaskFieldDescriptor): string => `field.${field.key}`

/** i18n key of the short table header of a field with `shortLabel`. */
export const fieldShortLabelKey = (field: TaskFieldDescriptor): string => `fieldShort.${field.key}`
