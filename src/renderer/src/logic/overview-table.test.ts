import type { OverviewRow } from '@shared/overview'
import { overviewRow } from '../testing/fake-isales'
import {
  DEFAULT_OVERVIEW_SORT,
  EMPTY_OVERVIEW_FILTER,
  countByHealth,
  filterOverview,
  isOverviewFilterActive,
  sortOverview,
} from './overview-table'

const rows: OverviewRow[] = [
  overviewRow({
    profileId: 'p1',
    serverName: 'Beijing',
    campaignId: '1',
    name: 'Loans',
    health: 'idle',
  }),
  overviewRow({
    profileId: 'p1',
    serverName: 'Beijing',
    campaignId: '2',
    name: '',
    health: 'failing',
  }),
  overviewRow({
    profileId: 'p2',
    serverName: 'Adelaide',
    campaignId: '3',
    name: 'Cards',
    health: 'offline',
  }),
  overviewRow({
    profileId: 'p2',
    serverName: 'Adelaide',
    campaignId: '4',
    name: 'Bonds',
    health: 'failing',
    summary: null,
  }),
]
const ids = (list: OverviewRow[]) => list.map((r) => r.campaignId)

describe('the overview table', () => {
  it('puts the worst health first by default, ties by server then campaign', () => {
    expect(ids(sortOverview(rows, DEFAULT_OVERVIEW_SORT))).toEqual(['3', '4', '2', '1'])
  })

  it('sorts by a number either way, rows without numbers last in both', () => {
    const withRates = rows.map((r, i) =>
      r.summary ? { ...r, summary: { ...r.summary, successRate: [0.5, 0.9, 0.7][i]! } } : r,
    )
    expect(ids(sortOverview(withRates, { column: 'successRate', order: 'ascend' }))).toEqual([
      '1',
      '3',
      '2',
      '4',
    ])
    expect(ids(sortOverview(withRates, { column: 'successRate', order: 'descend' }))).toEqual([
      '2',
      '3',
      '1',
      '4',
    ])
  })

  it('sorts a campaign known by id only by its id', () => {
    expect(ids(sortOverview(rows, { column: 'campaign', order: 'ascend' }))).toEqual([
      '2',
      '4',
      '3',
      '1',
    ])
  })

  it('filters by health, server and text over server, name and id', () => {
    expect(ids(filterOverview(rows, { ...EMPTY_OVERVIEW_FILTER, health: ['failing'] }))).toEqual([
      '2',
      '4',
    ])
    expect(ids(filterOverview(rows, { ...EMPTY_OVERVIEW_FILTER, profileIds: ['p2'] }))).toEqual([
      '3',
      '4',
    ])
    expect(ids(filterOverview(rows, { ...EMPTY_OVERVIEW_FILTER, text: ' adel ' }))).toEqual([
      '3',
      '4',
    ])
    expect(ids(filterOverview(rows, { ...EMPTY_OVERVIEW_FILTER, text: 'loans' }))).toEqual(['1'])
    expect(
      ids(filterOverview(rows, { health: ['failing'], profileIds: ['p1'], text: '2' })),
    ).toEqual(['2'])
    expect(isOverviewFilterActive(EMPTY_OVERVIEW_FILTER)).toBe(false)
    expect(isOverviewFilterActive({ ...EMPTY_OVERVIEW_FILTER, text: 'x' })).toBe(true)
  })

  it('counts every state, zero included', () => {
    expect(countByHealth(rows)).toEqual({
      offline: 1,
      stale: 0,
      failing: 2,
      stuck: 0,
      running: 0,
      idle: 1,
    })
  })
})
