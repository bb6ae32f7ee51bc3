import { createPinia, setActivePinia } from 'pinia'
import { HEALTH_STATES } from '@shared/day-health'
import { countByHealth } from '../logic/overview-table'
import { overviewRow } from '../testing/fake-isales'
import { mountUi } from '../testing/mount'
import OverviewView from './OverviewView.vue'

beforeEach(() => {
  document.body.innerHTML = ''
  setActivePinia(createPinia())
})

const failing = overviewRow({
  campaignId: '1001',
  name: '',
  health: 'failing',
  campaignStatus: 3,
})
failing.summary = { ...failing.summary!, failedToday: 2, succeeded: 1234 }
const idle = overviewRow({ campaignId: '1002', name: 'Cards', health: 'idle', lastCheckedAt: null })

function mountView(locale: 'en' | 'zh-CN' = 'en') {
  const rows = [failing, idle]
  return mountUi(
    OverviewView,
    {
      props: {
        rows,
        total: rows.length,
        servers: [{ id: 'p1', name: 'Server one' }],
        filter: { health: [], profileIds: [], text: '' },
        filterActive: false,
        sort: { column: 'health', order: 'ascend' },
        counts: countByHealth(rows),
        thresholds: { stuckMinutes: 60, failureRatePct: 10 },
        now: Date.UTC(2025, 5, 1, 3, 0, 30),
      },
    },
    locale,
  )
}

const cells = (w: ReturnType<typeof mountView>, key: string) =>
  w.findAll(`[data-testid="overview-cell-${key}"]`).map((c) => c.text())

describe('the overview screen', () => {
  it('lists every health state in the legend with an icon, its name and its count', () => {
    const w = mountView()
    const items = w.findAll('[data-testid="overview-legend-item"]')
    expect(items.map((i) => i.attributes('data-health'))).toEqual([...HEALTH_STATES])
    const failingItem = items.find((i) => i.attributes('data-health') === 'failing')!
    expect(failingItem.find('svg').exists()).toBe(true)
    expect(failingItem.text()).toContain('Failing')
    expect(failingItem.get('[data-testid="health-count"]').text()).toBe('1')
    w.unmount()
  })

  it("shows each campaign's day: id when it has no name, its status, numbers and last check", () => {
    const w = mountView()
    expect(cells(w, 'campaign')).toEqual(['1001', 'Cards'])
    expect(cells(w, 'campaignStatus')).toEqual(['Suspended', 'Started'])
    expect(cells(w, 'failedToday')).toEqual(['2', '0'])
    expect(cells(w, 'succeeded')).toEqual(['1,234', '900'])
    expect(cells(w, 'successRate')).toEqual(['90%', '90%'])
    expect(cells(w, 'lastCheckedAt')).toEqual(['30 seconds ago', 'Not yet'])
    expect(
      w.findAll('[data-testid="overview-row"]').map((r) => r.attributes('data-health')),
    ).toEqual(['failing', 'idle'])
    w.unmount()
  })

  it('opens a campaign on a click, and "Failed today" opens it filtered without the row click', async () => {
    const w = mountView()
    const buttons = w.findAll('[data-testid="overview-failed-today"]')
    expect(buttons).toHaveLength(1) // only where something failed today
    await buttons[0]!.trigger('click')
    expect(w.emitted('failedToday')).toEqual([[failing]])
    expect(w.emitted('open')).toBeUndefined()
    await w.findAll('[data-testid="overview-row"]')[1]!.trigger('click')
    expect(w.emitted('open')).toEqual([[idle]])
    w.unmount()
  })

  it('sends the text filter and the sort up', async () => {
    const w = mountView()
    await w.get('[data-testid="overview-search"] input').setValue('cards')
    expect(w.emitted('filter')).toEqual([[{ text: 'cards' }]])
    const header = w.get('[role="columnheader"][data-col-key="successRate"]')
    expect(header.attributes('aria-sort')).toBe('none')
    await header.get('button').trigger('click')
    expect(w.emitted('sort')?.[0]).toEqual([{ column: 'successRate', order: 'descend' }])
    w.unmount()
  })

  it('speaks Chinese', () => {
    const w = mountView('zh-CN')
    expect(w.get('[data-testid="overview-legend"]').text()).toContain('有失败')
    expect(cells(w, 'campaignStatus')).toEqual(['已暂停', '已启动'])
    w.unmount()
  })
})
