import type { ImportTask } from '../../shared/import-task'
import { TASK_FIELDS, type FieldKind } from '../../shared/task-fields'
import { parseServerTime } from './server-time'
import { checkEnvelope, readEnvelope } from './reply-codes'
import type { ImportTaskPageResult } from './schemas'

/**
 * The fast path of reading a reply's import tasks: a hand-written checker derived from the field
 * table, for the plainly valid rows that are nearly all of them (zod was a quarter of the CLI's
 * CPU at 100,000 tasks). It accepts only what the zod schema (schemas.ts importTaskSchema)
 * accepts and gives the same task; anything it is not sure of comes back null, and the zod
 * schema then reads the whole page, so every rejection, and its message, is zod's.
 * task-row-reader.test.ts checks the two agree on arbitrary JSON. Nothing here loads zod: the
 * client loads the schemas only for a reply this cannot read.
 */

const NOT_READ = Symbol('not read')
type Read = unknown

const DIGITS = /^\d+$/
const WHOLE_TEXT = /^\d{1,15}$/

/** A value of each kind as the schema reads it, or NOT_READ. undefined: absent (kept absent). */
const READERS: Record<FieldKind, (v: unknown) => Read> = {
  id: (v) => (typeof v === 'string' && DIGITS.test(v) ? v : NOT_READ),
  status: (v) => {
    if (typeof v === 'string') return v.length === 1 && v >= '0' && v <= '3' ? v : NOT_READ
    return v === 0 || v === 1 || v === 2 || v === 3 ? String(v) : NOT_READ
  },
  time: (v) => {
    if (typeof v === 'string') return v
    if (v === null || v === undefined) return ''
    return typeof v === 'number' ? String(v) : NOT_READ
  },
  count: readCount,
  text: (v) => {
    if (v === null || v === undefined || v === 0) return ''
    if (typeof v === 'string') return v
    return typeof v === 'number' ? String(v) : NOT_READ
  },
}

/** A whole number ≥ 0 (a number or a digit string); null/undefined as they are; else NOT_READ. */
function readCount(v: unknown): Read {
  if (v === null || v === undefined) return v
  if (typeof v === 'number') return Number.isSafeInteger(v) && v >= 0 ? v : NOT_READ
  return typeof v === 'string' && WHOLE_TEXT.test(v) ? Number(v) : NOT_READ
}

const FIELDS = TASK_FIELDS.map((f) => ({
  key: f.key,
  kind: f.kind,
  optional: f.optional,
  at: 'at' in f ? f.at : undefined,
  read: READERS[f.kind],
}))
const KNOWN: ReadonlySet<string> = new Set(TASK_FIELDS.map((f) => f.key))

/** The ImportTask of one reply row, or null when the zod schema must decide. */
export function readTaskRow(raw: unknown): ImportTask | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null
  const row = raw as Record<string, unknown>
  const task: Record<string, unknown> = {}
  let known = 0
  for (const f of FIELDS) {
    const value = f.read(row[f.key])
    if (value === NOT_READ) return null
    if (Object.hasOwn(row, f.key)) known++
    if (f.kind === 'count') {
      // An optional count is left out when not sent; a required one reads as 0.
      if (value !== undefined && value !== null) task[f.key] = value
      else if (!f.optional) task[f.key] = 0
      continue
    }
    task[f.key] = value
    if (f.at !== undefined) task[f.at] = parseServerTime(value as string)
  }
  task.extra = extraOf(row, known)
  return task as unknown as ImportTask
}

/**
 * The row's fields the table does not know. A "__proto__" field is dropped, as the zod schema
 * drops it: never assigned, so it never becomes the prototype.
 */
function extraOf(row: Record<string, unknown>, known: number): Record<string, unknown> {
  const extra: Record<string, unknown> = {}
  const keys = Object.keys(row)
  if (keys.length === known) return extra
  for (const k of keys) {
    if (!KNOWN.has(k) && k !== '__proto__') extra[k] = row[k]
  }
  return extra
}

/** A page's `count` as the schema reads it (null when absent), or undefined when zod must decide. */
export function readPageCount(v: unknown): number | null | undefined {
  const value = readCount(v)
  if (value === NOT_READ) return undefined
  return (value as number | null | undefined) ?? null
}

/**
 * A reply's tasks and count (`result` absent or null reads as no tasks), or null when any part
 * needs the zod schema. `json` is a reply whose codes were already checked (an object).
 */
export function readTaskPage(json: unknown): { tasks: ImportTask[]; count: number | null } | null {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null
  const reply = json as Record<string, unknown>
  const count = readPageCount(reply.count)
  if (count === undefined) return null
  const result = reply.result
  if (result === null || result === undefined) return { tasks: [], count }
  if (!Array.isArray(result)) return null
  const tasks: ImportTask[] = []
  for (const row of result as unknown[]) {
    const task = readTaskRow(row)
    if (task === null) return null
    tasks.push(task)
  }
  return { tasks, count }
}

/**
 * A whole queryDataImportTask reply read without zod: its codes checked (throwing the server's
 * error as schemas.ts does) and its tasks read, or null when any part needs the zod schema
 * (schemas.ts parseImportTaskPage then reads it, and its message names what is wrong).
 */
export function readImportTaskReply(json: unknown): ImportTaskPageResult | null {
  const envelope = readEnvelope(json)
  if (envelope === null) return null
  const codes = checkEnvelope(envelope)
  const page = readTaskPage(json)
  return page === null ? null : { ...page, ...codes }
}
