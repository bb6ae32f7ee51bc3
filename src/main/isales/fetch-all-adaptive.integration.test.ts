import { startSimulator, type Simulator } from '../simulator/server'
import { createAgent } from '../tls/agent-factory'
import { IsalesClient } from './client'
import { fetchAllImportTasks } from './fetch-all'
import { MAX_IN_FLIGHT_PER_SERVER } from '../../shared/limits'

/**
 * Fetch-all's adaptive concurrency over real HTTPS against the simulator, 50 ms per request: a
 * server that refuses a 4th request in flight, and one that takes the full 10.
 */

const TASKS = 10_000
const PAGES = TASKS / 100

let sim: Simulator
let client: IsalesClient
let agent: ReturnType<typeof createAgent>

beforeAll(async () => {
  sim = await startSimulator({ campaigns: [{ id: 'big', name: 'Big', taskCount: TASKS, seed: 5 }] })
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

beforeEach(() => sim.resetStats())

function realIds(): string[] {
  return sim.campaigns[0]!.tasks.map((t) => t.id)
}

/** Short back-off so the test does not wait out the default half second per refusal. */
const retry = { baseDelayMs: 20, maxDelayMs: 100 }

describe.each([
  ['HTTP 429', 'http429'],
  ['iSales 0200022', 'tooFrequent'],
] as const)('fetch-all against a server answering %s above 3 in flight', (_, overLimitReply) => {
  it('settles at 3 and finishes with the full list, refused a handful of times, not once a page', async () => {
    sim.setFaults({ latencyMs: 50, maxInFlight: 3, overLimitReply })
    const limits: number[] = []
    const r = await fetchAllImportTasks(client, {
      campaignId: 'big',
      retry,
      onConcurrency: (n) => limits.push(n),
    })
    expect(r.tasks.map((t) => t.id)).toEqual(realIds())
    expect(r.incomplete).toBeUndefined()
    expect(sim.stats.maxServed).toBeLessThanOrEqual(3)
    expect(sim.stats.overLimit).toBeGreaterThan(0)
    expect(sim.stats.overLimit).toBeLessThanOrEqual(PAGES / 4)
    // It ends at 3, and its last moves never go past the occasional probe of 4. (Dips below 3
    // are its answer to rising latency, which a busy machine causes: not part of the settling.)
    expect(limits.at(-1)).toBe(3)
    expect(Math.max(...limits.slice(-4))).toBeLessThanOrEqual(4)
  })
})

describe('fetch-all against a server that allows 10 in flight', () => {
  it('starts at 3 and grows to 10 requests in flight, never more', async () => {
    sim.setFaults({ latencyMs: 50 })
    const limits: number[] = []
    const r = await fetchAllImportTasks(client, {
      campaignId: 'big',
      retry,
      onConcurrency: (n) => limits.push(n),
    })
    expect(r.tasks).toHaveLength(TASKS)
    expect(limits[0]).toBe(3)
    expect(Math.max(...limits)).toBe(MAX_IN_FLIGHT_PER_SERVER)
    expect(sim.stats.maxInFlight).toBeGreaterThanOrEqual(8)
    expect(sim.stats.maxInFlight).toBeLessThanOrEqual(MAX_IN_FLIGHT_PER_SERVER)
  })
})
