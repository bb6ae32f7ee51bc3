/**
 * What changed between two lists of a campaign's tasks, by task id: main's window feed computes
 * it once per new snapshot (main/monitor/window-feed.ts), the window applies it
 * (renderer logic/snapshot-apply.ts). Plain data, no Node or DOM.
 */
import type { TaskSnapshot, TaskSnapshotMeta } from './contract'
import type { ImportTask } from './import-task'

export interface TaskDiff {
  /** Tasks that are new or whose fields changed, in the new list's order. */
  upserted: ImportTask[]
  /** Ids of tasks that are no longer listed. */
  removed: string[]
}

/** The tasks by id; null when an id repeats (such a list is only ever sent whole). */
export function tasksById(tasks: readonly ImportTask[]): Map<string, ImportTask> | null {
  const byId = new Map<string, ImportTask>()
  for (const t of tasks) byId.set(t.id, t)
  return byId.size === tasks.length ? byId : null
}

/** The snapshot's fields besides its tasks. */
export function metaOf(s: TaskSnapshot): TaskSnapshotMeta {
  const { tasks: _tasks, ...meta } = s
  return meta
}

/** Whether two metas say the same (JSON-shaped data: a text comparison is exact and cheap). */
export function sameMeta(a: TaskSnapshotMeta, b: TaskSnapshotMeta): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

function emptyRecord(v: unknown): boolean {
  return typeof v === 'object' && v !== null && Object.keys(v).length === 0
}

/**
 * Whether two tasks hold the same values: one shallow pass over the fields (scalars in the field
 * table), with `extra` (what the server sent beyond the documented fields) compared as JSON.
 */
export function sameTask(a: ImportTask, b: ImportTask): boolean {
  if (a === b) return true
  let fields = 0
  for (const key in a) {
    fields++
    const va = (a as unknown as Record<string, unknown>)[key]
    const vb = (b as unknown as Record<string, unknown>)[key]
    if (Object.is(va, vb)) continue
    if (key !== 'extra') return false
    if (emptyRecord(va) && emptyRecord(vb)) continue
    if (JSON.stringify(va) !== JSON.stringify(vb)) return false
  }
  for (const _key in b) fields--
  return fields === 0
}

/** The tasks of `after` that are new or changed against `before`, and the ids that went. */
export function diffTasks(
  before: ReadonlyMap<string, ImportTask>,
  after: readonly ImportTask[],
  afterById: ReadonlyMap<string, ImportTask>,
): TaskDiff {
  const upserted: ImportTask[] = []
  for (const t of after) {
    const old = before.get(t.id)
    if (old === undefined || !sameTask(old, t)) upserted.push(t)
  }
  const removed: string[] = []
  for (const id of before.keys()) if (!afterById.has(id)) removed.push(id)
  return { upserted, removed }
}

/** What applying a delta did, so an index over the old list can be patched, not rebuilt. */
export interface AppliedDelta {
  snapshot: TaskSnapshot
  /** Per old position: its new position, or -1 when the task went or changed. */
  oldToNew: Int32Array
  /** New positions of the tasks that appeared or changed. */
  fresh: number[]
}

/**
 * `base` with the delta applied: new tasks first (as the server lists the newest first), then the
 * old order with changed tasks replaced in place and removed ones dropped; meta from the delta.
 */
export function applyDelta(
  base: TaskSnapshot,
  delta: { meta: TaskSnapshotMeta; upserted: readonly ImportTask[]; removed: readonly string[] },
): AppliedDelta {
  const gone = new Set(delta.removed)
  const changed = new Map<string, ImportTask>()
  for (const t of delta.upserted) changed.set(t.id, t)
  const old = base.tasks
  const known = new Set<string>()
  for (const t of old) if (changed.has(t.id)) known.add(t.id)
  const tasks: ImportTask[] = []
  const fresh: number[] = []
  for (const t of delta.upserted) {
    if (known.has(t.id) || gone.has(t.id)) continue
    fresh.push(tasks.length)
    tasks.push(t)
  }
  const oldToNew = new Int32Array(old.length)
  for (let i = 0; i < old.length; i++) {
    const t = old[i]!
    if (gone.has(t.id)) {
      oldToNew[i] = -1
      continue
    }
    const next = changed.get(t.id)
    if (next) {
      oldToNew[i] = -1
      fresh.push(tasks.length)
      tasks.push(next)
    } else {
      oldToNew[i] = tasks.length
      tasks.push(t)
    }
  }
  return { snapshot: { ...delta.meta, tasks }, oldToNew, fresh }
}
