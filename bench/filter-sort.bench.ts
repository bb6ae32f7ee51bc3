/**
 * The window's filter and sort on 50,000 simulator tasks: the renderer's TaskIndex (search text and
 * sort orders precomputed once per snapshot) against the naive way (Array.filter with toLowerCase
 * and Array.sort with localeCompare on every change). One iteration = building the index for a new
 * snapshot, then a supervisor's sequence of 12 changes; divide by 12 for the cost of one change.
 */
import { bench, describe } from 'vitest'
import { parseImportTaskPage } from '../src/main/isales/schemas'
import { generateCampaignTasks } from '../src/main/simulator/dataset'
import { naiveView } from './naive-filter-sort'
import {
  DEFAULT_SORT,
  EMPTY_FILTER,
  TaskIndex,
  type SortState,
  type TaskFilter,
} from '../src/renderer/src/logic/task-index'

const raw = generateCampaignTasks({ seed: 11, count: 50_000, now: Date.UTC(2026, 10, 1) })
const { tasks } = parseImportTaskPage({ resultCode: '0200000', returnCode: '0200000', result: raw })

const changes: Array<{ filter: TaskFilter; sort: SortState }> = []
let filter: TaskFilter = { ...EMPTY_FILTER }
let sort: SortState = DEFAULT_SORT
const change = (f: Partial<TaskFilter>, s?: SortState): void => {
  filter = { ...filter, ...f }
  if (s) sort = s
  changes.push({ filter, sort })
}
for (const text of ['f', 'fi', 'fil', 'file']) change({ text })
change({ text: '' })
change({ statuses: ['3'] })
change({ statuses: ['2', '3'] })
change({ onlyFailed: true })
change({}, { column: 'failNum', order: 'descend' })
change({}, { column: 'errMsg', order: 'ascend' })
change({}, { column: 'successRate', order: 'descend' })
change({ ...EMPTY_FILTER }, DEFAULT_SORT)

// Both must show the same rows before their times mean anything.
const check = new TaskIndex(tasks)
for (const c of changes) {
  const a = check.view(c.filter, c.sort).map((t) => t.id)
  const b = naiveView(tasks, c.filter, c.sort).map((t) => t.id)
  if (a.join() !== b.join()) throw new Error('TaskIndex and the naive view disagree')
}

describe(`filter and sort ${tasks.length} tasks: index build + ${changes.length} changes`, () => {
  bench(
    'naive filter + localeCompare sort per change',
    () => {
      for (const c of changes) naiveView(tasks, c.filter, c.sort)
    },
    { iterations: 3, warmupIterations: 1 },
  )
  bench(
    'TaskIndex: build + changes (a new snapshot)',
    () => {
      const index = new TaskIndex(tasks)
      for (const c of changes) index.view(c.filter, c.sort)
    },
    { iterations: 3, warmupIterations: 1 },
  )
  const built = new TaskIndex(tasks)
  bench(
    'TaskIndex: changes only (the same snapshot, as while a supervisor filters)',
    () => {
      for (const c of changes) built.view({ ...c.filter }, { ...c.sort })
    },
    { iterations: 3, warmupIterations: 1 },
  )
})
