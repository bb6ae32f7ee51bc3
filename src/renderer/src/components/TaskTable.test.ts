import { nextTick } from 'vue'
import { TASK_FIELDS, fieldLabelKey, fieldSortKey } from '@shared/task-fields'
import type { ImportTask } from '@shared/import-task'
import { i18n } from '../i18n'
import { EMPTY_FILTER, type SortState, type TaskFilter } from '../logic/task-index'
import { task } from '../testing/fake-isales'
import { mountUi } from '../testing/mount'
import TaskTable from './TaskTable.vue'

const tasks = [
  task('100', { status: '3', failNum: 7, errMsg: 'File encoding error', blackNum: 2 }),
  task('200', { status: '1', endAt: null, endTime: '' }),
]

const SORT: SortState = { column: 'beginAt', order: 'descend' }

function table(
  opts: {
    hasBlackNum?: boolean
    rows?: ImportTask[]
    sort?: SortState
    filter?: TaskFilter
    viewportHeight?: number
  } = {},
) {
  return mountUi(TaskTable, {
    props: {
      tasks: opts.rows ?? tasks,
      sort: opts.sort ?? SORT,
      hasBlackNum: opts.hasBlackNum ?? false,
      fetchedAt: Date.UTC(2025, 5, 1, 3),
      label: 'Import tasks of X',
      filter: opts.filter ?? EMPTY_FILTER,
      // happy-dom has no layout: the scroller's height, so the grid knows how many rows show.
      viewportHeight: opts.viewportHeight ?? 600,
    },
  })
}

const header = (w: ReturnType<typeof table>, key: string) =>
  w.find(`[role=columnheader][data-col-key=${key}]`)

describe('TaskTable', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('renders one row per task with id, coloured status text, compact times and the raw time in the shared tooltip', async () => {
    const w = table()
    const rows = w.findAll('[data-testid=task-row]')
    expect(rows.map((r) => r.attributes('data-task-id'))).toEqual(['100', '200'])
    expect(rows[0]!.find('[data-testid=task-status]').text()).toBe('Import failed')
    expect(rows[0]!.find('[data-testid=task-status]').attributes('data-status')).toBe('3')
    expect(rows[0]!.find('[data-testid=task-id]').text()).toBe('100')
    const time = rows[0]!.find('.tt-time')
    expect(time.text()).toMatch(/^\d\d-\d\d \d\d:\d\d:\d\d$/)
    await time.trigger('mouseover')
    const tip = w.find('[data-testid=task-table-tooltip]')
    expect(tip.attributes('role')).toBe('tooltip')
    expect(tip.text()).toContain('2025')
    expect(tip.text()).toContain('Server time text: 2025-06-01 10:00:00')
    expect(rows[0]!.find('[data-testid=task-rate]').text()).toContain('%')
    // A running import: an hourglass named for screen readers, no extra words in the cell.
    expect(rows[0]!.find('[role=img]').exists()).toBe(false)
    expect(rows[1]!.find('[role=img]').attributes('aria-label')).toBe('Still running')
    expect(rows[1]!.text()).not.toContain('running')
  })

  it('keeps the whole of a long id in the cell text', () => {
    const id = '179574517283574966004891000000'
    const w = table({ rows: [task(id)] })
    expect(w.find('[data-testid=task-id]').text()).toBe(id)
  })

  it('shows the blacklisted column only when the server sends it', () => {
    expect(header(table({ hasBlackNum: false }), 'blackNum').exists()).toBe(false)
    expect(header(table({ hasBlackNum: true }), 'blackNum').exists()).toBe(true)
  })

  it('a row opens the detail; the copy button copies without opening', async () => {
    const w = table()
    await w.find('[data-testid=task-copy-id]').trigger('click')
    expect(w.emitted('copy')).toEqual([['100']])
    expect(w.emitted('open')).toBeUndefined()
    await w.find('[data-testid=task-row]').trigger('click')
    expect(w.emitted('open')![0]![0]).toMatchObject({ id: '100' })
    expect(w.find('[data-testid=task-copy-id]').attributes('aria-label')).toBe('Copy task id 100')
  })

  it('every column is sortable by its header button, and reports the sort it asks for', async () => {
    const w = table({ hasBlackNum: true })
    const keys = w
      .findAll('[role=columnheader][data-col-key]')
      .map((th) => th.attributes('data-col-key'))
    expect(keys).toEqual([
      'id',
      'status',
      'beginAt',
      'endAt',
      'duration',
      'succNum',
      'repeatNum',
      'failNum',
      'blackNum',
      'successRate',
      'errMsg',
    ])
    for (const th of w.findAll('[role=columnheader]')) {
      expect(th.find('button').exists()).toBe(true)
      expect(['none', 'descending']).toContain(th.attributes('aria-sort'))
    }
    expect(header(w, 'beginAt').attributes('aria-sort')).toBe('descending')
    await header(w, 'failNum').find('button').trigger('click')
    expect(w.emitted('sort')![0]![0]).toEqual({ column: 'failNum', order: 'descend' })
  })

  it('has a column per field of the field table, headed by its catalogue label', () => {
    const w = table({ hasBlackNum: true })
    for (const f of TASK_FIELDS) {
      const th = header(w, fieldSortKey(f) ?? f.key)
      expect(th.exists(), f.key).toBe(true)
      expect(th.text(), f.key).not.toBe('')
      // A short header carries the full label in its tooltip.
      const label = i18n.global.t(fieldLabelKey(f))
      expect(th.find(`[title="${label}"]`).exists() || th.text() === label, f.key).toBe(true)
    }
  })

  it('announces the row count after a filter change and the sort after a sort change', async () => {
    const w = table()
    const live = w.find('[role=status]')
    expect(live.attributes('aria-live')).toBe('polite')
    await w.setProps({ filter: { ...EMPTY_FILTER, statuses: ['3'] }, tasks: [tasks[0]!] })
    await nextTick()
    expect(live.text().replace('\u200b', '')).toBe('1 task shown')
    await w.setProps({ sort: { column: 'failNum', order: 'ascend' } })
    expect(live.text().replace('\u200b', '')).toBe('Sorted by Failed, ascending')
  })

  it('renders only the rows of the visible window out of 100,000', () => {
    const base = task('0')
    const many = Array.from({ length: 100_000 }, (_, i) => ({ ...base, id: String(1_000_000 + i) }))
    const w = table({ rows: many, viewportHeight: 36 * 11 }) // header + 10 rows
    const ids = w.findAll('[data-testid=task-row]').map((r) => r.attributes('data-task-id'))
    expect(ids.length).toBeGreaterThanOrEqual(10)
    expect(ids.length).toBeLessThan(30)
    expect(ids.slice(0, 3)).toEqual(['1000000', '1000001', '1000002'])
    expect(w.find('[role=grid]').attributes('aria-rowcount')).toBe('100001')
  })
})
