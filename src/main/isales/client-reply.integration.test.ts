import type { Dispatcher } from 'undici'
import type { AppError } from '../../shared/errors'
import { startSimulator, type Simulator } from '../simulator/server'
import type { CampaignSpec } from '../simulator/world'
import { createAgent } from '../tls/agent-factory'
import { IsalesClient, type IsalesClientConfig } from './client'
import { fetchAllImportTasks } from './fetch-all'

/**
 * Reading replies from the real simulator over HTTPS: the total deadline against a server that
 * trickles its body, and broken JSON that arrived whole.
 */

const CAMPAIGNS: CampaignSpec[] = [{ id: '1001', name: 'Small', taskCount: 5, seed: 1 }]

let sim: Simulator
let agent: Dispatcher

beforeAll(async () => {
  sim = await startSimulator({ campaigns: CAMPAIGNS })
  agent = createAgent({ mode: 'pin', fingerprint256: sim.fingerprint256 })
})

afterAll(async () => {
  await agent.close()
  await sim.close()
})

beforeEach(() => {
  sim.setFaults({})
  sim.resetStats()
})

function client(over: Partial<IsalesClientConfig> = {}): IsalesClient {
  return new IsalesClient({
    baseUrl: sim.url,
    vdnId: 1,
    ak: sim.ak,
    sk: sim.sk,
    dispatcher: agent,
    ...over,
  })
}

async function failure(p: Promise<unknown>): Promise<AppError> {
  return p.then(
    () => {
      throw new Error('expected the call to fail')
    },
    (e: unknown) => e as AppError,
  )
}

const query = { campaignId: '1001', offset: 0, limit: 10 }
const noSleep = async () => {}

describe('total deadline (timeouts.totalMs)', () => {
  // slowBody sends the headers at once, then a piece every slowBodyMs / 10 = 300 ms: never silent
  // for the 30 s body timeout, so only a deadline on the whole reply stops it.
  it('cuts off a reply that trickles in, as a timeout (not cancelled)', async () => {
    sim.setFaults({ slowBody: 1, slowBodyMs: 3_000 })
    const started = performance.now()
    const e = await failure(client({ timeouts: { totalMs: 500 } }).queryImportTasks(query))
    const elapsed = performance.now() - started

    expect(e).toMatchObject({ code: 'timeout', detail: { cause: 'TOTAL_TIMEOUT' } })
    expect(e.message).toMatch(/did not send its full reply within 1 s/)
    expect(e.message).not.toContain('TOTAL_TIMEOUT')
    expect(elapsed).toBeGreaterThanOrEqual(450)
    expect(elapsed).toBeLessThan(2_000)
    expect(sim.stats.faults).toEqual({ slowBody: 1 })
  })

  it('is retried like any timeout, and the retry gets the whole list', async () => {
    sim.setFaults({ slowBody: 1, slowBodyMs: 3_000 })
    const errors: AppError[] = []
    const r = await fetchAllImportTasks(client({ timeouts: { totalMs: 500 } }), {
      campaignId: '1001',
      retry: { sleep: noSleep, onRetry: ({ error }) => void errors.push(error) },
    })
    expect(r.tasks).toHaveLength(5)
    expect(errors).toEqual([expect.objectContaining({ code: 'timeout' })])
    expect(sim.stats.requests).toBe(2)
  })

  it('leaves a reply that finishes in time alone', async () => {
    sim.setFaults({ slowBody: 1, slowBodyMs: 200 })
    const page = await client({ timeouts: { totalMs: 2_000 } }).queryImportTasks(query)
    expect(page.tasks).toHaveLength(5)
  })

  it('a caller cancel during the trickle is still cancelled', async () => {
    sim.setFaults({ slowBody: 1, slowBodyMs: 3_000 })
    const ac = new AbortController()
    setTimeout(() => ac.abort(), 200)
    const e = await failure(
      client({ timeouts: { totalMs: 5_000 } }).queryImportTasks(query, { signal: ac.signal }),
    )
    expect(e.code).toBe('cancelled')
  })
})

describe('broken JSON with a correct Content-Length', () => {
  it('is a protocol error "not valid JSON", not retried', async () => {
    sim.setFaults({ malformedJson: 1 })
    const errors: AppError[] = []
    const e = await failure(
      fetchAllImportTasks(client(), {
        campaignId: '1001',
        retry: { sleep: noSleep, onRetry: ({ error }) => void errors.push(error) },
      }),
    )
    expect(e).toMatchObject({ code: 'protocol', detail: { cause: 'invalid-json' } })
    expect(e.message).toMatch(/^The server's reply is not valid JSON/)
    expect(errors).toEqual([])
    expect(sim.stats.requests).toBe(1)
  })

  it('while a body really cut short is still a retried network error', async () => {
    sim.setFaults({ truncatedBody: 1 })
    const errors: AppError[] = []
    const r = await fetchAllImportTasks(client(), {
      campaignId: '1001',
      retry: { sleep: noSleep, onRetry: ({ error }) => void errors.push(error) },
    })
    expect(r.tasks).toHaveLength(5)
    expect(errors).toEqual([expect.objectContaining({ code: 'network' })])
  })
})
