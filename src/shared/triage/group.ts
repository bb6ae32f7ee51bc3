/**
 * Failed imports grouped by cause (the normalised server message). Pure: the campaign's triage
 * panel, the overview's "Failed today" triage and the export's summary sheet share it.
 */
import type { ImportTask } from '../import-task'
import { KNOWN_CAUSE_IDS, knownCauseOf, type KnownCauseId } from './known-causes'
import { messageKeyCache } from './normalise'

/** The key of the group of failed imports the server sent no message for. */
export const NO_MESSAGE_KEY = '\u0000no-message'

/** The key of a known cause's group: its English and Chinese wordings are one group. */
export const knownCauseKey = (id: KnownCauseId): string => `\u0000known:${id}`
const KNOWN_BY_KEY = new Map(KNOWN_CAUSE_IDS.map((id) => [knownCauseKey(id), id]))

/** An import failed (status 3) or finished with failed records. */
export function isFailedImport(task: ImportTask): boolean {
  return task.status === '3' || (task.status === '2' && task.failNum > 0)
}

export interface CauseGroup {
  /** knownCauseKey(id) for a known cause, else the normalised message, or NO_MESSAGE_KEY. */
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

const normalised = messageKeyCache()
const causeKeys = new Map<string, string>()

/**
 * The group key of a task's message ('' and whitespace: no message): the known cause when one
 * matches, else the normalised message. Memoised per distinct message (bounded like
 * messageKeyCache), so 100,000 tasks cost a few hundred normalisations.
 */
export function causeKeyOf(message: string): string {
  let key = causeKeys.get(message)
  if (key === undefined) {
    const folded = message.trim() === '' ? '' : normalised(message)
    const known = folded === '' ? null : knownCauseOf(folded)
    key = folded === '' ? NO_MESSAGE_KEY : known ? knownCauseKey(known) : folded
    if (causeKeys.size >= 20_000) causeKeys.clear()
    causeKeys.set(message, key)
  }
  return key
}

/** Whether a failed task belongs to the group of `key`. */
export function hasCause(task: ImportTask, key: string): boolean {
  return isFailedImport(task) && causeKeyOf(task.errMsg) === key
}

function newGroup(key: string, message: string): CauseGroup {
  return {
    key,
    known: KNOWN_BY_KEY.get(key) ?? null,
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
