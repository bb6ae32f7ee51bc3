import { nextTick } from 'vue'
import { EMPTY_FILTER, type TaskFilter } from '../logic/task-index'
import { failedTodayFilter, presetRange } from '../logic/time-presets'
import { mountUi } from '../testing/mount'
import FilterBar from './FilterBar.vue'

const NOW = new Date(2026, 4, 14, 9, 30, 15).getTime()

function bar(filter: Partial<TaskFilter> = {}, causeLabel: string | null = null) {
  return mountUi(FilterBar, {
    props: {
      filter: { ...EMPTY_FILTER, ...filter },
      shown: 10,
      total: 20,
      active: false,
      searchShortcut: 'Ctrl+F',
      now: NOW,
      causeLabel,
    },
  })
}

describe('FilterBar cause chip', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows the triage cause as a chip whose close removes only the cause', async () => {
    expect(bar().find('[data-testid=filter-cause-chip]').exists()).toBe(false)
    const w = bar({ cause: 'duplicate import task <n>', text: 'x' }, 'Duplicate import task')
    const chip = w.get('[data-testid=filter-cause-chip]')
    expect(chip.text()).toContain('Cause: Duplicate import task')
    await chip.get('[data-testid=filter-cause-clear]').trigger('click')
    expect(chip.get('[data-testid=filter-cause-clear]').attributes('aria-label')).toBe(
      'Remove the cause filter',
    )
    expect(w.emitted('update')).toEqual([[{ cause: null }]])
  })
})

describe('FilterBar time presets', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(NOW)
  })
  afterEach(() => {
    vi.useRealTimers()
    document.body.innerHTML = ''
  })

  it('a preset button sets the begin-time range to that preset, computed at the click', async () => {
    const w = bar()
    await w.get('[data-testid=filter-preset-yesterday]').trigger('click')
    const [from, to] = presetRange('yesterday', NOW)
    expect(w.emitted('update')).toEqual([[{ beginFrom: from, beginTo: to }]])
  })

  it('the preset the range is shows as pressed; the others do not', () => {
    const [from, to] = presetRange('last7Days', NOW)
    const w = bar({ beginFrom: from, beginTo: to })
    expect(w.get('[data-testid=filter-preset-last7Days]').attributes('aria-pressed')).toBe('true')
    expect(w.get('[data-testid=filter-preset-today]').attributes('aria-pressed')).toBe('false')
  })

  it('"Failed today" replaces the whole filter with failed imports begun today', async () => {
    const w = bar({ text: 'quota', onlyFailed: true })
    await w.get('[data-testid=filter-failed-today]').trigger('click')
    expect(w.emitted('update')).toEqual([[failedTodayFilter(NOW)]])
  })

  it('a search typed just before "Failed today" does not land on top of it afterwards', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] })
    vi.setSystemTime(NOW)
    const w = bar()
    await w.get('[data-testid=filter-search] input').setValue('quota')
    await w.get('[data-testid=filter-failed-today]').trigger('click')
    vi.advanceTimersByTime(1000)
    expect(w.emitted('update')).toEqual([[failedTodayFilter(NOW)]])
    expect((w.get('[data-testid=filter-search] input').element as HTMLInputElement).value).toBe('')
  })

  it('"Failed today" shows as pressed while the filter is exactly that', async () => {
    const w = bar(failedTodayFilter(NOW))
    expect(w.get('[data-testid=filter-failed-today]').attributes('aria-pressed')).toBe('true')
    await w.setProps({ filter: { ...failedTodayFilter(NOW), text: 'x' } })
    await nextTick()
    expect(w.get('[data-testid=filter-failed-today]').attributes('aria-pressed')).toBe('false')
  })

  it('the range inputs show the time to the second', () => {
    const from = new Date(2026, 4, 14, 8, 5, 7).getTime()
    const to = new Date(2026, 4, 14, 17, 45, 59).getTime()
    const w = bar({ beginFrom: from, beginTo: to })
    const inputs = w.findAll('[data-testid=filter-begin-range] input')
    expect(inputs.map((i) => (i.element as HTMLInputElement).value)).toEqual([
      '2026-05-14 08:05:07',
      '2026-05-14 17:45:59',
    ])
  })

  it('the presets are labelled in Chinese too', () => {
    const w = mountUi(
      FilterBar,
      {
        props: {
          filter: { ...EMPTY_FILTER },
          shown: 0,
          total: 0,
          active: false,
          searchShortcut: 'Ctrl+F',
          now: NOW,
        },
      },
      'zh-CN',
    )
    expect(w.get('[data-testid=filter-preset-today]').text()).toBe('今天')
    expect(w.get('[data-testid=filter-failed-today]').text()).toBe('今日失败')
  })
})
