import { mkdir } from 'node:fs/promises'
import { basename, dirname } from 'node:path'
import { formatRef, msg, type MessageParam, type MessageRef } from '../../shared/messages'
import { writeFileAtomic } from './atomic-write'
import { clearSlot, readRegularFile, setAside, WrongShape } from './file-shape'

export { fileTimestamp, setAside } from './file-shape'

/**
 * Versioned JSON stores in the user-data folder (profiles, settings): `{ "version": n, ... }`,
 * written atomically, private to the user. A file that cannot be used is never silently replaced:
 * it is renamed aside (`<name>.broken-<timestamp>`, or `<name>.newer-<timestamp>` when a newer
 * version of the app wrote it) and the caller reports where it went.
 */

/** Upgrades a document of version `v` (the key) to version `v + 1`. */
export type Migration = (doc: Record<string, unknown>) => Record<string, unknown>

export interface VersionedFormat<T> {
  currentVersion: number
  /** Keyed by the version they upgrade from. */
  migrations: Readonly<Record<number, Migration>>
  /**
   * Validates a document of the current version; throws when it is unusable (an UnusableDocument
   * says why in the window's language; any other error's text is shown as it is).
   */
  parse(doc: Record<string, unknown>): T
}

export type LoadOutcome<T> =
  | { kind: 'missing' }
  | { kind: 'ok'; value: T }
  | {
      kind: 'set-aside'
      reason: 'broken' | 'newer'
      /** Where the file now is; null when it could not be moved (it is still at its path). */
      keptAs: string | null
      /** Why the file was not used (for logs; never contains secrets, which these files lack). */
      why: string
      /** The same for the person: a catalogue message, or an unexpected error's own text. */
      whyRef: MessageParam
      /** The file's format version, for 'newer'. */
      version?: number
    }

/** Why a document cannot be brought to the current version. */
export class UnusableDocument extends Error {
  constructor(
    readonly reason: 'broken' | 'newer',
    /** Why, as a catalogue message; `message` is its English text. */
    readonly ref: MessageRef,
    readonly version?: number,
  ) {
    super(formatRef('en', ref))
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Brings a parsed document to the current version, or says why it cannot. */
export function upgradeDocument<T>(data: unknown, format: VersionedFormat<T>): T {
  if (!isRecord(data)) throw new UnusableDocument('broken', msg('docNotObject'))
  let doc = data
  const version = doc.version
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new UnusableDocument('broken', msg('docNoVersion'))
  }
  if (version > format.currentVersion) {
    throw new UnusableDocument(
      'newer',
      msg('docNewerVersion', { version, current: format.currentVersion }),
      version,
    )
  }
  for (let v = version; v < format.currentVersion; v++) {
    const migrate = format.migrations[v]
    if (!migrate) throw new UnusableDocument('broken', msg('docNoUpgrade', { version: v }))
    doc = { ...migrate(doc), version: v + 1 }
  }
  return format.parse(doc)
}

export async function loadVersionedJson<T>(
  path: string,
  format: VersionedFormat<T>,
): Promise<LoadOutcome<T>> {
  let text: string
  try {
    text = await readRegularFile(path)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' }
    // A folder or a link in its place: set aside like a corrupt file, never followed.
    if (err instanceof WrongShape) return setAsideOutcome(path, 'broken', msg('docNotAFile'))
    return setAsideOutcome(path, 'broken', msg('docReadFailed', { code: errorCode(err) }))
  }
  try {
    return { kind: 'ok', value: upgradeDocument(JSON.parse(stripBom(text)), format) }
  } catch (err) {
    if (err instanceof UnusableDocument)
      return setAsideOutcome(path, err.reason, err.ref, err.version)
    const why = err instanceof SyntaxError ? msg('docNotJson') : errorText(err)
    return setAsideOutcome(path, 'broken', why)
  }
}

async function setAsideOutcome<T>(
  path: string,
  reason: 'broken' | 'newer',
  whyRef: MessageParam,
  version?: number,
): Promise<LoadOutcome<T>> {
  const why = typeof whyRef === 'object' ? formatRef('en', whyRef) : String(whyRef)
  let keptAs: string | null
  try {
    keptAs = await setAside(path, reason)
  } catch {
    keptAs = null
  }
  return {
    kind: 'set-aside',
    reason,
    keptAs,
    why,
    whyRef,
    ...(version !== undefined ? { version } : {}),
  }
}

/**
 * Writes the document atomically, readable by the user only; creates the folder if needed. A
 * folder or link that appeared at the path since it was read is set aside (`.broken-<time>`),
 * so the save heals instead of failing with EISDIR for ever.
 */
export async function saveVersionedJson(path: string, doc: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  await clearSlot(path, 'file', (p) => setAside(p, 'broken'))
  await writeFileAtomic(path, `${JSON.stringify(doc, null, 2)}\n`, { mode: 0o600 })
}

/** The plain-words description of a set-aside outcome for the person using the app. */
export function describeSetAside(
  what: MessageParam,
  outcome: Extract<LoadOutcome<unknown>, { kind: 'set-aside' }>,
  consequence: MessageParam,
): MessageRef {
  const kept = outcome.keptAs
    ? msg('storeKeptAs', { name: basename(outcome.keptAs) })
    : msg('storeKeptInPlace')
  if (outcome.reason === 'newer') {
    return msg('storeNewer', { what, version: outcome.version ?? '?', kept, consequence })
  }
  return msg('storeUnreadable', { what, why: outcome.whyRef, kept, consequence })
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

function errorCode(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? errorText(err)
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
