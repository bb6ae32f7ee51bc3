import type { TaskSnapshot } from '../../shared/contract'
import type { AppError } from '../../shared/errors'
import type { CacheEntry, CacheEntryInput } from '../cache/task-cache'
import type { Outcome } from './outcome'
import type { Watch } from './watches'

/**
 * A campaign's last good task list: the one fetched in this session (kept in memory, since saving
 * it may have failed), else the one on disk (TaskCache). Served marked stale, with the error, when
 * a fetch fails.
 */

/** What the monitor needs of TaskCache (src/main/cache/task-cache.ts). */
export interface TaskCacheStore {
  get(profileId: string, campaignId: string): Promise<CacheEntry | null>
  put(entry: CacheEntryInput): Promise<void>
  remove(profileId: string): Promise<number>
}

export type Warn = (message: string, meta?: Record<string, unknown>) => void

export function snapshotFromEntry(entry: CacheEntry): TaskSnapshot {
  return {
    profileId: entry.profileId,
    campaignId: entry.campaignId,
    tasks: entry.tasks,
    count: entry.count,
    fetchedAt: entry.fetchedAt,
    stale: false,
    incomplete: entry.incomplete,
    ...(entry.incompleteReason ? { incompleteReason: entry.incompleteReason } : {}),
    hasBlackNum: entry.hasBlackNum,
  }
}

/** The last good tasks, not yet marked (a failing cache read fails the call). */
export async function lastGood(
  cache: TaskCacheStore,
  watch: Watch | undefined,
  profileId: string,
  campaignId: string,
): Promise<TaskSnapshot | null> {
  if (watch?.last) return watch.last
  const entry = await cache.get(profileId, campaignId)
  return entry ? snapshotFromEntry(entry) : null
}

/**
 * After a fetch: a good result is saved (a failed save is only logged); a failure gets the last
 * good tasks marked stale with its error (none when the cache cannot be read).
 */
export async function keepOutcome(
  cache: TaskCacheStore,
  watch: Watch,
  outcome: Outcome,
  warn: Warn,
): Promise<Outcome> {
  if (outcome.ok) {
    await cache.put({ ...outcome.snapshot }).catch((err: unknown) =>
      warn('The fetched tasks could not be cached', {
        profileId: watch.profileId,
        campaignId: watch.campaignId,
        error: String((err as { code?: unknown })?.code ?? err),
      }),
    )
    return outcome
  }
  if (outcome.error.code === 'cancelled') return outcome
  return { ...outcome, stale: await staleSnapshot(cache, watch, outcome.error) }
}

async function staleSnapshot(
  cache: TaskCacheStore,
  watch: Watch,
  error: AppError,
): Promise<TaskSnapshot | null> {
  let base = watch.last
  if (!base) {
    const entry = await cache.get(watch.profileId, watch.campaignId).catch(() => null)
    base = entry ? snapshotFromEntry(entry) : null
  }
  return base ? { ...base, stale: true, error: error.toPayload() } : null
}
