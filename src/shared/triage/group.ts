/**
 * Failed imports grouped by cause (the normalised server message). Pure: the campaign's triage
 * panel, the overview's "Failed today" triage and the export's summary sheet share it.
 */
import type { ImportTask } from '../import-task'
import { knownCauseOf, type KnownCauseId } from './known-causes'
import { messageKeyCache } from './normalise'

/** The key of the group of failed imports the server sent no message for. */
export const NO_MESSAGE_KEY = '\u0000no-message'

/** An import failed (status 3) or finished with failed records. */
export function isFailedImport(task: ImportTask): boolean {
  return task.status === '3' || (task.status === '2' && task.failNum > 0)
}

export interface CauseGroup {
  /** The normalised message, or NO_MESSAGE_KEY. */
  key: string
  known: KnownCauseId | null
  /** One original message of the group (the first seen); '' for the no-message group. */
  message: string
  imports: number
  failedRecords: number
  /** Begin times (epoch ms) of the first and last import of the group; null when none has one. */
  firstAt: number | null
  lastAt: number | null
}

const sharedKeys = messageKeyCache()

/** The cause key of a task's message ('' and whitespace: no message). */
export function causeKeyOf(message: string, keyOf: (m: string) => string = sharedKeys): string {
  const key = message.trim() === '' ? '' : keyOf(message)
  return key === '' ? NO_MESSAGE_KEY : key
}

/** Whether a failed task belongs to the group of `key`. */
export function hasCause(task: ImportTask, key: string): boolean {
  return isFailedImport(task) && causeKeyOf(task.errMsg) === key
}

function newGroup(key: string, message: string): CauseGroup {
  return {
    key,
    known: key === NO_MESSAGE_KEY ? null : knownCauseOf(key),
    message: key === NO_MESSAGE_KEY ? '' : message,
    imports: 0,
    failedRecords: 0,
    firstAt: null,
    lastAt: null,
  }
}

/** Adds one failed task to its group in `groups` (created on first sight). */
export function addToGroups(groups: Map<string, CauseGroup>, task: ImportTask): CauseGroup {
  const key = causeKeyOf(task.errMsg)
  let g = groups.get(key)
  if (!g) {
    g = newGroup(key, task.errMsg)
    groups.set(key, g)
  }
  g.imports++
  g.failedRecords += task.failNum
  const at = task.beginAt
  if (at !== null) {
    if (g.firstAt === null || at < g.firstAt) g.firstAt = at
    if (g.lastAt === null || at > g.lastAt) g.lastAt = at
  }
  return g
}

/** Most imports first, then most failed records, then the key (a stable order). */
export function compareGroups(a: CauseGroup, b: CauseGroup): number {
  return (
    b.imports - a.imports ||
    b.failedRecords - a.failedRecords ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  )
}

/** The failed imports of `tasks` by cause, most imports first. */
export function groupFailures(tasks: Iterable<ImportTask>): CauseGroup[] {
  const groups = new Map<string, CauseGroup>()
  for (const t of tasks) if (isFailedImport(t)) addToGroups(groups, t)
  return [...groups.values()].sort(compareGroups)
}
