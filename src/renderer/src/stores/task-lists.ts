/**
 * The window's half of main's window feed (main/monitor/window-feed.ts): which version of each
 * campaign's task list the window holds, and how a 'tasks:changed' event, a tasks:cached answer
 * or a refresh's receipt moves it on. A delta is applied on top of the held version (its TaskIndex
 * patched, not rebuilt, when one was built); a delta on another version, or a receipt of a newer
 * one, is a gap, repaired by one tasks:cached. One read of a campaign's cache at a time.
 * Used by the tasks store (tasks.ts), which owns the snapshot map.
 */
import type {
  FeedVersion,
  TaskSnapshot,
  TasksChange,
  TasksReceipt,
  VersionedSnapshot,
} from '@shared/contract'
import type { ErrorPayload } from '@shared/errors'
import { applyDelta } from '@shared/task-diff'
import { call } from '../bridge'
import type { IndexPatch, TaskIndex } from '../logic/task-index'
import { campaignKey } from '../logic/view-state'

/** Above this share of the list changed, a delta's index is built afresh rather than patched. */
const PATCH_AT_MOST = 0.25

export interface TaskListsOptions {
  snapshotOf(key: string): TaskSnapshot | undefined
  setSnapshot(snapshot: TaskSnapshot): void
  /** The index already built for a snapshot, if any. */
  builtIndex(snapshot: TaskSnapshot): TaskIndex | undefined
  /** Builds the index of a snapshot made by a delta from one with `patch.index`. */
  patchIndex(snapshot: TaskSnapshot, patch: IndexPatch): void
  /** Main sent a fresh (not stale) list of the campaign, or a refresh ended with one. */
  onFresh(snapshot: Pick<TaskSnapshot, 'profileId' | 'campaignId'>): void
}

export interface TaskLists {
  /** The campaign's cached list (one call at a time per campaign); resolves with the error, if any. */
  loadCached(profileId: string, campaignId: string): Promise<ErrorPayload | null>
  onChanged(change: TasksChange): void
  /** After a refresh: the window holds the receipt's version, or repairs (resolved once held). */
  onReceipt(profileId: string, campaignId: string, receipt: TasksReceipt): Promise<void>
  /** Forgets the versions of the campaigns not kept. */
  retain(keep: ReadonlySet<string>): void
}

const newer = (held: FeedVersion | undefined, next: FeedVersion): boolean =>
  !held || held.epoch !== next.epoch || next.version > held.version

export function createTaskLists(o: TaskListsOptions): TaskLists {
  const versions = new Map<string, FeedVersion>()
  const reading = new Map<string, Promise<ErrorPayload | null>>()

  /** `sent`: main sent it as news (an event), not read back from the cache. */
  function hold(list: VersionedSnapshot, sent: boolean): void {
    const { profileId, campaignId } = list.snapshot
    versions.set(campaignKey(profileId, campaignId), { epoch: list.epoch, version: list.version })
    o.setSnapshot(list.snapshot)
    if (sent && !list.snapshot.stale) o.onFresh(list.snapshot)
  }

  function loadCached(profileId: string, campaignId: string): Promise<ErrorPayload | null> {
    const key = campaignKey(profileId, campaignId)
    let pending = reading.get(key)
    if (!pending) {
      pending = call((api) => api.cachedTasks({ profileId, campaignId }))
        .then((r) => {
          if (!r.ok) return r.error
          // Something newer may have arrived meanwhile: never go back to an older version.
          if (r.data && newer(versions.get(key), r.data)) hold(r.data, false)
          return null
        })
        .finally(() => reading.delete(key))
      reading.set(key, pending)
    }
    return pending
  }

  async function repair(profileId: string, campaignId: string): Promise<void> {
    const error = await loadCached(profileId, campaignId)
    if (error) console.error('Could not repair the task list', error)
  }

  function onChanged(change: TasksChange): void {
    if (change.kind === 'full') {
      const key = campaignKey(change.snapshot.profileId, change.snapshot.campaignId)
      if (newer(versions.get(key), change)) hold(change, true)
      return
    }
    const { profileId, campaignId } = change.meta
    const key = campaignKey(profileId, campaignId)
    const held = versions.get(key)
    const base = o.snapshotOf(key)
    if (held && !newer(held, change)) return // already there (a repair overtook it)
    if (!held || !base || held.epoch !== change.epoch || held.version !== change.baseVersion) {
      return void repair(profileId, campaignId)
    }
    const applied = applyDelta(base, change)
    const index = o.builtIndex(base)
    const changed = applied.fresh.length + (base.tasks.length - applied.snapshot.tasks.length)
    if (index && changed <= base.tasks.length * PATCH_AT_MOST) {
      o.patchIndex(applied.snapshot, { index, oldToNew: applied.oldToNew, fresh: applied.fresh })
    }
    hold({ epoch: change.epoch, version: change.version, snapshot: applied.snapshot }, true)
  }

  async function onReceipt(
    profileId: string,
    campaignId: string,
    receipt: TasksReceipt,
  ): Promise<void> {
    // The list went out as an event before the reply; one that did not arrive is fetched once.
    const key = campaignKey(profileId, campaignId)
    if (newer(versions.get(key), receipt)) await repair(profileId, campaignId)
    if (!receipt.meta.stale && !newer(versions.get(key), receipt)) o.onFresh(receipt.meta)
  }

  function retain(keep: ReadonlySet<string>): void {
    for (const key of [...versions.keys()]) if (!keep.has(key)) versions.delete(key)
  }

  return { loadCached, onChanged, onReceipt, retain }
}
