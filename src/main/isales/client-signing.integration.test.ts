import type { Dispatcher } from 'undici'
import { startSimulator, type Simulator } from '../simulator/server'
import type { CampaignSpec } from '../simulator/world'
import { createAgent } from '../tls/agent-factory'
import { parseAuthorization, type SigningOptions } from './c2-signer'
import { IsalesClient } from './client'

/**
 * The signature checked where it matters: by the simulator, from the headers that actually arrived
 * over HTTPS. A MockAgent only sees what the client hands to undici, and undici leaves some of that
 * off the wire (Content-Length on a request without a body), so a signed-but-unsent header passes
 * a mock and fails a real server with 401.
 */

const CAMPAIGNS: CampaignSpec[] = [
  { id: '1001', name: 'Spring promo & more', taskCount: 5, seed: 1 },
  { id: '1002', name: 'Summer', taskCount: 2, seed: 2, status: 3 },
]

// The 2025-document variant (docs/isales-interface.md#signing-options, unverified): millisecond timestamps, three headers.
const SIGNING: SigningOptions = {
  timestampFormat: 'milliseconds',
  signedHeaders: ['content-length', 'content-type', 'host'],
}

let sim: Simulator
let agent: Dispatcher

beforeAll(async () => {
  sim = await startSimulator({
    campaigns: CAMPAIGNS,
    signing: {
      requiredSignedHeaders: ['content-type', 'host'],
      timestampFormats: ['milliseconds'],
    },
  })
  agent = createAgent({ mode: 'pin', fingerprint256: sim.fingerprint256 })
})

afterAll(async () => {
  await agent.close()
  await sim.close()
})

beforeEach(() => {
  sim.resetStats()
})

function client(): IsalesClient {
  return new IsalesClient({
    baseUrl: sim.url,
    vdnId: 1,
    ak: sim.ak,
    sk: sim.sk,
    signing: SIGNING,
    dispatcher: agent,
  })
}

function lastRequest() {
  const record = sim.requestLog.at(-1)
  if (!record) throw new Error('no request reached the simulator')
  return record
}

describe('signing content-length;content-type;host with millisecond timestamps', () => {
  it('listCampaigns (GET, no body) is accepted: content-length is neither sent nor signed', async () => {
    const page = await client().listCampaigns({ name: 'spring promo & more' })

    expect(page.campaigns.map((c) => c.id)).toEqual(['1001'])
    expect(page.total).toBe(1)
    expect(sim.stats.authFailures).toEqual({})
    const wire = lastRequest()
    expect(wire.method).toBe('GET')
    expect(wire.headers['content-length']).toBeUndefined()
    const auth = parseAuthorization(String(wire.headers.authorization))
    expect(auth).toMatchObject({
      timestampFormat: 'milliseconds',
      signedHeaders: ['content-type', 'host'],
    })
  })

  it('queryImportTasks (POST) is accepted with all three headers signed and sent', async () => {
    const page = await client().queryImportTasks({ campaignId: '1001', offset: 0, limit: 10 })

    expect(page.count).toBe(5)
    expect(page.tasks).toHaveLength(5)
    expect(sim.stats.authFailures).toEqual({})
    const wire = lastRequest()
    expect(wire.method).toBe('POST')
    expect(wire.headers['content-length']).toBe(String(Buffer.byteLength(wire.body)))
    expect(parseAuthorization(String(wire.headers.authorization))?.signedHeaders).toEqual([
      'content-length',
      'content-type',
      'host',
    ])
  })

  it('both in a row on one keep-alive connection', async () => {
    const c = client()
    const campaigns = await c.listCampaigns()
    const pages = await Promise.all(
      campaigns.campaigns.map((camp) =>
        c.queryImportTasks({ campaignId: camp.id, offset: 0, limit: 100 }),
      ),
    )
    expect(pages.map((p) => p.tasks.length)).toEqual([5, 2])
    expect(sim.stats.byStatus).toEqual({ 200: 3 })
  })
})
