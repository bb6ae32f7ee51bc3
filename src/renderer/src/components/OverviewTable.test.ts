import { nextTick } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import { overviewRow } from '../testing/fake-isales'
import { mountUi } from '../testing/mount'
import OverviewTable from './OverviewTable.vue'

beforeEach(() => {
  document.body.innerHTML = ''
  setActivePinia(createPinia())
})

const failing = overviewRow({ campaignId: '1001', name: 'Loans', health: 'failing' })
failing.summary = { ...failing.summary!, failedToday: 3 }
const idle = overviewRow({ campaignId: '1002', name: 'Cards', health: 'idle' })

function mountTable(sort = { column: 'health', order: 'ascend' } as const) {
  return mountUi(OverviewTable, {
    props: { rows: [failing, idle], sort, now: Date.UTC(2025, 5, 1, 3), viewportHeight: 400 },
  })
}

type Table = ReturnType<typeof mountTable>

async function press(key: string) {
  document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }))
  await nextTick()
  await nextTick()
}

/** Focuses the cell of row `campaignId` in column `key`. */
async function focusCell(w: Table, campaignId: string, key: string) {
  const headers = w.findAll('[role="columnheader"]').map((c) => c.attributes('data-col-key'))
  const row = w.get(`[data-testid="overview-row"][data-campaign-id="${campaignId}"]`)
  const cell = row.get(`[aria-colindex="${headers.indexOf(key) + 1}"]`)
  ;(cell.element as HTMLElement).focus()
  await nextTick()
}

describe('the overview table', () => {
  it('is one keyboard data grid: one tab stop, every column header a sort button with aria-sort', () => {
    const w = mountTable({ column: 'successRate', order: 'descend' } as never)
    const grid = w.get('[role="grid"]')
    expect(grid.attributes('aria-label')).toBe('Every watched campaign today')
    expect(grid.attributes('aria-rowcount')).toBe('3')
    const headers = w.findAll('[role="columnheader"]')
    expect(headers.length).toBeGreaterThan(10)
    for (const th of headers) expect(th.find('button').exists()).toBe(true)
    const sorts = Object.fromEntries(
      headers.map((th) => [th.attributes('data-col-key'), th.attributes('aria-sort')]),
    )
    expect(sorts['successRate']).toBe('descending')
    expect(sorts['health']).toBe('none')
    const stops = w.findAll('[tabindex="0"]')
    expect(stops).toHaveLength(1)
    w.unmount()
  })

  it('names the records columns in full: the header shows the short word, its tooltip the whole name', () => {
    const w = mountTable()
    const th = w.get('[role="columnheader"][data-col-key="succeeded"]')
    expect(th.text()).toBe('Succeeded')
    expect(th.get('[title]').attributes('title')).toBe('Records succeeded today')
    w.unmount()
  })

  it('asks for a sort from a header: descending first, then ascending, then the default', async () => {
    const w = mountTable()
    const button = w.get('[role="columnheader"][data-col-key="failedToday"] button')
    await button.trigger('click')
    expect(w.emitted('sort')?.at(-1)).toEqual([{ column: 'failedToday', order: 'descend' }])
    await w.setProps({ sort: { column: 'failedToday', order: 'descend' } })
    await button.trigger('click')
    expect(w.emitted('sort')?.at(-1)).toEqual([{ column: 'failedToday', order: 'ascend' }])
    await w.setProps({ sort: { column: 'failedToday', order: 'ascend' } })
    await button.trigger('click')
    expect(w.emitted('sort')?.at(-1)).toEqual([null])
    w.unmount()
  })

  it('says the new sort in its live region', async () => {
    const w = mountTable()
    await w.setProps({ sort: { column: 'successRate', order: 'descend' } })
    await nextTick()
    expect(w.get('[data-testid="overview-table-status"]').text()).toBe(
      'Sorted by Success rate, descending',
    )
    w.unmount()
  })

  it('opens a campaign with Enter on any cell, and Enter on "Failed today" presses its button', async () => {
    const w = mountTable()
    await focusCell(w, '1002', 'campaign')
    await press('Enter')
    expect(w.emitted('open')).toEqual([[idle]])
    expect(w.emitted('failedToday')).toBeUndefined()

    await focusCell(w, '1001', 'failedToday')
    await press('Enter')
    expect(w.emitted('failedToday')).toEqual([[failing]])
    expect(w.emitted('open')).toHaveLength(1) // not opened unfiltered as well

    // Arrow keys move between cells; Enter on the failing row's campaign opens it.
    await press('ArrowLeft')
    await press('ArrowLeft')
    await press('ArrowLeft')
    await press('Enter')
    expect(w.emitted('open')?.at(-1)).toEqual([failing])
    w.unmount()
  })
})
