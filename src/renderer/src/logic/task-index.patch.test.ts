import fc from 'fast-check'
import type { TaskSnapshot } from '@shared/contract'
import type { ImportTask, TaskStatus } from '@shared/import-task'
import { applyDelta, diffTasks, tasksById } from '@shared/task-diff'
import { buildTask } from '@shared/testing/task-builder'
import {
  EMPTY_FILTER,
  SORT_COLUMNS,
  TaskIndex,
  type SortState,
  type TaskFilter,
} from './task-index'

const NOW = Date.UTC(2025, 5, 1, 12)

const taskArb: fc.Arbitrary<ImportTask> = fc
  .record({
    n: fc.integer({ min: 1, max: 40 }),
    status: fc.constantFrom<TaskStatus>('0', '1', '2', '3'),
    succNum: fc.integer({ min: 0, max: 5 }),
    failNum: fc.integer({ min: 0, max: 3 }),
    begin: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
    errMsg: fc.constantFrom('', 'Bad phone', 'bad PHONE', 'File encoding error'),
  })
  .map(({ n, status, succNum, failNum, begin, errMsg }) =>
    buildTask({
      id: String(1000 + n),
      status,
      succNum,
      failNum,
      errMsg,
      beginAt: begin === null ? null : NOW - begin * 60_000,
      endAt: status === '2' || status === '3' ? NOW : null,
    }),
  )

const listArb = fc.uniqueArray(taskArb, { selector: (t) => t.id, maxLength: 30 })

function snap(tasks: ImportTask[]): TaskSnapshot {
  return {
    profileId: 'p1',
    campaignId: 'c1',
    tasks,
    count: tasks.length,
    fetchedAt: new Date(NOW).toISOString(),
    stale: false,
    incomplete: false,
    hasBlackNum: false,
  }
}

const SORTS: SortState[] = SORT_COLUMNS.flatMap((column) => [
  { column, order: 'ascend' as const },
  { column, order: 'descend' as const },
])
const FILTERS: TaskFilter[] = [
  EMPTY_FILTER,
  { ...EMPTY_FILTER, statuses: ['3'] },
  { ...EMPTY_FILTER, text: 'phone', onlyFailed: true },
]

const ids = (tasks: readonly ImportTask[]) => tasks.map((t) => t.id)

describe('TaskIndex patched by a delta', () => {
  it('shows exactly what an index built from the whole new list shows, for every sort and filter', () => {
    fc.assert(
      fc.property(fc.array(listArb, { minLength: 2, maxLength: 5 }), fc.nat(), (lists, warm) => {
        let held = snap(lists[0]!)
        let index = new TaskIndex(held.tasks, NOW)
        for (const next of lists.slice(1)) {
          // Some sort orders are cached before the delta, as the table's use would leave them.
          for (let k = 0; k < SORTS.length; k += 1 + (warm % 3)) index.view(EMPTY_FILTER, SORTS[k]!)
          const diff = diffTasks(tasksById(held.tasks)!, next, tasksById(next)!)
          const applied = applyDelta(held, { meta: held, ...diff })
          index = new TaskIndex(applied.snapshot.tasks, NOW, {
            index,
            oldToNew: applied.oldToNew,
            fresh: applied.fresh,
          })
          held = applied.snapshot
          const whole = new TaskIndex(next, NOW)
          expect(new Set(ids(held.tasks))).toEqual(new Set(ids(next)))
          for (const filter of FILTERS) {
            expect(ids(index.filtered(filter)).sort()).toEqual(ids(whole.filtered(filter)).sort())
            for (const sort of SORTS) {
              expect(ids(index.view(filter, sort))).toEqual(ids(whole.view(filter, sort)))
            }
          }
        }
      }),
      { numRuns: 100 },
    )
  }, 120_000) // many small indexes: slow only on a loaded machine

  it('carries the unchanged tasks over as the same objects and applies the new meta', () => {
    const a = buildTask({ id: '1' })
    const b = buildTask({ id: '2' })
    const b2 = { ...b, status: '3' as const }
    const c = buildTask({ id: '3' })
    const base = snap([a, b])
    const applied = applyDelta(base, {
      meta: { ...base, stale: true },
      upserted: [c, b2],
      removed: ['1'],
    })
    expect(applied.snapshot.tasks).toEqual([c, b2])
    expect(applied.snapshot.stale).toBe(true)
    expect([...applied.oldToNew]).toEqual([-1, -1])
    expect(applied.fresh).toEqual([0, 1])
  })
})
