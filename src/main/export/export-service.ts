import { dirname, resolve } from 'node:path'
import type { ExportResult } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import { msg, type PlainMessageId } from '../../shared/messages'
import type { ImportTask } from '../../shared/import-task'
import { DEFAULT_SETTINGS } from '../../shared/profile'
import { sweepAndLog, type SweepLog, type SweepOptions } from '../fs/orphan-temps'
import { writeCsvFile } from './csv-writer'
import { hasBlackNum, taskColumns } from './task-columns'
import { writeTasksXlsx, type TaskExportContext } from './task-workbook'

/**
 * The app's exports (main process): picks the rows the window shows, in its order, and writes
 * them as CSV (csv-writer.ts) or xlsx (task-workbook.ts), atomically: the file is complete or
 * absent. Takes a list of tasks and a context, never a campaign, so any kind of import exports. The save dialog and
 * "Show in folder" are Electron glue outside this module; ExportedFiles is the check that glue
 * makes before opening a path the renderer names.
 */

export interface ExportTasksOptions {
  /** The campaign's cached tasks, in cache (server) order. */
  tasks: readonly ImportTask[]
  /**
   * The rows on screen, in screen order (filtered and sorted by the window); null exports every
   * task in cache order. Ids not in `tasks` (gone since the screen was drawn) and repeats are
   * skipped: the result's rowCount says how many rows were written.
   */
  taskIds: readonly string[] | null
  /** `tasks` by id when known already (the window feed keeps it); else built here. */
  byId?: ReadonlyMap<string, ImportTask> | null
  path: string
  /** UTF-8 byte-order mark for Excel; default DEFAULT_SETTINGS.csvBom (on). */
  bom?: boolean
  /** Include the blackNum column; default: when any exported task has one. */
  withBlackNum?: boolean
}

/**
 * The tasks named by taskIds, in that order, each once; unknown ids are skipped; of two tasks
 * with one id, the first. With `byId` (the tasks by id, every id once) one lookup a row; without
 * it, one hash map of the ids (100,000 of them: two map operations a row).
 */
export function selectTasks(
  tasks: readonly ImportTask[],
  taskIds: readonly string[] | null,
  byId?: ReadonlyMap<string, ImportTask> | null,
): ImportTask[] {
  if (taskIds === null) return [...tasks]
  if (byId && byId.size === tasks.length) {
    const out: ImportTask[] = []
    const seen = new Set<ImportTask>()
    for (const id of taskIds) {
      const task = byId.get(id)
      if (task === undefined || seen.has(task)) continue
      seen.add(task)
      out.push(task)
    }
    return out
  }
  // Each id's first place on screen: filled backwards, so the first one stays.
  const place = new Map<string, number>()
  for (let i = taskIds.length - 1; i >= 0; i--) place.set(taskIds[i]!, i)
  const placed = new Array<ImportTask | undefined>(taskIds.length)
  for (const task of tasks) {
    const i = place.get(task.id)
    if (i !== undefined && placed[i] === undefined) placed[i] = task
  }
  const out: ImportTask[] = []
  for (const task of placed) if (task !== undefined) out.push(task)
  return out
}

const WRITE_PROBLEMS: Readonly<Record<string, PlainMessageId>> = {
  EACCES: 'writeNoPermission',
  EPERM: 'writeInUse',
  EBUSY: 'writeBusy',
  ENOENT: 'writeNoFolder',
  ENOTDIR: 'writeNoFolder',
  EISDIR: 'writeIsFolder',
  EROFS: 'writeReadOnly',
  ENOSPC: 'writeDiskFull',
  EDQUOT: 'writeQuota',
  ENAMETOOLONG: 'writeNameTooLong',
}

function writeError(path: string, err: unknown, format: ExportFormat = 'csv'): AppError {
  const code = (err as NodeJS.ErrnoException | null)?.code
  const known = code !== undefined ? WRITE_PROBLEMS[code] : undefined
  // An unknown failure is shown in the system's own words.
  const problem =
    known !== undefined ? msg(known) : err instanceof Error ? err.message : String(err)
  return new AppError(
    'internal',
    msg(format === 'xlsx' ? 'xlsxWriteFailed' : 'csvWriteFailed', { path, problem }),
    { field: 'path', ...(code !== undefined ? { cause: code } : {}) },
    { cause: err },
  )
}

/** Writes the selected tasks as CSV (the standard task columns). Throws AppError on failure. */
export async function exportTasksCsv(options: ExportTasksOptions): Promise<ExportResult> {
  const rows = selectTasks(options.tasks, options.taskIds, options.byId)
  const withBlackNum = options.withBlackNum ?? hasBlackNum(rows)
  try {
    const { path, rowCount } = await writeCsvFile(
      options.path,
      taskColumns({ withBlackNum }),
      rows,
      { bom: options.bom ?? DEFAULT_SETTINGS.csvBom },
    )
    return { path, rowCount }
  } catch (err) {
    throw writeError(options.path, err)
  }
}

export interface ExportTasksXlsxOptions extends Omit<ExportTasksOptions, 'bom'> {
  /** What the rows are (title, server, campaign, filter, failure causes): the Summary sheet. */
  context: TaskExportContext
}

/** Writes the selected tasks as an xlsx workbook (task-workbook.ts). Throws AppError on failure. */
export async function exportTasksXlsx(options: ExportTasksXlsxOptions): Promise<ExportResult> {
  const rows = selectTasks(options.tasks, options.taskIds, options.byId)
  const withBlackNum = options.withBlackNum ?? hasBlackNum(rows)
  try {
    const { path, rowCount } = await writeTasksXlsx(options.path, rows, options.context, {
      withBlackNum,
    })
    return { path, rowCount }
  } catch (err) {
    throw writeError(options.path, err, 'xlsx')
  }
}

/**
 * Removes the temp files that exports killed mid-write left in the folder of `path` (only our
 * own temp-name pattern, only when no write can still be using them: orphan-temps.ts). Called at
 * each export, so a folder is cleaned at the next export there. Never throws.
 */
export function sweepExportFolder(
  path: string,
  log: SweepLog,
  opts: SweepOptions = {},
): Promise<number> {
  return sweepAndLog(dirname(resolve(path)), log, opts)
}

/**
 * Paths this session exported. "Show in folder" takes a path from the renderer; only a file main
 * wrote itself is revealed, so a compromised page cannot make the shell open arbitrary paths.
 */
export class ExportedFiles {
  readonly #paths = new Set<string>()
  readonly #caseInsensitive: boolean

  constructor(platform: NodeJS.Platform = process.platform) {
    // Windows and (by default) macOS file systems ignore case: compare the way they do.
    this.#caseInsensitive = platform === 'win32' || platform === 'darwin'
  }

  #key(path: string): string {
    const full = resolve(path)
    return this.#caseInsensitive ? full.toLowerCase() : full
  }

  remember(path: string): void {
    this.#paths.add(this.#key(path))
  }

  has(path: string): boolean {
    return path !== '' && this.#paths.has(this.#key(path))
  }

  /** Throws a validation AppError unless this session exported `path`; returns it resolved. */
  check(path: string): string {
    if (!this.has(path)) {
      throw new AppError('validation', msg('showOnlyExported'), { field: 'path' })
    }
    return resolve(path)
  }
}

// Control characters are exactly what must go here.
// eslint-disable-next-line no-control-regex
const UNSAFE_FILENAME = /[<>:"/\\|?*\u0000-\u001f\u007f]+/g

/** A file-name-safe form of a label ("Q3 / Renewals" → "Q3-Renewals"); `fallback` when none is left. */
export function safeFileNamePart(text: string, maxLength = 60, fallback = 'campaign'): string {
  const cleaned = text
    .normalize('NFC')
    .replace(UNSAFE_FILENAME, '-')
    .replace(/[\s[\]]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
  // Cut by code points so a CJK or emoji character is never split in half.
  const cut = [...cleaned]
    .slice(0, maxLength)
    .join('')
    .replace(/[-.]+$/, '')
  return cut === '' ? fallback : cut
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0')
}

export type ExportFormat = 'csv' | 'xlsx'

export interface ExportNameParts {
  /** The server's host[:port] ("10.0.0.1:28443"); a URL is reduced to it. */
  server: string
  /** The campaign's name or id, or what else the rows are ("blacklist"). */
  campaign: string
  date: Date
  format: ExportFormat
}

/** The host[:port] of a server URL, or the text itself when it is no URL. */
export function serverHost(server: string): string {
  try {
    return new URL(server).host || server
  } catch {
    return server
  }
}

/**
 * The save dialog's suggestion: imports-<server>-<campaign>-YYYY-MM-DD-HHmm.<csv|xlsx>, local
 * time. Safe on Windows, macOS and Linux: no reserved character or control, no trailing dot or
 * space, never a reserved device name (it starts with "imports-"), at most about 150 characters.
 */
export function defaultExportName({ server, campaign, date, format }: ExportNameParts): string {
  const stamp =
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `-${pad(date.getHours())}${pad(date.getMinutes())}`
  const host = safeFileNamePart(serverHost(server), 60, 'server')
  return `imports-${host}-${safeFileNamePart(campaign)}-${stamp}.${format}`
}
