import { startSimulator, type Simulator } from '../simulator/server'
import type { CampaignSpec } from '../simulator/world'
import { createAgent } from '../tls/agent-factory'
import { IsalesClient } from './client'
import { DEFAULT_CONCURRENCY, fetchAllImportTasks } from './fetch-all'

/**
 * Fetch-all against the real HTTPS simulator playing a server that lies: a `count` far above the
 * tasks it has, or an `offset` it ignores. Requests are counted at the simulator.
 */

const CAMPAIGNS: CampaignSpec[] = [
  { id: 'huge', name: 'Claims a quadrillion', taskCount: 250, inflateCount: 999_999_999_999_999 },
  { id: 'inflated', name: 'Claims 100,000', taskCount: 250, inflateCount: 100_000, seed: 2 },
  { id: 'same-page', name: 'Ignores offset', taskCount: 300, ignoreOffset: true, seed: 3 },
  { id: 'honest', name: 'Honest', taskCount: 250, seed: 4 },
]

/** The 3 pages that hold 250 tasks, plus at most one window of pages in flight past the end. */
const REAL_PAGES = 3
const MAX_REQUESTS = REAL_PAGES + DEFAULT_CONCURRENCY

let sim: Simulator
let client: IsalesClient
let agent: ReturnType<typeof createAgent>

beforeAll(async () => {
  sim = await startSimulator({ campaigns: CAMPAIGNS })
  agent = createAgent({ mode: 'pin', fingerprint256: sim.fingerprint256 })
  client = new IsalesClient({
    baseUrl: sim.url,
    vdnId: 1,
    ak: sim.ak,
    sk: sim.sk,
    dispatcher: agent,
  })
})

afterAll(async () => {
  await agent.close()
  await sim.close()
})

beforeEach(() => {
  sim.resetStats()
})

function realIds(campaignId: string): string[] {
  return sim.campaigns.find((c) => c.id === campaignId)!.tasks.map((t) => t.id)
}

describe('fetch-all against a server that lies about its list', () => {
  it('ends a count of 999,999,999,999,999 over 250 tasks within a few requests, flagged count-inflated', async () => {
    const r = await fetchAllImportTasks(client, { campaignId: 'huge' })
    expect(sim.stats.byRoute.tasks).toBeLessThanOrEqual(MAX_REQUESTS)
    expect(r.tasks.map((t) => t.id)).toEqual(realIds('huge'))
    expect(r.count).toBe(999_999_999_999_999)
    expect(r).toMatchObject({ incomplete: true, incompleteReason: 'count-inflated' })
  })

  it('ends a count of 100,000 over 250 tasks within a few requests, flagged count-inflated', async () => {
    const r = await fetchAllImportTasks(client, { campaignId: 'inflated', concurrency: 10 })
    expect(sim.stats.byRoute.tasks).toBeLessThanOrEqual(REAL_PAGES + 10)
    expect(r.tasks.map((t) => t.id)).toEqual(realIds('inflated'))
    expect(r).toMatchObject({ incomplete: true, incompleteReason: 'count-inflated' })
  })

  it('stops at the first repeated page of a server ignoring offset, with its 100 unique tasks, flagged offset-ignored', async () => {
    const r = await fetchAllImportTasks(client, { campaignId: 'same-page' })
    expect(sim.stats.byRoute.tasks).toBeLessThanOrEqual(1 + DEFAULT_CONCURRENCY)
    expect(r.tasks.map((t) => t.id)).toEqual(realIds('same-page').slice(0, 100))
    expect(r).toMatchObject({ incomplete: true, incompleteReason: 'offset-ignored' })
  })

  it('reads an honest 250-task list in exactly its 3 pages, not flagged', async () => {
    const r = await fetchAllImportTasks(client, { campaignId: 'honest' })
    expect(sim.stats.byRoute.tasks).toBe(REAL_PAGES)
    expect(r.tasks.map((t) => t.id)).toEqual(realIds('honest'))
    expect(r.incomplete).toBeUndefined()
    expect(r.incompleteReason).toBeUndefined()
  })
})
