import { createHash } from 'node:crypto'
import { lstat, readdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { TASK_STATUSES, type ImportTask } from '../../shared/import-task'
import { INCOMPLETE_REASONS, type IncompleteReason } from '../../shared/contract'
import { TASK_FIELDS, type FieldKind } from '../../shared/task-fields'
import { writeFileAtomic } from '../fs/atomic-write'
import { clearSlot, ensureFolder, readRegularFile, shapeOf, WrongShape } from '../fs/file-shape'
import { isOrphanTemp, ORPHAN_MIN_AGE_MS, type SweepOptions } from '../fs/orphan-temps'

/**
 * The last good task list per (server profile, campaign), on disk under `<userDataDir>/cache/`:
 * one versioned JSON file per pair, written atomically (temp file + fsync + rename), so a process
 * killed mid-write leaves the previous file intact. A file that cannot be read back (bad JSON,
 * another version, wrong shape) is renamed aside as `*.quarantined-<time>`, reported through
 * `log.warn`, and treated as absent: the app carries on without it. Quarantined copies are kept
 * QUARANTINE_KEEP_MS (30 days) for support, then deleted at start-up (removeLeftoverTemps).
 *
 * The file name is `<h(profile)>-<h(profile, campaign)>.json`: nothing from the ids reaches the
 * file system as text (campaign ids are free text), and the profile prefix lets remove() find a
 * profile's files without reading them. No secret is ever part of an entry.
 */

export const CACHE_VERSION = 1
export const CACHE_DIR_NAME = 'cache'
const FILE_SUFFIX = '.json'
const QUARANTINE_MARK = '.quarantined-'
/** How long a quarantined copy is kept before start-up clean-up deletes it. */
export const QUARANTINE_KEEP_MS = 30 * 24 * 60 * 60_000

export interface CacheEntry {
  version: typeof CACHE_VERSION
  profileId: string
  campaignId: string
  /** ISO time of the fetch that produced the tasks. */
  fetchedAt: string
  count: number | null
  incomplete: boolean
  /** Why incomplete, so a restart still names it (absent in entries of older versions). */
  incompleteReason?: IncompleteReason
  hasBlackNum: boolean
  tasks: ImportTask[]
}

export type CacheEntryInput = Omit<CacheEntry, 'version'>

export interface CacheLog {
  warn(message: string, meta?: Record<string, unknown>): void
}

export interface TaskCacheOptions {
  userDataDir: string
  log: CacheLog
  now?: () => number
}

/** How each kind of field (task-fields.ts) is stored: already normalized, so plainly typed. */
const CACHED_FIELD = {
  id: z.string().min(1),
  status: z.enum(TASK_STATUSES as ['0', '1', '2', '3']),
  time: z.string(),
  count: z.number(),
  text: z.string(),
} satisfies Record<FieldKind, z.ZodType>

function cachedTaskShape(): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = {}
  for (const f of TASK_FIELDS) {
    shape[f.key] = f.optional ? CACHED_FIELD[f.kind].optional() : CACHED_FIELD[f.kind]
    if ('at' in f) shape[f.at] = z.number().nullable()
  }
  return shape
}

const taskSchema = z.object({
  ...cachedTaskShape(),
  extra: z.record(z.string(), z.unknown()),
})

const entrySchema = z.object({
  version: z.literal(CACHE_VERSION),
  profileId: z.string().min(1),
  campaignId: z.string().min(1),
  fetchedAt: z.iso.datetime({ offset: true }),
  count: z.number().int().min(0).nullable(),
  incomplete: z.boolean(),
  incompleteReason: z.enum(INCOMPLETE_REASONS).optional(),
  hasBlackNum: z.boolean(),
  tasks: z.array(taskSchema),
})

function hash(parts: readonly string[], length: number): string {
  // JSON of the array: ('a', 'bc') and ('ab', 'c') never collide as a plain concatenation would.
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, length)
}

function profilePrefix(profileId: string): string {
  return hash(['profile', profileId], 16) + '-'
}

/** Why a file was refused, in words for the log (never the file's content). */
function describeProblem(err: unknown): string {
  if (err instanceof SyntaxError) return 'not valid JSON'
  if (err instanceof z.ZodError) {
    const first = err.issues[0]
    const where = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : ''
    return `unexpected content${where}: ${first?.message ?? 'invalid'}`
  }
  return err instanceof Error ? err.message : String(err)
}

function errnoCode(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | null)?.code
}

export class TaskCache {
  readonly dir: string
  readonly #log: CacheLog
  readonly #now: () => number
  /** Operations on one file run one after another (a read never quarantines a newer write). */
  readonly #queues = new Map<string, Promise<unknown>>()

  constructor(options: TaskCacheOptions) {
    this.dir = join(options.userDataDir, CACHE_DIR_NAME)
    this.#log = options.log
    this.#now = options.now ?? Date.now
  }

  /** Absolute path of the pair's cache file (whether or not it exists). */
  fileFor(profileId: string, campaignId: string): string {
    const name = profilePrefix(profileId) + hash(['entry', profileId, campaignId], 32) + FILE_SUFFIX
    return join(this.dir, name)
  }

  /** The cached entry, or null when there is none or it could not be read (then quarantined). */
  get(profileId: string, campaignId: string): Promise<CacheEntry | null> {
    const path = this.fileFor(profileId, campaignId)
    return this.#serial(path, () => this.#read(path, profileId, campaignId))
  }

  /** Replaces the pair's entry atomically. Rejects with the raw fs error (ENOSPC, EACCES…). */
  put(input: CacheEntryInput): Promise<void> {
    const entry: CacheEntry = {
      version: CACHE_VERSION,
      profileId: input.profileId,
      campaignId: input.campaignId,
      fetchedAt: input.fetchedAt,
      count: input.count,
      incomplete: input.incomplete,
      ...(input.incompleteReason ? { incompleteReason: input.incompleteReason } : {}),
      hasBlackNum: input.hasBlackNum,
      tasks: input.tasks,
    }
    const path = this.fileFor(entry.profileId, entry.campaignId)
    return this.#serial(path, async () => {
      await this.#usableDir()
      // A folder or link in the file's place is quarantined, never written through.
      const cleared = await clearSlot(path, 'file', (p) => this.#moveAside(p))
      if (cleared) this.#warnMoved(path, cleared.movedTo, `a ${cleared.found}, not a file`)
      await writeFileAtomic(path, JSON.stringify(entry), { mode: 0o600 })
    })
  }

  /**
   * Removes every file of the profile: entries, quarantined copies and temp files a killed
   * write left behind. Returns how many files were removed.
   */
  async remove(profileId: string): Promise<number> {
    const prefix = profilePrefix(profileId)
    const names = await this.#list()
    let removed = 0
    for (const name of names) {
      const bare = name.startsWith('.') ? name.slice(1) : name
      if (!bare.startsWith(prefix)) continue
      const path = join(this.dir, name)
      const target = name.startsWith('.') ? path : join(this.dir, bare)
      await this.#serial(target, async () => {
        try {
          await rm(path, { recursive: true }) // a quarantined folder too
          removed++
        } catch (err) {
          if (errnoCode(err) !== 'ENOENT') throw err
        }
      })
    }
    return removed
  }

  /**
   * Deletes temp files of writes that never finished (a killed process; orphan-temps.ts decides,
   * so a write in progress, ours or the CLI's, is never touched) and quarantined copies older
   * than `quarantineKeepMs`. Meant for start-up. Returns how many files were removed.
   */
  async removeLeftoverTemps(
    minAgeMs = ORPHAN_MIN_AGE_MS,
    quarantineKeepMs = QUARANTINE_KEEP_MS,
    sweep: Omit<SweepOptions, 'minAgeMs' | 'now'> = {},
  ): Promise<number> {
    let removed = 0
    if ((await shapeOf(this.dir)) === 'missing') return 0
    await this.#usableDir()
    for (const name of await this.#list()) {
      const mark = name.lastIndexOf(QUARANTINE_MARK)
      const path = join(this.dir, name)
      try {
        if (mark < 0) {
          if (!(await isOrphanTemp(this.dir, name, { ...sweep, minAgeMs, now: this.#now })))
            continue
        } else {
          // Aged from the time in its name (rename keeps the mtime of the last good write).
          const stamp = name.slice(mark + QUARANTINE_MARK.length)
          const at = /^\d+$/.test(stamp) ? Number(stamp) : (await lstat(path)).mtimeMs
          if (this.#now() - at < quarantineKeepMs) continue
        }
        await rm(path, { recursive: true, force: true })
        removed++
      } catch (err) {
        if (errnoCode(err) !== 'ENOENT') throw err
      }
    }
    return removed
  }

  /**
   * The cache folder, created when missing; a file or a link in its place is quarantined (a link
   * is never followed: the cache would land wherever it points).
   */
  async #usableDir(): Promise<void> {
    const cleared = await ensureFolder(this.dir, (p) => this.#moveAside(p))
    if (cleared) this.#warnMoved(this.dir, cleared.movedTo, `a ${cleared.found}, not a folder`)
  }

  /** Renames to `<path>.quarantined-<now>`, never over an earlier quarantined copy. */
  async #moveAside(path: string): Promise<string> {
    const base = `${path}${QUARANTINE_MARK}${this.#now()}`
    let aside = base
    for (let n = 2; (await shapeOf(aside)) !== 'missing'; n++) aside = `${base}-${n}`
    await rename(path, aside)
    return aside
  }

  #warnMoved(path: string, movedTo: string, problem: string): void {
    this.#log.warn('Task cache: something else was in the place of the cache; moved aside', {
      file: path,
      movedTo,
      problem,
    })
  }

  async #list(): Promise<string[]> {
    // Never list (and so never delete in) whatever a link in the folder's place points to.
    if ((await shapeOf(this.dir)) !== 'folder') return []
    try {
      return await readdir(this.dir)
    } catch (err) {
      if (errnoCode(err) === 'ENOENT') return []
      throw err
    }
  }

  async #read(path: string, profileId: string, campaignId: string): Promise<CacheEntry | null> {
    let text: string
    try {
      const dirShape = await shapeOf(this.dir)
      if (dirShape === 'missing') return null
      if (dirShape !== 'folder') {
        await this.#usableDir()
        return null
      }
      text = await readRegularFile(path)
    } catch (err) {
      if (errnoCode(err) === 'ENOENT') return null
      if (err instanceof WrongShape) {
        await this.#quarantine(path, `a ${err.found}, not a file`)
        return null
      }
      // Unreadable for another reason (permissions): nothing to quarantine safely; carry on
      // without the cache.
      this.#log.warn('Task cache file could not be read; ignoring it', {
        file: path,
        code: errnoCode(err),
      })
      return null
    }
    try {
      const entry = entrySchema.parse(JSON.parse(text)) as CacheEntry
      if (entry.profileId !== profileId || entry.campaignId !== campaignId) {
        throw new Error('the file belongs to another profile or campaign')
      }
      return entry
    } catch (err) {
      await this.#quarantine(path, describeProblem(err))
      return null
    }
  }

  async #quarantine(path: string, problem: string): Promise<void> {
    try {
      const aside = await this.#moveAside(path)
      this.#log.warn('Task cache file is unreadable; moved aside and ignored', {
        file: path,
        movedTo: aside,
        problem,
      })
    } catch (err) {
      // Could not move it: ignoring it is still right; the next good fetch overwrites it.
      this.#log.warn('Task cache file is unreadable and could not be moved aside; ignored', {
        file: path,
        problem,
        code: errnoCode(err),
      })
    }
  }

  #serial<T>(path: string, op: () => Promise<T>): Promise<T> {
    const previous = this.#queues.get(path) ?? Promise.resolve()
    const run = previous.then(op, op)
    const tail = run.then(
      () => undefined,
      () => undefined,
    )
    this.#queues.set(path, tail)
    void tail.then(() => {
      if (this.#queues.get(path) === tail) this.#queues.delete(path)
    })
    return run
  }
}
