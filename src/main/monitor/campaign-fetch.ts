import type { TaskSnapshot } from '../../shared/contract'
import { AppError, cancelledError, isAppError } from '../../shared/errors'
import { isRetryable } from '../../shared/error-kinds'
import { msg } from '../../shared/messages'
import type { ServerProfile } from '../../shared/profile'
import {
  fetchAllImportTasks,
  taskSourceFor,
  type FetchAllOptions,
  type FetchProgress,
} from '../isales/fetch-all'
import type { ClientPool, Lease } from './client-pool'
import { toAppError, type Outcome } from './outcome'

/**
 * One fetch of a campaign's import tasks, every page, through the profile's pooled client (whose
 * requests each hold one of the server's slots: isales/server-slots.ts). It never rejects: any failure (a missing SK, an unknown profile, the server) is its outcome.
 */

export interface CampaignFetchOptions {
  /** The profile store's get: throws when there is no such profile. */
  getProfile(id: string): ServerProfile
  /** The secret store's get: null when no SK is stored. */
  getSecret(profileId: string): Promise<string | null>
  pool: ClientPool
  now(): number
  /** Passed to fetchAllImportTasks: per-page retries, pages in flight, page size. */
  fetch?: Pick<FetchAllOptions, 'retry' | 'concurrency' | 'pageSize'>
}

export interface CampaignRef {
  profileId: string
  campaignId: string
}

export async function fetchCampaign(
  o: CampaignFetchOptions,
  { profileId, campaignId }: CampaignRef,
  signal: AbortSignal,
  onProgress: (p: FetchProgress) => void,
): Promise<Outcome> {
  let lease: Lease | undefined
  try {
    const profile = profileOrError(o, profileId)
    const sk = await o.getSecret(profileId)
    if (sk === null || sk === '') throw new AppError('auth', msg('secretMissing'))
    if (signal.aborted) throw cancelledError()
    lease = o.pool.acquire(profile, sk)
    // The blacklist's reserved id reads the blackfile interface instead (shared/blacklist.ts).
    const result = await fetchAllImportTasks(taskSourceFor(lease.client, campaignId), {
      ...o.fetch,
      campaignId,
      signal,
      onProgress,
    })
    const tasks = result.tasks
    const snapshot: TaskSnapshot = {
      profileId,
      campaignId,
      tasks,
      count: result.count,
      fetchedAt: new Date(o.now()).toISOString(),
      stale: false,
      incomplete: result.incomplete === true,
      ...(result.incompleteReason ? { incompleteReason: result.incompleteReason } : {}),
      hasBlackNum: tasks.some((t) => t.blackNum !== undefined),
    }
    return { ok: true, snapshot }
  } catch (err) {
    const error = signal.aborted ? cancelledError() : toAppError(err)
    return { ok: false, error, stale: null }
  } finally {
    lease?.release()
  }
}

function profileOrError(o: CampaignFetchOptions, profileId: string): ServerProfile {
  try {
    return o.getProfile(profileId)
  } catch (err) {
    if (isAppError(err)) throw err
    throw new AppError('validation', msg('profileGone'), { field: 'profileId' }, { cause: err })
  }
}

/**
 * Whether the server answers at all: one signed request for 1 row of the campaign, through the
 * profile's pooled client (each request holds one of the server's slots). Any
 * reply counts, even an error the server sent: only "could not reach it" says no.
 */
export async function serverAnswers(
  o: CampaignFetchOptions,
  { profileId, campaignId }: CampaignRef,
  signal: AbortSignal,
): Promise<boolean> {
  let lease: Lease | undefined
  try {
    const profile = o.getProfile(profileId)
    const sk = await o.getSecret(profileId)
    if (sk === null || sk === '' || signal.aborted) return false
    lease = o.pool.acquire(profile, sk)
    await taskSourceFor(lease.client, campaignId).queryImportTasks(
      { campaignId, offset: 0, limit: 1 },
      { signal },
    )
    return true
  } catch (err) {
    return !signal.aborted && isAppError(err) && err.code !== 'cancelled' && !isRetryable(err)
  } finally {
    lease?.release()
  }
}
