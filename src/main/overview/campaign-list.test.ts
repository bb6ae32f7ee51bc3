import type { CampaignPage } from '../isales/client'
import { MAX_PAGE_SIZE } from '../../shared/limits'
import { MAX_CAMPAIGN_LIST_PAGES, readAllCampaigns } from './campaign-list'
import { runStatusOf } from './campaign-directory'

const page = (from: number, n: number, total: number | null): CampaignPage => ({
  campaigns: Array.from({ length: n }, (_, i) => ({
    id: String(from + i),
    name: `c${from + i}`,
    extra: {},
  })),
  total,
})

describe("reading a server's whole campaign list", () => {
  it('reads pages until a short one', async () => {
    const asked: number[] = []
    const all = await readAllCampaigns(async (p) => {
      asked.push(p)
      return p === 1 ? page(0, MAX_PAGE_SIZE, null) : page(MAX_PAGE_SIZE, 3, null)
    })
    expect(asked).toEqual([1, 2])
    expect(all).toHaveLength(MAX_PAGE_SIZE + 3)
  })

  it('stops at the total, and never reads more than the page limit', async () => {
    const asked: number[] = []
    await readAllCampaigns(async (p) => {
      asked.push(p)
      return page((p - 1) * MAX_PAGE_SIZE, MAX_PAGE_SIZE, MAX_PAGE_SIZE)
    })
    expect(asked).toEqual([1])
    let endless = 0
    await readAllCampaigns(async (p) => {
      endless++
      return page(p * MAX_PAGE_SIZE, MAX_PAGE_SIZE, null)
    })
    expect(endless).toBe(MAX_CAMPAIGN_LIST_PAGES)
  })

  it("takes the campaign's own status as a number or as text, and nothing else", () => {
    const of = (status: unknown) => runStatusOf({ id: '1', name: '', extra: { status } })
    expect([of(2), of('3'), of(' 4 '), of(1), of('x'), of(undefined)]).toEqual([
      2,
      3,
      4,
      null,
      null,
      null,
    ])
  })
})
