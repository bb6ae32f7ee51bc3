/**
 * Reading main's 'tasks:changed' events (full lists and deltas, main/monitor/window-feed.ts) as
 * the window does: the meta of each change, and each campaign's list rebuilt from them.
 */
import type { TaskSnapshot, TaskSnapshotMeta, TasksChange } from '../../src/shared/contract'
import { applyDelta } from '../../src/shared/task-diff'
import type { RecordedEvent } from '../fixtures/app-controls'

/** The 'tasks:changed' events recorded, in order. */
export function taskChanges(events: readonly RecordedEvent[]): TasksChange[] {
  return events.filter((e) => e.event === 'tasks:changed').map((e) => e.payload as TasksChange)
}

/** What a change says besides its tasks (campaign, stale, failures, ...). */
export function metaOf(change: TasksChange): TaskSnapshotMeta {
  if (change.kind === 'delta') return change.meta
  const { tasks: _tasks, ...meta } = change.snapshot
  return meta
}

/**
 * The campaign's list as the events built it, or undefined when none came (or a delta came on
 * a version the events did not bring: the window then reads the list with tasks:cached).
 */
export function listFromEvents(
  events: readonly RecordedEvent[],
  campaignId: string,
): TaskSnapshot | undefined {
  let held: { version: number; epoch: string; snapshot: TaskSnapshot } | undefined
  for (const change of taskChanges(events)) {
    if (metaOf(change).campaignId !== campaignId) continue
    if (change.kind === 'full') held = change
    else if (held?.epoch === change.epoch && held.version === change.baseVersion) {
      held = { ...change, snapshot: applyDelta(held.snapshot, change).snapshot }
    } else held = undefined
  }
  return held?.snapshot
}
