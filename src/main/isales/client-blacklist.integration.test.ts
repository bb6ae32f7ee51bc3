import type { Dispatcher } from 'undici'
import { AppError } from '../../shared/errors'
import { BLACKLIST_CAMPAIGN_ID } from '../../shared/blacklist'
import { BLACKLIST_FAILURE_MESSAGES } from '../simulator/dataset'
import { startSimulator, type Simulator, type SimulatorOptions } from '../simulator/server'
import { createAgent } from '../tls/agent-factory'
import { blacklistTasksPath } from './api-paths'
import { parseAuthorization, signRequest } from './c2-signer'
import { IsalesClient, type IsalesClientConfig } from './client'
import { blacklistSource, fetchAllImportTasks, type FetchAllOptions } from './fetch-all'
import { clientForProfile } from './profile-client'
import { ServerSlots } from './server-slots'

/**
 * The blacklist interface (blackfile/queryDataImportTask) through the real client stack against
 * the real simulator over HTTPS: its own path and signature, its own tasks per VDN, the same
 * paging, faults and per-server limit as a campaign's imports. Retry waits return at once.
 */

const cleanups: (() => Promise<void>)[] = []

afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn()
})

function track<T extends Dispatcher>(dispatcher: T): T {
  cleanups.push(() => dispatcher.close())
  return dispatcher
}

async function simulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const sim = await startSimulator({
    campaigns: [{ id: '1001', name: 'Small', taskCount: 5, seed: 1 }],
    ...options,
  })
  cleanups.push(() => sim.close())
  return sim
}

function makeClient(sim: Simulator, over: Partial<IsalesClientConfig> = {}): IsalesClient {
  return new IsalesClient({
    baseUrl: sim.url,
    vdnId: 1,
    ak: sim.ak,
    sk: sim.sk,
    dispatcher: track(createAgent({ mode: 'pin', fingerprint256: sim.fingerprint256 })),
    ...over,
  })
}

function noWait() {
  const errors: AppError[] = []
  const retry: NonNullable<FetchAllOptions['retry']> = {
    retries: 4,
    sleep: async () => {},
    onRetry: ({ error }) => void errors.push(error),
  }
  return { errors, retry }
}

async function failure(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => {
      throw new Error('expected the call to fail')
    },
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(AppError)
  return err as AppError
}

const fetchBlacklist = (client: IsalesClient, options: Partial<FetchAllOptions> = {}) =>
  fetchAllImportTasks(blacklistSource(client), { campaignId: BLACKLIST_CAMPAIGN_ID, ...options })

describe('the blacklist interface against the simulator', () => {
  it('posts to the blackfile path with the campaign body, signed over exactly what was sent', async () => {
    const sim = await simulator()
    const page = await makeClient(sim).queryBlacklistTasks({ offset: 0, limit: 10 })
    expect(page.count).toBe(sim.blacklistTasks(1).length)
    expect(page.tasks.map((t) => t.id)).toEqual(
      sim
        .blacklistTasks(1)
        .slice(0, 10)
        .map((t) => t.id),
    )
    const [sent] = sim.requestLog
    expect(sent).toMatchObject({
      method: 'POST',
      path: blacklistTasksPath(1),
      route: 'blacklist',
      status: 200,
      body: '{"offset":0,"limit":10}',
    })
    const header = String(sent!.headers.authorization)
    const parsed = parseAuthorization(header)
    const recomputed = signRequest({
      ak: sim.ak,
      sk: sim.sk,
      method: 'POST',
      path: sent!.path,
      headers: { host: sent!.headers.host! },
      body: sent!.body,
      date: parsed!.date,
    })
    expect(recomputed.authorization).toBe(header)
    expect(sim.stats.byRoute).toMatchObject({ blacklist: 1, tasks: 0 })
  })

  it('pages every blacklist import of the VDN, in server order, with the blacklist causes of failure', async () => {
    const sim = await simulator({ blacklistTasks: 250 })
    const result = await fetchBlacklist(makeClient(sim), { pageSize: 100 })
    const raw = sim.blacklistTasks(1)
    expect(result.tasks.map((t) => t.id)).toEqual(raw.map((t) => t.id))
    expect(result).toMatchObject({ count: 250, pages: 3 })
    expect(result.incomplete).toBeUndefined()
    const bodies = sim.requestLog.map((r) => JSON.parse(r.body) as { offset: number })
    expect(bodies.map((b) => b.offset).sort((a, b) => a - b)).toEqual([0, 100, 200])
    const causes = new Set(result.tasks.filter((t) => t.status === '3').map((t) => t.errMsg))
    const known = new Set([
      ...BLACKLIST_FAILURE_MESSAGES.map((m) => m.text),
      'Import interrupted: database operation exception',
    ])
    expect(causes.size).toBeGreaterThan(1)
    for (const cause of causes) expect(known).toContain(cause)
    expect([...causes].some((c) => c.includes('already in the blacklist'))).toBe(true)
  })

  it('serves each VDN its own blacklist, and none to a VDN the server does not have', async () => {
    const sim = await simulator({ vdnIds: [1, 2] })
    const one = await fetchBlacklist(makeClient(sim))
    const two = await fetchBlacklist(makeClient(sim, { vdnId: 2 }))
    expect(two.tasks.map((t) => t.id)).toEqual(sim.blacklistTasks(2).map((t) => t.id))
    expect(two.tasks.map((t) => t.id)).not.toEqual(one.tasks.map((t) => t.id))
    const err = await failure(
      makeClient(sim, { vdnId: 3 }).queryBlacklistTasks({ offset: 0, limit: 1 }),
    )
    expect(err).toMatchObject({ code: 'isales', detail: { resultCode: '0200001' } })
  })

  it.each([
    ['http500', 2, { code: 'http', detail: { status: 500 } }],
    ['tooFrequent', 1, { code: 'rate-limited', detail: { resultCode: '0200022' } }],
    ['dropConnection', 1, { code: 'network' }],
  ] as const)(
    'retries %s ×%i on the blacklist route and comes back complete',
    async (fault, times, retried) => {
      const sim = await simulator({ blacklistTasks: 101 })
      sim.setFaults({ [fault]: times })
      const rec = noWait()
      const result = await fetchBlacklist(makeClient(sim), { pageSize: 100, retry: rec.retry })
      expect(result.tasks.map((t) => t.id)).toEqual(sim.blacklistTasks(1).map((t) => t.id))
      expect(sim.stats.faults).toEqual({ [fault]: times })
      expect(sim.stats.byRoute.blacklist).toBe(2 + times)
      expect(rec.errors).toHaveLength(times)
      for (const e of rec.errors) expect(e).toMatchObject(retried)
    },
  )

  it('a reply that is not JSON is a protocol error and a wrong SK is auth, neither retried', async () => {
    const sim = await simulator()
    sim.setFaults({ malformedJson: 1 })
    const rec = noWait()
    const bad = await failure(fetchBlacklist(makeClient(sim), { retry: rec.retry }))
    expect(bad.code).toBe('protocol')
    sim.setFaults({})
    sim.resetStats()
    const auth = await failure(
      fetchBlacklist(makeClient(sim, { sk: 'wrong' }), { retry: rec.retry }),
    )
    expect(auth.code).toBe('auth')
    expect(rec.errors).toEqual([])
  })

  it('holds one of the server’s slots per request on the gated client, like the campaign route', async () => {
    const sim = await simulator({ blacklistTasks: 10, faults: { latencyMs: 40 } })
    const gate = new ServerSlots(2)
    const profile = {
      serverUrl: sim.url,
      vdnId: 1,
      ak: sim.ak,
      signing: { timestampFormat: 'seconds' as const, signedHeaders: ['host' as const] },
      tls: { mode: 'pin' as const, fingerprint256: sim.fingerprint256, subject: '', trustedAt: '' },
    }
    const { client, close } = clientForProfile(profile, sim.sk, gate)
    cleanups.push(close)
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        i % 2 === 0
          ? client.queryBlacklistTasks({ offset: i, limit: 1 })
          : client.queryImportTasks({ campaignId: '1001', offset: 0, limit: 1 }),
      ),
    )
    expect(sim.stats.byRoute).toMatchObject({ blacklist: 3, tasks: 3 })
    expect(sim.stats.maxInFlight).toBeLessThanOrEqual(2)
    expect(sim.stats.maxInFlight).toBe(2)
  })
})
