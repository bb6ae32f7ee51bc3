import { TASK_FIELDS, fieldLabelKey, fieldSortKey } from '@shared/task-fields'
import { i18n } from '../i18n'
import { task } from '../testing/fake-isales'
import { mountUi } from '../testing/mount'
import TaskTable from './TaskTable.vue'

const tasks = [
  task('100', { status: '3', failNum: 7, errMsg: 'File encoding error', blackNum: 2 }),
  task('200', { status: '1', endAt: null, endTime: '' }),
]

function table(hasBlackNum = false) {
  return mountUi(TaskTable, {
    props: {
      tasks,
      sort: { column: 'beginAt', order: 'descend' },
      hasBlackNum,
      fetchedAt: Date.UTC(2025, 5, 1, 3),
      label: 'Import tasks of X',
      virtualScroll: false,
    },
  })
}

describe('TaskTable', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('renders one row per task with id, coloured status text, compact times and the raw time in the tooltip', () => {
    const w = table()
    const rows = w.findAll('[data-testid=task-row]')
    expect(rows.map((r) => r.attributes('data-task-id'))).toEqual(['100', '200'])
    expect(rows[0]!.find('[data-testid=task-status]').text()).toBe('Import failed')
    expect(rows[0]!.find('[data-testid=task-status]').attributes('data-status')).toBe('3')
    expect(rows[0]!.find('[data-testid=task-id]').text()).toBe('100')
    const time = rows[0]!.find('.tt-time')
    expect(time.text()).toMatch(/^\d\d-\d\d \d\d:\d\d:\d\d$/)
    expect(time.attributes('title')).toContain('2025')
    expect(time.attributes('title')).toContain('Server time text: 2025-06-01 10:00:00')
    expect(rows[0]!.find('[data-testid=task-rate]').text()).toContain('%')
    // A running import: an hourglass named for screen readers, no extra words in the cell.
    expect(rows[0]!.find('[role=img]').exists()).toBe(false)
    expect(rows[1]!.find('[role=img]').attributes('aria-label')).toBe('Still running')
    expect(rows[1]!.text()).not.toContain('running')
  })

  it('keeps the whole of a long id in the cell text and its tooltip', () => {
    const id = '179574517283574966004891000000'
    const w = mountUi(TaskTable, {
      props: {
        tasks: [task(id)],
        sort: { column: 'beginAt', order: 'descend' },
        hasBlackNum: false,
        fetchedAt: Date.UTC(2025, 5, 1, 3),
        label: 'X',
        virtualScroll: false,
      },
    })
    expect(w.find('[data-testid=task-id]').text()).toBe(id)
    expect(w.find('.tt-id').attributes('title')).toBe(id)
  })

  it('shows the blacklisted column only when the server sends it', () => {
    expect(table(false).find('th[data-col-key=blackNum]').exists()).toBe(false)
    expect(table(true).find('th[data-col-key=blackNum]').exists()).toBe(true)
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

  it('every column is sortable and reports the sort it asks for', async () => {
    const w = table(true)
    const keys = w.findAll('th[data-col-key]').map((th) => th.attributes('data-col-key'))
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
    for (const th of w.findAll('th[data-col-key]')) {
      expect(th.classes()).toContain('n-data-table-th--sortable')
    }
    await w.find('th[data-col-key=failNum]').trigger('click')
    expect(w.emitted('sort')![0]![0]).toMatchObject({ column: 'failNum' })
  })

  it('has a column per field of the field table, headed by its catalogue label', () => {
    const w = table(true)
    for (const f of TASK_FIELDS) {
      const th = w.find(`th[data-col-key=${fieldSortKey(f) ?? f.key}]`)
      expect(th.exists(), f.key).toBe(true)
      expect(th.text(), f.key).not.toBe('')
      // A short header carries the full label in its tooltip.
      const label = i18n.global.t(fieldLabelKey(f))
      expect(th.find(`[title="${label}"]`).exists() || th.text() === label, f.key).toBe(true)
    }
  })
})
