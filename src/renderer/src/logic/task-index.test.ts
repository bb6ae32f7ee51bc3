import type { ImportTask } from '@shared/import-task'
import { SEARCHED_FIELDS, TASK_FIELDS, fieldSortKey } from '@shared/task-fields'
import { buildTask } from '@shared/testing/task-builder'
import { NO_MESSAGE_KEY, knownCauseKey } from '@shared/triage/group'
import { generateTasks } from '../testing/generate-tasks'
import {
  DEFAULT_SORT,
  EMPTY_FILTER,
  SORT_COLUMNS,
  TaskIndex,
  compareIds,
  hasFailedRecords,
  isFilterActive,
  successRate,
  taskDuration,
  type SortColumn,
  type SortState,
  type TaskFilter,
} from './task-index'

function task(id: string, over: Partial<ImportTask> = {}): ImportTask {
  return buildTask({ id, ...over })
}

const NOW = Date.UTC(2025, 5, 1, 12)

/** The reference the index must match: value of a column, empty values last, ties by id. */
function value(t: ImportTask, column: SortColumn): number | string | null {
  switch (column) {
    case 'id':
      return null
    case 'status':
      return Number(t.status)
    case 'duration':
      return taskDuration(t, NOW)
    case 'successRate':
      return successRate(t)
    case 'errMsg':
      return t.errMsg === '' ? null : t.errMsg
    default:
      return t[column] ?? null
  }
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })

function reference(tasks: ImportTask[], f: TaskFilter, s: SortState): string[] {
  const q = f.text.trim().toLowerCase()
  const kept = tasks.filter(
    (t) =>
      (f.statuses.length === 0 || f.statuses.includes(t.status)) &&
      (!f.onlyFailed || t.failNum > 0 || t.status === '3') &&
      (f.beginFrom === null || (t.beginAt !== null && t.beginAt >= f.beginFrom)) &&
      (f.beginTo === null || (t.beginAt !== null && t.beginAt <= f.beginTo)) &&
      (q === '' || t.id.toLowerCase().includes(q) || t.errMsg.toLowerCase().includes(q)),
  )
  const dir = s.order === 'ascend' ? 1 : -1
  kept.sort((a, b) => {
    if (s.column === 'id') return compareIds(a.id, b.id) * dir
    const va = value(a, s.column)
    const vb = value(b, s.column)
    if (va === null && vb !== null) return 1
    if (vb === null && va !== null) return -1
    if (va !== null && vb !== null) {
      const c = typeof va === 'string' ? collator.compare(va, vb as string) : va - (vb as number)
      if (c !== 0) return c * dir
    }
    return compareIds(a.id, b.id)
  })
  return kept.map((t) => t.id)
}

const ids = (tasks: ImportTask[]): string[] => tasks.map((t) => t.id)

describe('TaskIndex with 50,000 tasks', () => {
  const tasks = generateTasks(50_000, { seed: 3, withBlackNum: true })
  const index = new TaskIndex(tasks, NOW)

  it('keeps every task, newest first, with no filter', () => {
    const view = index.view(EMPTY_FILTER, DEFAULT_SORT)
    expect(view).toHaveLength(50_000)
    expect(ids(view)).toEqual(reference(tasks, EMPTY_FILTER, DEFAULT_SORT))
  })

  it.each(SORT_COLUMNS.flatMap((c) => [`${c}:ascend`, `${c}:descend`]))(
    'sorts by %s like the reference (empty values last, ties by id)',
    (key) => {
      const [column, order] = key.split(':') as [SortColumn, SortState['order']]
      const sort = { column, order }
      expect(ids(index.view(EMPTY_FILTER, sort))).toEqual(reference(tasks, EMPTY_FILTER, sort))
    },
  )

  it('a direction flipped from the other one already sorted matches the reference both ways', () => {
    const fresh = new TaskIndex(tasks.slice(0, 5_000), NOW)
    const some = tasks.slice(0, 5_000)
    for (const column of SORT_COLUMNS) {
      for (const order of ['descend', 'ascend', 'descend'] as const) {
        const sort = { column, order }
        expect(ids(fresh.view(EMPTY_FILTER, sort)), `${column}:${order}`).toEqual(
          reference(some, EMPTY_FILTER, sort),
        )
      }
    }
  })

  it('filters by status, time range, text and failed records together', () => {
    const filter: TaskFilter = {
      statuses: ['2', '3'],
      beginFrom: NOW - 14 * 86_400_000,
      beginTo: NOW - 2 * 86_400_000,
      text: 'FILE',
      onlyFailed: true,
      cause: null,
    }
    const sort: SortState = { column: 'failNum', order: 'descend' }
    const view = index.view(filter, sort)
    expect(view.length).toBeGreaterThan(0)
    expect(ids(view)).toEqual(reference(tasks, filter, sort))
    for (const t of view) {
      expect(['2', '3']).toContain(t.status)
      expect(hasFailedRecords(t)).toBe(true)
      expect(t.errMsg.toLowerCase()).toContain('file')
    }
  })

  it('changing only the filter keeps the sort order; changing only the sort keeps the filter', () => {
    const sort: SortState = { column: 'succNum', order: 'ascend' }
    for (const text of ['1', '12', '123', 'encoding']) {
      const filter = { ...EMPTY_FILTER, text }
      expect(ids(index.view(filter, sort))).toEqual(reference(tasks, filter, sort))
    }
    const filter = { ...EMPTY_FILTER, statuses: ['3' as const] }
    for (const column of ['errMsg', 'endAt', 'blackNum'] as const) {
      const s: SortState = { column, order: 'descend' }
      expect(ids(index.view(filter, s))).toEqual(reference(tasks, filter, s))
    }
  })
})

describe('TaskIndex rules', () => {
  const tasks = [
    task('300', { status: '3', failNum: 0, errMsg: 'Duplicate import task', beginAt: 3000 }),
    task('20', { status: '2', failNum: 5, succNum: 5, errMsg: '', beginAt: 1000, endAt: 2000 }),
    task('100', { status: '1', succNum: 10, beginAt: 2000 }),
    task('4000', { status: '2', succNum: 1, errMsg: 'partial: CHECK FILE', beginAt: null }),
    task('5', { status: '0', beginAt: 2000 }),
  ]
  const index = new TaskIndex(tasks, 10_000)
  const view = (f: Partial<TaskFilter>, s: SortState = DEFAULT_SORT): string[] =>
    ids(index.view({ ...EMPTY_FILTER, ...f }, s))

  it('status multi-select keeps only the chosen statuses', () => {
    expect(view({ statuses: ['0', '3'] }).sort()).toEqual(['300', '5'])
  })

  it('the begin-time range is inclusive and drops tasks without a begin time', () => {
    expect(view({ beginFrom: 1000, beginTo: 2000 }).sort()).toEqual(['100', '20', '5'])
    expect(view({ beginFrom: 2500 })).toEqual(['300'])
  })

  it('text search covers the id and the error message, case-insensitively', () => {
    expect(view({ text: '  check file ' })).toEqual(['4000'])
    expect(view({ text: 'DUPLICATE' })).toEqual(['300'])
    expect(view({ text: '00' }).sort()).toEqual(['100', '300', '4000'])
  })

  it('the cause filter keeps exactly the failed imports of that normalised cause', () => {
    const byCause = new TaskIndex(
      [
        task('1', { status: '3', errMsg: 'Duplicate import task 11' }),
        task('2', { status: '3', errMsg: 'duplicate  IMPORT task 9999.' }),
        task('3', { status: '3', errMsg: 'The file a.csv does not exist on the file server' }),
        task('4', { status: '2', failNum: 3, errMsg: '' }),
        task('5', { status: '2', failNum: 0, errMsg: '' }),
        task('6', { status: '1', failNum: 2, errMsg: 'Duplicate import task 12' }),
      ],
      10_000,
    )
    const only = (cause: string) =>
      ids(byCause.view({ ...EMPTY_FILTER, cause }, DEFAULT_SORT)).sort()
    expect(only(knownCauseKey('duplicateTask'))).toEqual(['1', '2'])
    expect(only(NO_MESSAGE_KEY)).toEqual(['4'])
    expect(only('nothing like this')).toEqual([])
    expect(isFilterActive({ ...EMPTY_FILTER, cause: NO_MESSAGE_KEY })).toBe(true)
  })

  it('"only with failed records" means failed > 0 or an import that failed', () => {
    expect(view({ onlyFailed: true }).sort()).toEqual(['20', '300'])
  })

  it('ties keep task-id order in both directions; ids sort numerically', () => {
    // beginAt 2000 twice (ids 100 and 5): id 5 before id 100 whichever the direction.
    expect(view({}, { column: 'beginAt', order: 'descend' })).toEqual([
      '300',
      '5',
      '100',
      '20',
      '4000',
    ])
    expect(view({}, { column: 'beginAt', order: 'ascend' })).toEqual([
      '20',
      '5',
      '100',
      '300',
      '4000',
    ])
    expect(view({}, { column: 'id', order: 'ascend' })).toEqual(['5', '20', '100', '300', '4000'])
    expect(view({}, { column: 'id', order: 'descend' })).toEqual(['4000', '300', '100', '20', '5'])
  })

  it('durations count running tasks up to the fetch time; unknown durations sort last', () => {
    expect(taskDuration(tasks[2]!, 10_000)).toBe(8000)
    expect(taskDuration(tasks[0]!, 10_000)).toBeNull()
    expect(view({}, { column: 'duration', order: 'ascend' })).toEqual([
      '20',
      '5',
      '100',
      '300',
      '4000',
    ])
  })

  it('success rate is succeeded over succeeded + duplicates + failed', () => {
    expect(successRate(tasks[1]!)).toBe(0.5)
    expect(successRate(tasks[4]!)).toBeNull()
  })

  it('knows when a filter is active', () => {
    expect(isFilterActive(EMPTY_FILTER)).toBe(false)
    expect(isFilterActive({ ...EMPTY_FILTER, text: '   ' })).toBe(false)
    expect(isFilterActive({ ...EMPTY_FILTER, onlyFailed: true })).toBe(true)
  })

  it('filtered() keeps the same array across sort changes', () => {
    const f = { ...EMPTY_FILTER, statuses: ['2' as const] }
    const a = index.filtered(f)
    index.view(f, { column: 'id', order: 'descend' })
    expect(index.filtered({ ...f })).toBe(a)
    expect(a.map((t) => t.id).sort()).toEqual(['20', '4000'])
  })

  it('returns the same array while neither filter nor sort changed', () => {
    const a = index.view({ ...EMPTY_FILTER, text: 'x' }, DEFAULT_SORT)
    expect(index.view({ ...EMPTY_FILTER, text: 'X ' }, DEFAULT_SORT)).toBe(a)
  })
})

describe('TaskIndex and the field table', () => {
  it('sorts by every sortable field (a time by its instant) and by the computed columns', () => {
    const fromFields = TASK_FIELDS.flatMap((f) => {
      const key = fieldSortKey(f)
      return key === null ? [] : [key]
    })
    expect([...SORT_COLUMNS].filter((c) => c !== 'duration' && c !== 'successRate')).toEqual(
      fromFields,
    )
    expect(SORT_COLUMNS).toContain('duration')
    expect(SORT_COLUMNS).toContain('successRate')
  })

  it('searches exactly the searched fields', () => {
    const probe = buildTask({ id: '777' })
    const record = probe as unknown as Record<string, unknown>
    for (const f of TASK_FIELDS) if (f.kind === 'text') record[f.key] = `needle-${f.key}`
    const index = new TaskIndex([probe], NOW)
    for (const f of TASK_FIELDS.filter((f) => f.kind === 'text' || f.kind === 'id')) {
      const text = f.kind === 'id' ? '777' : `NEEDLE-${f.key}`
      const found = index.view({ ...EMPTY_FILTER, text }, DEFAULT_SORT).length === 1
      expect(found, f.key).toBe(SEARCHED_FIELDS.includes(f))
    }
  })
})
