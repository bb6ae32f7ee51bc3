import { createPinia, setActivePinia } from 'pinia'
import { fail, installFakeIsales, ok, overviewRow, type FakeIsales } from '../testing/fake-isales'
import { parseOverviewView, useOverviewStore } from './overview'

let fake: FakeIsales

beforeEach(() => {
  localStorage.clear()
  setActivePinia(createPinia())
  fake = installFakeIsales()
})

describe('the overview store', () => {
  it("loads main's rows and follows its updates, never going back to older rows", async () => {
    const store = useOverviewStore()
    const stop = store.start()
    fake.on('getOverview', () => ok({ rows: [overviewRow({ health: 'idle' })], computedAt: 100 }))
    fake.emit('onOverviewUpdated', { rows: [overviewRow({ health: 'failing' })], computedAt: 200 })
    await store.load()
    expect(store.healthOf('p1', 'c1')).toBe('failing')
    fake.emit('onOverviewUpdated', { rows: [overviewRow({ health: 'stuck' })], computedAt: 300 })
    expect(store.healthOf('p1', 'c1')).toBe('stuck')
    expect(store.healthOf('p1', 'other')).toBeNull()
    expect(store.counts.stuck).toBe(1)
    stop()
    expect(fake.listeners('onOverviewUpdated')).toBe(0)
  })

  it('says so when the overview cannot be loaded', async () => {
    fake.on('getOverview', () => fail({ code: 'internal', message: 'boom' }))
    await useOverviewStore().load()
    expect(fake.toasts.map((t) => t.title)).toEqual(['Could not load the overview'])
  })

  it('filters and sorts the rows, and remembers both', () => {
    const store = useOverviewStore()
    store.onUpdated({
      rows: [
        overviewRow({ campaignId: 'a', name: 'Alpha', health: 'idle' }),
        overviewRow({ campaignId: 'b', name: 'Beta', health: 'failing' }),
      ],
      computedAt: 1,
    })
    expect(store.visibleRows.map((r) => r.campaignId)).toEqual(['b', 'a'])
    store.setSort({ column: 'campaign', order: 'ascend' })
    expect(store.visibleRows.map((r) => r.campaignId)).toEqual(['a', 'b'])
    store.setFilter({ health: ['failing'] })
    expect(store.visibleRows.map((r) => r.campaignId)).toEqual(['b'])
    expect(store.filterActive).toBe(true)

    setActivePinia(createPinia())
    const again = useOverviewStore()
    expect(again.filter.health).toEqual(['failing'])
    expect(again.sort).toEqual({ column: 'campaign', order: 'ascend' })
    again.clearFilters()
    again.setSort(null)
    expect(again.filterActive).toBe(false)
    expect(again.sort.column).toBe('health')
  })

  it('falls back to the defaults for a remembered view it does not understand', () => {
    const fallback = parseOverviewView(null)
    expect(parseOverviewView('not json')).toEqual(fallback)
    expect(
      parseOverviewView(
        JSON.stringify({
          filter: { health: ['failing', 'bogus'], profileIds: ['p1', 3], text: 7 },
          sort: { column: 'nope', order: 'ascend' },
        }),
      ),
    ).toEqual({
      filter: { health: ['failing'], profileIds: ['p1'], text: '' },
      sort: fallback.sort,
    })
  })
})
