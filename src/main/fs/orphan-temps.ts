import { lstat, readdir, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { parseTempName } from './atomic-write'

/**
 * Temp files of atomic writes (atomic-write.ts) that a killed process left behind. Only names of
 * our exact shape are touched, and only when no write can still be using them: the writer's pid
 * is not a running process here and the file has been quiet for `minAgeMs` (a folder shared with
 * another machine or a sandboxed CLI has pids we cannot see; their writes keep the mtime fresh),
 * or the file has been quiet for `staleMs` whatever the pid says (the pid was reused). The app is
 * single-instance, but the CLI may be writing into the same folder at the same moment: its live
 * pid keeps its temp file safe.
 */

export interface SweepOptions {
  /** A dead writer's temp file must have been quiet this long (default 60 s). */
  minAgeMs?: number
  /** Any temp file quiet this long is an orphan, even if its pid is running (default 1 h). */
  staleMs?: number
  now?: () => number
  /** Whether a process with this pid runs on this machine (a stand-in in tests). */
  isRunning?: (pid: number) => boolean
}

export const ORPHAN_MIN_AGE_MS = 60_000
export const ORPHAN_STALE_MS = 60 * 60_000

export function isProcessRunning(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0) // signal 0: only asks whether the process exists
    return true
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Whether `name` in `dir` is one of our temp files that nobody can still be writing. */
export async function isOrphanTemp(
  dir: string,
  name: string,
  opts: SweepOptions = {},
): Promise<boolean> {
  const parsed = parseTempName(name)
  if (!parsed) return false
  let info
  try {
    info = await lstat(join(dir, name))
  } catch {
    return false
  }
  if (!info.isFile()) return false
  const quiet = (opts.now ?? Date.now)() - info.mtimeMs
  if (quiet >= (opts.staleMs ?? ORPHAN_STALE_MS)) return true
  const running = (opts.isRunning ?? isProcessRunning)(parsed.pid)
  return !running && quiet >= (opts.minAgeMs ?? ORPHAN_MIN_AGE_MS)
}

/**
 * Deletes the orphaned temp files directly in `dir` (not below it). Returns how many; a missing
 * or unreadable folder sweeps nothing. Never throws: a sweep is housekeeping.
 */
export async function sweepOrphanTemps(dir: string, opts: SweepOptions = {}): Promise<number> {
  let names: string[]
  try {
    names = await readdir(dir)
  } catch {
    return 0
  }
  let removed = 0
  for (const name of names) {
    if (!(await isOrphanTemp(dir, name, opts))) continue
    try {
      await unlink(join(dir, name))
      removed++
    } catch {
      // Gone meanwhile, or not ours to delete: either way nothing to do.
    }
  }
  return removed
}

export interface SweepLog {
  info(message: string, context?: Record<string, unknown>): void
}

/** Sweeps `dir` and logs how many files went (never their names' targets or contents). */
export async function sweepAndLog(
  dir: string,
  log: SweepLog,
  opts: SweepOptions = {},
): Promise<number> {
  const removed = await sweepOrphanTemps(dir, opts)
  if (removed > 0) {
    log.info('Removed temporary files left by interrupted writes', { folder: dir, count: removed })
  }
  return removed
}
