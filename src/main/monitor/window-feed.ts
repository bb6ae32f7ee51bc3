/**
 * The window feed: every campaign's task list reaches the window once, later changes as deltas.
 *
 * Sits at the window boundary only (compose.ts): main's services still emit 'tasks:updated' with
 * the whole TaskSnapshot, and the overview and the alert service see it as before; here it becomes
 * the window's 'tasks:changed'. Each snapshot gets a version, one up per change of the campaign,
 * and the diff against the previous one is computed once, here, by task id (shared/task-diff.ts).
 * The window is sent the whole list the first time, or when the previous version may not have
 * reached it; otherwise the delta. The refresh reply (receipt) and the cached list carry the same
 * versions, so the window sees a lost update as a version gap and repairs it with one tasks:cached.
 * `epoch` is new per process: a window outliving a restarted main starts again from full lists.
 */
import { randomUUID } from 'node:crypto'
import type {
  Emit,
  TaskSnapshot,
  TaskSnapshotMeta,
  TasksChange,
  TasksReceipt,
  VersionedSnapshot,
} from '../../shared/contract'
import type { ImportTask } from '../../shared/import-task'
import { diffTasks, metaOf, sameMeta, tasksById, type TaskDiff } from '../../shared/task-diff'

interface Entry {
  version: number
  snapshot: TaskSnapshot
  /** The meta as it was when committed (after-fetch updates a stale snapshot in place). */
  meta: TaskSnapshotMeta
  /** null: the list repeats an id, so it only ever travels whole. */
  byId: Map<string, ImportTask> | null
  /** The version the window was last sent; null: unknown (not sent, or the send failed). */
  delivered: number | null
}

interface Commit {
  entry: Entry
  /** Against the previous version; null when there is none to diff against. */
  diff: TaskDiff | null
  baseVersion: number | null
}

const keyOf = (profileId: string, campaignId: string): string => `${profileId}\u0000${campaignId}`

export class WindowFeed {
  readonly epoch: string
  readonly #entries = new Map<string, Entry>()
  readonly #toWindow: Emit<unknown>

  /** `toWindow`: the window's event sender; a `false` answer means the event did not go out. */
  constructor(toWindow: Emit<unknown>, epoch: string = randomUUID()) {
    this.#toWindow = toWindow
    this.epoch = epoch
  }

  /**
   * The sender main's services emit through: 'tasks:updated' goes to the window as
   * 'tasks:changed', every other event unchanged.
   */
  readonly emit: Emit = (event, payload) => {
    if (event === 'tasks:updated') this.#send(payload as TaskSnapshot)
    else this.#toWindow(event, payload)
  }

  /** The reply to tasks:cached: the list, versioned, and now known to be in the window. */
  cached(snapshot: TaskSnapshot | null): VersionedSnapshot | null {
    if (!snapshot) return null
    const { entry } = this.#commit(snapshot, false)
    entry.delivered = entry.version
    return { epoch: this.epoch, version: entry.version, snapshot }
  }

  /**
   * The reply to tasks:refresh: the version of the snapshot the refresh ended with. That snapshot
   * went out as an event already; one that did not (or changed since) is sent now.
   */
  receipt(snapshot: TaskSnapshot): TasksReceipt {
    const entry = this.#entries.get(keyOf(snapshot.profileId, snapshot.campaignId))
    const meta = metaOf(snapshot)
    if (entry?.snapshot !== snapshot || !sameMeta(entry.meta, meta)) this.#send(snapshot)
    const version = this.#entries.get(keyOf(snapshot.profileId, snapshot.campaignId))!.version
    return { epoch: this.epoch, version, meta }
  }

  /**
   * The campaign's list as the window was last given it, with its tasks by id (null when an id
   * repeats); null when the window was never given one. What an export of the rows on screen
   * reads: no disk read, and the lookup the diffs use anyway.
   */
  latest(
    profileId: string,
    campaignId: string,
  ): { snapshot: TaskSnapshot; byId: ReadonlyMap<string, ImportTask> | null } | null {
    const entry = this.#entries.get(keyOf(profileId, campaignId))
    return entry ? { snapshot: entry.snapshot, byId: entry.byId } : null
  }

  #send(snapshot: TaskSnapshot): void {
    const previous = this.#entries.get(keyOf(snapshot.profileId, snapshot.campaignId))
    const reachedWindow = previous !== undefined && previous.delivered === previous.version
    const { entry, diff, baseVersion } = this.#commit(snapshot, true)
    const change: TasksChange =
      diff && reachedWindow && baseVersion !== null
        ? {
            kind: 'delta',
            epoch: this.epoch,
            version: entry.version,
            baseVersion,
            meta: entry.meta,
            upserted: diff.upserted,
            removed: diff.removed,
          }
        : { kind: 'full', epoch: this.epoch, version: entry.version, snapshot }
    const sent = this.#toWindow('tasks:changed', change)
    entry.delivered = sent === false ? null : entry.version
  }

  /**
   * Records `snapshot` as the campaign's current one. A new version when its tasks or meta
   * changed, or always when `bump` (an event is a change the window must see in order).
   */
  #commit(snapshot: TaskSnapshot, bump: boolean): Commit {
    const key = keyOf(snapshot.profileId, snapshot.campaignId)
    const previous = this.#entries.get(key)
    const meta = metaOf(snapshot)
    if (!previous) {
      const entry: Entry = {
        version: 1,
        snapshot,
        meta,
        byId: tasksById(snapshot.tasks),
        delivered: null,
      }
      this.#entries.set(key, entry)
      return { entry, diff: null, baseVersion: null }
    }
    // The same list (a stale snapshot updated in place): nothing to diff.
    const sameTasks = previous.snapshot.tasks === snapshot.tasks
    const byId = sameTasks ? previous.byId : tasksById(snapshot.tasks)
    const diff: TaskDiff | null = sameTasks
      ? { upserted: [], removed: [] }
      : previous.byId && byId
        ? diffTasks(previous.byId, snapshot.tasks, byId)
        : null
    const unchanged =
      diff !== null &&
      diff.upserted.length === 0 &&
      diff.removed.length === 0 &&
      sameMeta(previous.meta, meta)
    const entry: Entry = {
      version: unchanged && !bump ? previous.version : previous.version + 1,
      snapshot,
      meta,
      byId,
      delivered: previous.delivered,
    }
    this.#entries.set(key, entry)
    return { entry, diff, baseVersion: previous.version }
  }
}
