import type { ImportTask } from '../../shared/import-task'
import { buildTask } from '../../shared/testing/task-builder'
import type { CacheEntryInput } from '../cache/task-cache'

/** Test data for the cache tests and the kill-mid-write child process. */

export function sampleTask(i: number, extra: Record<string, unknown> = {}): ImportTask {
  return buildTask({
    id: String(100000000000000000000000000000n + BigInt(i)),
    status: (['0', '1', '2', '3'] as const)[i % 4]!,
    beginTime: '2024-05-01 08:00:00',
    endTime: i % 4 < 2 ? '' : '2024-05-01 08:10:00',
    beginAt: 1714550400000,
    endAt: i % 4 < 2 ? null : 1714551000000,
    succNum: 1000 + i,
    repeatNum: i % 7,
    failNum: i % 13,
    blackNum: i % 5,
    errMsg: i % 4 === 3 ? 'Import interrupted: database operation exception' : '',
    extra,
  })
}

/**
 * A recognisable entry: every task carries the generation in `extra.gen` and the fetch time is
 * derived from it, so a reader can tell a complete entry from a mix of two writes.
 */
export function generationEntry(generation: number, taskCount: number): CacheEntryInput {
  const tasks = Array.from({ length: taskCount }, (_, i) => sampleTask(i, { gen: generation }))
  return {
    profileId: 'profile-kill',
    campaignId: 'campaign-kill',
    fetchedAt: new Date(Date.UTC(2024, 0, 1) + generation * 1000).toISOString(),
    count: taskCount,
    incomplete: false,
    hasBlackNum: true,
    tasks,
  }
}

export function generationOf(fetchedAt: string): number {
  return (Date.parse(fetchedAt) - Date.UTC(2024, 0, 1)) / 1000
}
