import { Agent, type Dispatcher } from 'undici'
import { AppError } from '../../shared/errors'
import type { ImportTask, TaskStatus } from '../../shared/import-task'
import { buildTask } from '../../shared/testing/task-builder'
import { generateCaAndLeaf, generateCertificate } from '../simulator/certificate'
import type { RawTask } from '../simulator/dataset'
import { startSimulator, type Simulator, type SimulatorOptions } from '../simulator/server'
import type { CampaignSpec } from '../simulator/world'
import { createAgent } from '../tls/agent-factory'
import type { TlsTrust } from '../tls/trust'
import { parseAuthorization, signRequest } from './c2-signer'
import { IsalesClient, type IsalesClientConfig } from './client'
import { fetchAllImportTasks, type FetchAllOptions, type FetchProgress } from './fetch-all'
import { authFailedMessage } from './http-errors'

/**
 * The real client stack (IsalesClient + fetchAllImportTasks + createAgent) against the real
 * simulator over HTTPS on 127.0.0.1. Retry waits go through an injected sleep that records the
 * delay and returns at once, so nothing here waits on wall-clock backoff.
 */

const SIZES = [0, 1, 100, 101, 10_000] as const
const LIST_NAME = 'Été Renouvellement / Q3 & co'

const MAIN_CAMPAIGNS: CampaignSpec[] = [
  ...SIZES.map((n): CampaignSpec => ({
    id: `c${n}`,
    name: `Campaign with ${n} tasks`,
    taskCount: n,
    seed: 100 + n,
    ...(n === 101 ? { withBlackNum: true } : {}),
  })),
  { id: 'omit250', name: 'No count 250', taskCount: 250, omitCount: true, seed: 7, status: 4 },
  { id: 'omit200', name: 'No count 200', taskCount: 200, omitCount: true, seed: 8, status: 4 },
  { id: '2024001', name: LIST_NAME, taskCount: 3, seed: 9, status: 3 },
  { id: 'other-vdn', name: 'Other VDN campaign', taskCount: 4, vdnId: 2, seed: 10 },
]

const SMALL_CAMPAIGNS: CampaignSpec[] = [{ id: '1001', name: 'Small', taskCount: 5, seed: 1 }]

// ---------------------------------------------------------------------------------------------
// Helpers

const cleanups: (() => Promise<void>)[] = []

afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn()
})

function track<T extends Dispatcher>(dispatcher: T): T {
  cleanups.push(() => dispatcher.close())
  return dispatcher
}

async function simulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const sim = await startSimulator({ campaigns: SMALL_CAMPAIGNS, ...options })
  cleanups.push(() => sim.close())
  return sim
}

function pinned(sim: Simulator): TlsTrust {
  return { mode: 'pin', fingerprint256: sim.fingerprint256 }
}

function makeClient(
  sim: Simulator,
  over: Partial<IsalesClientConfig> & { trust?: TlsTrust } = {},
): IsalesClient {
  const { trust, ...rest } = over
  return new IsalesClient({
    baseUrl: sim.url,
    vdnId: 1,
    ak: sim.ak,
    sk: sim.sk,
    dispatcher: rest.dispatcher ?? track(createAgent(trust ?? pinned(sim))),
    ...rest,
  })
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

/** Retry options whose sleep records the delay instead of waiting. */
function recorder(retries = 4) {
  const delays: number[] = []
  const errors: AppError[] = []
  const retry: NonNullable<FetchAllOptions['retry']> = {
    retries,
    sleep: async (ms) => {
      delays.push(ms)
    },
    onRetry: ({ error }) => {
      errors.push(error)
    },
  }
  return { delays, errors, retry }
}

function rawTasks(sim: Simulator, campaignId: string): readonly RawTask[] {
  const campaign = sim.campaigns.find((c) => c.id === campaignId)
  if (!campaign) throw new Error(`no campaign ${campaignId}`)
  return campaign.tasks
}

/**
 * What the client must make of a raw simulator task, written independently of schemas.ts:
 * status as text, errMsg as text ('' for null or 0), times kept raw and parsed (the plain format is
 * server local time, read as local time like Date.parse does), unknown fields in `extra`.
 */
function expectedTask(raw: RawTask): ImportTask {
  const {
    id,
    status,
    beginTime,
    endTime,
    succNum,
    repeatNum,
    failNum,
    blackNum,
    errMsg,
    ...extra
  } = raw
  const at = (text: string): number | null => (text === '' ? null : Date.parse(text))
  return buildTask({
    id,
    status: String(status) as TaskStatus,
    beginTime,
    endTime,
    beginAt: at(beginTime),
    endAt: at(endTime),
    succNum,
    repeatNum,
    failNum,
    ...(blackNum !== undefined ? { blackNum } : {}),
    errMsg: errMsg === null || errMsg === 0 ? '' : String(errMsg),
    extra,
  })
}

/** Resolves once `condition` holds (checked every few ms); fails after `timeoutMs`. */
async function until(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  await vi.waitFor(
    () => {
      if (!condition()) throw new Error('condition not met in time')
    },
    { timeout: timeoutMs, interval: 5 },
  )
}

// ---------------------------------------------------------------------------------------------

describe('C2 signature', () => {
  it('gives the reference vector for the fixed AK/SK/time', () => {
    const parts = signRequest({
      ak: 'testak',
      sk: 'testsk',
      method: 'POST',
      path: '/rest/isales/v1/openapi/campaigns/1/calldatafile/queryDataImportTask/123',
      headers: { host: '10.0.0.1:28443', 'content-type': 'application/json; charset=UTF-8' },
      body: '{"offset":0,"limit":10}',
      date: new Date('2024-01-01T00:00:00Z'),
    })
    expect(parts.canonicalRequest).toBe(
      'POST\n/rest/isales/v1/openapi/campaigns/1/calldatafile/queryDataImportTask/123\nhost\nhost:10.0.0.1%3A28443\n%7B%22offset%22%3A0%2C%22limit%22%3A10%7D',
    )
    expect(parts.signingKey).toBe(
      'c8dabafbd2242091e318d9ec5097fee6f375c19fef55a3fcfa0d9a8c2319df85',
    )
    expect(parts.authorization).toBe(
      'auth-v2/testak/2024-01-01T00:00:00Z/host/fe424e5b5e4f81e6f9b5b917640da62ed389c8d772bae46fc762f43aaa42056f',
    )
  })

  it('signs exactly the host and body that go on the wire, and the simulator accepts it', async () => {
    const sim = await simulator()
    const page = await makeClient(sim).queryImportTasks({
      campaignId: '1001',
      offset: 0,
      limit: 10,
    })
    expect(page.count).toBe(5)
    expect(sim.stats.authFailures).toEqual({})

    const [record] = sim.requestLog
    expect(record).toBeDefined()
    const sent = record!
    expect(sent.status).toBe(200)
    expect(sent.headers.host).toBe(`127.0.0.1:${sim.port}`)
    expect(sent.body).toBe('{"offset":0,"limit":10}')
    const header = String(sent.headers.authorization)
    const parsed = parseAuthorization(header)
    expect(parsed).toMatchObject({
      ak: sim.ak,
      timestampFormat: 'seconds',
      signedHeaders: ['host'],
    })
    // Recomputed from what the server received: the signature covers these very bytes.
    const recomputed = signRequest({
      ak: sim.ak,
      sk: sim.sk,
      method: sent.method,
      path: sent.path,
      headers: { host: sent.headers.host! },
      body: sent.body,
      date: parsed!.date,
    })
    expect(recomputed.authorization).toBe(header)
  })

  it('meets a server that demands millisecond timestamps and signed content headers', async () => {
    const sim = await simulator({
      signing: {
        requiredSignedHeaders: ['content-length', 'content-type', 'host'],
        timestampFormats: ['milliseconds'],
      },
    })
    const signing = {
      timestampFormat: 'milliseconds' as const,
      signedHeaders: ['content-length', 'content-type', 'host'],
    }
    const agent = track(createAgent(pinned(sim)))
    const page = await makeClient(sim, { signing, dispatcher: agent }).queryImportTasks({
      campaignId: '1001',
      offset: 0,
      limit: 100,
    })
    expect(page.tasks).toHaveLength(5)
    expect(parseAuthorization(String(sim.requestLog[0]!.headers.authorization))).toMatchObject({
      timestampFormat: 'milliseconds',
      signedHeaders: ['content-length', 'content-type', 'host'],
    })

    // The default settings (seconds, host only) are refused by this server, as a plain 401.
    const e = await failure(
      makeClient(sim, { dispatcher: agent }).queryImportTasks({
        campaignId: '1001',
        offset: 0,
        limit: 1,
      }),
    )
    expect(e).toMatchObject({ code: 'auth', detail: { status: 401 } })
    expect(sim.stats.authFailures).toEqual({ 'timestamp-format': 1 })
  })
})

describe('against one shared simulator', () => {
  let sim: Simulator

  beforeAll(async () => {
    sim = await startSimulator({ campaigns: MAIN_CAMPAIGNS })
  })

  afterAll(async () => {
    await sim.close()
  })

  beforeEach(() => {
    sim.setFaults({})
    sim.resetStats()
  })

  afterEach(() => {
    sim.setFaults({})
  })

  describe('fetching whole campaigns', () => {
    // Pages of 100. With a count, ceil(count / 100) pages and at least one: the first page already
    // says 100 tasks, so 100 is ONE page (no empty probe page). 0 → 1 (the page that says 0).
    it.each([
      [0, 1],
      [1, 1],
      [100, 1],
      [101, 2],
      [10_000, 100],
    ])('%i tasks: exactly the simulator’s tasks in %i page(s)', async (size, pages) => {
      const raw = rawTasks(sim, `c${size}`)
      expect(raw).toHaveLength(size)
      const progress: FetchProgress[] = []
      const result = await fetchAllImportTasks(makeClient(sim), {
        campaignId: `c${size}`,
        concurrency: 10,
        onProgress: (p) => progress.push(p),
      })

      expect(result.count).toBe(size)
      expect(result.pages).toBe(pages)
      expect(sim.stats.requests).toBe(pages)
      expect(sim.stats.byStatus).toEqual({ 200: pages })
      expect(result.tasks.map((t) => t.id)).toEqual(raw.map((t) => t.id))
      for (const t of result.tasks) expect(t.id).toMatch(/^\d{30}$/)
      expect(result.tasks).toEqual(raw.map(expectedTask))

      expect(progress).toHaveLength(pages)
      expect(progress.at(-1)).toEqual({ pagesDone: pages, pagesTotal: pages, tasksSoFar: size })
      expect(progress.map((p) => p.pagesDone)).toEqual(progress.map((_, i) => i + 1))
    })

    it('parses the quirks of a large dataset (numeric status, errMsg null/number, extras)', async () => {
      const raw = rawTasks(sim, 'c10000')
      // The dataset really contains every quirk, so the comparison below is not vacuous.
      expect(raw.filter((t) => typeof t.status === 'number').length).toBeGreaterThan(10)
      expect(raw.filter((t) => t.errMsg === null).length).toBeGreaterThan(10)
      expect(raw.filter((t) => t.errMsg === 0).length).toBeGreaterThan(10)
      expect(raw.filter((t) => 'fileName' in t).length).toBeGreaterThan(10)
      expect(raw.filter((t) => / \d{2}:/.test(t.beginTime)).length).toBeGreaterThan(10)

      const { tasks } = await fetchAllImportTasks(makeClient(sim), { campaignId: 'c10000' })
      const byId = new Map(tasks.map((t) => [t.id, t]))
      for (const r of raw) {
        const t = byId.get(r.id)!
        expect(typeof t.status).toBe('string')
        expect(t.status).toBe(String(r.status))
        if (r.errMsg === null) expect(t.errMsg).toBe('')
        if (r.errMsg === 0) expect(t.errMsg).toBe('') // an Integer with nothing to say
        if ('fileName' in r) expect(t.extra).toEqual({ fileName: r.fileName, operator: r.operator })
      }
    })

    it('keeps blackNum when the server sends it', async () => {
      const { tasks } = await fetchAllImportTasks(makeClient(sim), { campaignId: 'c101' })
      expect(tasks).toHaveLength(101)
      expect(tasks.every((t) => typeof t.blackNum === 'number')).toBe(true)
    })

    // Without a count the pages are walked one at a time until a short page: 250 → 100+100+50;
    // 200 → 100+100 and an empty third page to learn that the second was the last.
    it.each([
      ['omit250', 250, 3],
      ['omit200', 200, 3],
    ])('%s (count missing): all %i tasks in %i pages', async (campaignId, size, pages) => {
      const progress: FetchProgress[] = []
      const result = await fetchAllImportTasks(makeClient(sim), {
        campaignId,
        concurrency: 10,
        onProgress: (p) => progress.push(p),
      })
      expect(result.count).toBeNull()
      expect(result.pages).toBe(pages)
      expect(sim.stats.requests).toBe(pages)
      expect(sim.stats.maxInFlight).toBe(1)
      expect(result.tasks.map((t) => t.id)).toEqual(rawTasks(sim, campaignId).map((t) => t.id))
      expect(progress.map((p) => p.pagesTotal)).toEqual(Array(pages).fill(null))
      expect(progress.at(-1)).toEqual({ pagesDone: pages, pagesTotal: null, tasksSoFar: size })
    })

    it('sends importTaskIds and gets only those tasks, in server order', async () => {
      const raw = rawTasks(sim, 'c10000')
      const wanted = [raw[9_999]!.id, raw[17]!.id, raw[5_000]!.id]
      const result = await fetchAllImportTasks(makeClient(sim), {
        campaignId: 'c10000',
        importTaskIds: wanted,
      })
      expect(result.count).toBe(3)
      expect(result.pages).toBe(1)
      expect(result.tasks.map((t) => t.id)).toEqual([raw[17]!.id, raw[5_000]!.id, raw[9_999]!.id])
      expect(JSON.parse(sim.requestLog.at(-1)!.body)).toEqual({
        offset: 0,
        limit: 100,
        importTaskIds: wanted,
      })
    })
  })

  describe('concurrency', () => {
    it('never has more than 10 requests in flight, even when 50 are asked for', async () => {
      sim.setFaults({ latencyMs: 30 })
      const expectedIds = rawTasks(sim, 'c10000').map((t) => t.id)

      const viaAgent = await fetchAllImportTasks(makeClient(sim), {
        campaignId: 'c10000',
        concurrency: 50,
      })
      expect(viaAgent.tasks.map((t) => t.id)).toEqual(expectedIds)
      expect(sim.stats.maxInFlight).toBeLessThanOrEqual(10)
      expect(sim.stats.maxInFlight).toBeGreaterThan(4) // more than the default: 10 were used

      // The product agent also caps sockets at 10; with a dispatcher that allows 100, the cap must
      // come from fetchAllImportTasks itself.
      sim.resetStats()
      const wide = track(new Agent({ connect: { ca: sim.certPem }, connections: 100 }))
      const viaWide = await fetchAllImportTasks(makeClient(sim, { dispatcher: wide }), {
        campaignId: 'c10000',
        concurrency: 50,
      })
      expect(viaWide.tasks).toHaveLength(10_000)
      expect(sim.stats.maxInFlight).toBeLessThanOrEqual(10)
      expect(sim.stats.maxInFlight).toBeGreaterThan(4)
    })

    it('keeps to a requested concurrency of 4, in parallel', async () => {
      sim.setFaults({ latencyMs: 30 })
      const wide = track(new Agent({ connect: { ca: sim.certPem }, connections: 100 }))
      const result = await fetchAllImportTasks(makeClient(sim, { dispatcher: wide }), {
        campaignId: 'c10000',
        concurrency: 4,
      })
      expect(result.pages).toBe(100)
      expect(sim.stats.maxInFlight).toBeLessThanOrEqual(4)
      expect(sim.stats.maxInFlight).toBeGreaterThan(1)
    })
  })

  describe('faults', () => {
    const ids101 = () => rawTasks(sim, 'c101').map((t) => t.id)

    it.each([
      ['http500', 2, { code: 'http', detail: { status: 500 } }],
      ['tooFrequent', 1, { code: 'rate-limited', detail: { resultCode: '0200022' } }],
      ['dropConnection', 1, { code: 'network' }],
      ['truncatedBody', 1, { code: 'network' }],
    ] as const)('%s ×%i is retried and the result is complete', async (fault, times, retried) => {
      sim.setFaults({ [fault]: times })
      const rec = recorder()
      const result = await fetchAllImportTasks(makeClient(sim), {
        campaignId: 'c101',
        retry: rec.retry,
      })
      expect(result.tasks.map((t) => t.id)).toEqual(ids101())
      expect(result.pages).toBe(2)
      expect(sim.stats.faults).toEqual({ [fault]: times })
      expect(sim.stats.requests).toBe(2 + times)
      expect(rec.errors).toHaveLength(times)
      for (const e of rec.errors) expect(e).toMatchObject(retried)
    })

    it('malformedJson: a whole reply that is not JSON is a protocol error, not retried', async () => {
      sim.setFaults({ malformedJson: 1 })
      const rec = recorder()
      const failure = fetchAllImportTasks(makeClient(sim), { campaignId: 'c101', retry: rec.retry })
      await expect(failure).rejects.toMatchObject({
        code: 'protocol',
        detail: { cause: 'invalid-json' },
      })
      expect(sim.stats.requests).toBe(1)
      expect(rec.errors).toHaveLength(0)
    })

    it('http429: waits at least the Retry-After (1 s) before retrying', async () => {
      sim.setFaults({ http429: 1, retryAfterSeconds: 1 })
      const rec = recorder()
      const result = await fetchAllImportTasks(makeClient(sim), {
        campaignId: 'c101',
        retry: { ...rec.retry, baseDelayMs: 10 },
      })
      expect(result.tasks).toHaveLength(101)
      expect(sim.stats.byStatus).toEqual({ 200: 2, 429: 1 })
      expect(rec.errors).toEqual([
        expect.objectContaining({ code: 'rate-limited', detail: { status: 429, retryAfter: 1 } }),
      ])
      expect(rec.delays).toHaveLength(1)
      expect(rec.delays[0]).toBeGreaterThanOrEqual(1000)
    })

    // undici runs body timeouts on its coarse timer (fires 0.5–1 s after the last byte whatever
    // smaller value is set), so the body pauses 3 s between pieces (slowBodyMs / 10).
    it('slowBody past the body timeout is a timeout: retried, or the final error with retries 0', async () => {
      const timeouts = { bodyMs: 50 }
      const slow = { slowBody: 1, slowBodyMs: 30_000 }
      sim.setFaults(slow)
      const rec = recorder(1)
      const ok = await fetchAllImportTasks(makeClient(sim, { timeouts }), {
        campaignId: 'c1',
        retry: rec.retry,
      })
      expect(ok.tasks).toHaveLength(1)
      expect(rec.errors).toEqual([
        expect.objectContaining({ code: 'timeout', detail: { cause: 'UND_ERR_BODY_TIMEOUT' } }),
      ])
      expect(sim.stats.requests).toBe(2)

      sim.setFaults(slow)
      sim.resetStats()
      const started = performance.now()
      const e = await failure(
        fetchAllImportTasks(makeClient(sim, { timeouts }), {
          campaignId: 'c1',
          retry: { retries: 0 },
        }),
      )
      expect(e).toMatchObject({ code: 'timeout', detail: { cause: 'UND_ERR_BODY_TIMEOUT' } })
      expect(performance.now() - started).toBeLessThan(2500) // the first piece is 3 s away
      expect(sim.stats.requests).toBe(1)
    })

    it('hugeBody over maxResponseBytes is a protocol error "too large", not retried', async () => {
      sim.setFaults({ hugeBody: 1, hugeBodyBytes: 4 * 1024 * 1024 })
      const rec = recorder()
      const e = await failure(
        fetchAllImportTasks(makeClient(sim, { maxResponseBytes: 256 * 1024 }), {
          campaignId: 'c1',
          retry: rec.retry,
        }),
      )
      expect(e).toMatchObject({ code: 'protocol', detail: { cause: 'reply-too-large' } })
      expect(e.message).toMatch(/too large/)
      expect(rec.errors).toEqual([])
      expect(sim.stats.requests).toBe(1)
    })

    it('retries exhausted: the last typed error (http500 ×10, retries 2 → http 500)', async () => {
      sim.setFaults({ http500: 10 })
      const rec = recorder(2)
      const e = await failure(
        fetchAllImportTasks(makeClient(sim), { campaignId: 'c101', retry: rec.retry }),
      )
      expect(e).toMatchObject({ code: 'http', detail: { status: 500 } })
      expect(e.message).toContain('HTTP 500')
      expect(sim.stats.requests).toBe(3)
      expect(rec.delays).toHaveLength(2)
    })

    it('a wrong SK is auth, not retried: the simulator sees exactly one request', async () => {
      const rec = recorder()
      const e = await failure(
        fetchAllImportTasks(makeClient(sim, { sk: 'wrong-secret' }), {
          campaignId: 'c101',
          retry: rec.retry,
        }),
      )
      expect(e).toMatchObject({
        code: 'auth',
        message: authFailedMessage(),
        detail: { status: 401 },
      })
      // The clocks agree, so the 401 is not put down to clock skew and not re-sent.
      expect(sim.stats.requests).toBe(1)
      expect(sim.stats.authFailures).toEqual({ 'signature-mismatch': 1 })
      expect(rec.errors).toEqual([])
    })
  })

  describe('business errors', () => {
    it('unknown campaign → isales 0200007 with its meaning', async () => {
      const e = await failure(
        fetchAllImportTasks(makeClient(sim), { campaignId: 'no-such-campaign' }),
      )
      expect(e).toMatchObject({ code: 'isales', detail: { resultCode: '0200007' } })
      expect(e.message).toContain('The outbound campaign does not exist')
      expect(sim.stats.requests).toBe(1)
    })

    it('a campaign of another VDN does not exist in this one (0200007)', async () => {
      const e = await failure(fetchAllImportTasks(makeClient(sim), { campaignId: 'other-vdn' }))
      expect(e).toMatchObject({ code: 'isales', detail: { resultCode: '0200007' } })
      const ok = await fetchAllImportTasks(makeClient(sim, { vdnId: 2 }), {
        campaignId: 'other-vdn',
      })
      expect(ok.tasks).toHaveLength(4)
    })

    it('a VDN the server does not have → isales 0200001 with the server’s description', async () => {
      const e = await failure(
        fetchAllImportTasks(makeClient(sim, { vdnId: 77 }), { campaignId: 'c1' }),
      )
      expect(e).toMatchObject({
        code: 'isales',
        detail: { resultCode: '0200001', resultDesc: 'VDN 77 does not exist' },
      })
      expect(e.message).toContain('Parameter error')
      expect(e.message).toContain('VDN 77 does not exist')
    })
  })

  describe('cancel', () => {
    // After five pages every new request is held 10 s by the simulator, so in-flight only drops
    // to 0 within the test's budget if cancelling really closes the requests on the wire.
    it('aborting a 10,000-task fetch rejects promptly with cancelled and frees the server', async () => {
      const controller = new AbortController()
      const progress: FetchProgress[] = []
      const pending = fetchAllImportTasks(makeClient(sim), {
        campaignId: 'c10000',
        concurrency: 10,
        adaptive: false, // 10 in flight from the start: the abort meets a full window
        signal: controller.signal,
        onProgress: (p) => {
          progress.push(p)
          if (p.pagesDone === 5) sim.setFaults({ latencyMs: 10_000 })
        },
      })
      let settled = false
      const outcome = pending.then(
        () => {
          settled = true
        },
        (e: unknown) => {
          settled = true
          return e
        },
      )
      await until(() => sim.stats.inFlight === 10)
      expect(settled).toBe(false)
      const pagesAtAbort = progress.length

      const abortedAt = performance.now()
      controller.abort()
      const e = await outcome
      expect(performance.now() - abortedAt).toBeLessThan(250)
      expect(e).toBeInstanceOf(AppError)
      expect((e as AppError).code).toBe('cancelled')
      await until(() => sim.stats.inFlight === 0, 1500)
      expect(progress.length).toBe(pagesAtAbort) // no progress after the cancel
      expect(pagesAtAbort).toBeLessThan(100)
    })
  })

  describe('campaign list', () => {
    it('returns the simulator’s campaigns of the VDN', async () => {
      const page = await makeClient(sim).listCampaigns()
      const expected = sim.campaigns.filter((c) => c.vdnId === 1)
      expect(page.total).toBe(expected.length)
      expect(page.campaigns.map((c) => ({ id: c.id, name: c.name }))).toEqual(
        expected.map((c) => ({ id: c.id, name: c.name })),
      )
      // A digits-only id arrives as a JSON number and is kept as text.
      expect(page.campaigns.find((c) => c.id === '2024001')?.name).toBe(LIST_NAME)
    })

    it('signs the query string: a name filter with spaces, "/", "&" and non-ASCII is accepted', async () => {
      const page = await makeClient(sim).listCampaigns({
        name: 'été renouvellement / q3 &',
        status: 3,
      })
      expect(page.campaigns.map((c) => c.id)).toEqual(['2024001'])
      expect(page.total).toBe(1)
      expect(sim.stats.authFailures).toEqual({})
      expect(sim.requestLog.at(-1)!.query).toMatchObject({
        name: 'été renouvellement / q3 &',
        status: '3',
      })

      const byName = await makeClient(sim).listCampaigns({ name: 'campaign with' })
      expect(byName.campaigns.map((c) => c.id)).toEqual(SIZES.map((n) => `c${n}`))
    })
  })
})

describe('clock skew', () => {
  const TEN_MINUTES = 600_000

  it('learns the server’s clock from the Date header of a 401 and succeeds', async () => {
    const sim = await simulator({ now: () => Date.now() + TEN_MINUTES, skewWindowSeconds: 300 })
    const client = makeClient(sim)
    const result = await fetchAllImportTasks(client, { campaignId: '1001' })
    expect(result.tasks.map((t) => t.id)).toEqual(rawTasks(sim, '1001').map((t) => t.id))
    // The Date header has whole seconds: up to 1 s less, and a little elapsed time.
    expect(Math.abs(client.clockOffsetMs - TEN_MINUTES)).toBeLessThan(1500)
    expect(sim.stats.authFailures).toEqual({ 'clock-skew': 1 })
    expect(sim.stats.requests).toBe(2)

    // Later calls are signed on server time at once.
    await client.queryImportTasks({ campaignId: '1001', offset: 0, limit: 1 })
    expect(sim.stats.requests).toBe(3)
    expect(sim.stats.authFailures).toEqual({ 'clock-skew': 1 })
  })

  it('with a wrong SK as well: re-sent once on server time, then auth', async () => {
    const sim = await simulator({ now: () => Date.now() + TEN_MINUTES, skewWindowSeconds: 300 })
    const rec = recorder()
    const e = await failure(
      fetchAllImportTasks(makeClient(sim, { sk: 'wrong-secret' }), {
        campaignId: '1001',
        retry: rec.retry,
      }),
    )
    expect(e).toMatchObject({ code: 'auth', detail: { status: 401 } })
    expect(sim.stats.requests).toBe(2)
    expect(sim.stats.authFailures).toEqual({ 'clock-skew': 1, 'signature-mismatch': 1 })
    expect(rec.errors).toEqual([])
  })

  it('a workstation 45 s off a server that accepts 30 s succeeds after one resend', async () => {
    const sim = await simulator({ now: () => Date.now() + 45_000, skewWindowSeconds: 30 })
    const client = makeClient(sim)
    const page = await client.queryImportTasks({ campaignId: '1001', offset: 0, limit: 100 })
    expect(page.tasks.map((t) => t.id)).toEqual(rawTasks(sim, '1001').map((t) => t.id))
    expect(sim.stats.requests).toBe(2)
    expect(sim.stats.authFailures).toEqual({ 'clock-skew': 1 })
    // Midpoint of the round trip against the header's second: well inside the 30 s window.
    expect(Math.abs(client.clockOffsetMs - 45_000)).toBeLessThan(1500)

    await client.queryImportTasks({ campaignId: '1001', offset: 0, limit: 1 })
    expect(sim.stats.requests).toBe(3)
    expect(sim.stats.authFailures).toEqual({ 'clock-skew': 1 })
  })

  it('a 1 s difference is the Date header’s rounding, not skew: a 401 is never re-sent for it', async () => {
    // A window of 0 s refuses every signature 1 s off, so each re-send would be one more 401.
    const sim = await simulator({ now: () => Date.now() + 1000, skewWindowSeconds: 0 })
    const client = makeClient(sim)
    for (let call = 1; call <= 3; call++) {
      const e = await failure(client.queryImportTasks({ campaignId: '1001', offset: 0, limit: 1 }))
      expect(e).toMatchObject({ code: 'auth', detail: { status: 401 } })
      expect(sim.stats.requests).toBe(call)
    }
    expect(client.clockOffsetMs).toBe(0)
  })

  it('a server whose clock jumps on every reply still gets one resend per call', async () => {
    let jumps = 0
    // Each 401's Date header is 45 s further on, so every call learns a new offset.
    const sim = await simulator({
      now: () => Date.now() + 45_000 * jumps,
      skewWindowSeconds: 30,
    })
    const client = makeClient(sim, { sk: 'wrong-secret' })
    for (let call = 1; call <= 2; call++) {
      jumps = call
      const e = await failure(client.queryImportTasks({ campaignId: '1001', offset: 0, limit: 1 }))
      expect(e).toMatchObject({ code: 'auth', detail: { status: 401 } })
      expect(sim.stats.requests).toBe(call * 2)
    }
  })
})

describe('TLS trust modes', () => {
  it('system roots reject the self-signed simulator as tls (DEPTH_ZERO_SELF_SIGNED_CERT)', async () => {
    const sim = await simulator()
    const rec = recorder()
    const e = await failure(
      fetchAllImportTasks(makeClient(sim, { trust: { mode: 'system' } }), {
        campaignId: '1001',
        retry: rec.retry,
      }),
    )
    expect(e).toMatchObject({ code: 'tls', detail: { cause: 'DEPTH_ZERO_SELF_SIGNED_CERT' } })
    expect(rec.errors).toEqual([])
    expect(sim.stats.requests).toBe(0)
  })

  it('the right pin works; a wrong pin is cert-changed with both fingerprints', async () => {
    const sim = await simulator()
    const ok = await fetchAllImportTasks(makeClient(sim), { campaignId: '1001' })
    expect(ok.tasks).toHaveLength(5)

    const other = (await generateCertificate()).fingerprint256
    const e = await failure(
      fetchAllImportTasks(makeClient(sim, { trust: { mode: 'pin', fingerprint256: other } }), {
        campaignId: '1001',
      }),
    )
    expect(e).toMatchObject({
      code: 'cert-changed',
      detail: { expectedFingerprint: other, presentedFingerprint: sim.fingerprint256 },
    })
    expect(e.message).toContain(`Trusted: ${other}, presented: ${sim.fingerprint256}`)
    expect(sim.stats.requests).toBe(1)
  })

  it('ca mode: the simulator’s CA works, another CA is tls', async () => {
    const certificate = await generateCaAndLeaf()
    const sim = await simulator({ certificate })
    expect(sim.caPem).toBe(certificate.caPem)
    const ok = await fetchAllImportTasks(
      makeClient(sim, { trust: { mode: 'ca', caPem: certificate.caPem } }),
      { campaignId: '1001' },
    )
    expect(ok.tasks).toHaveLength(5)

    const wrongCa = (await generateCaAndLeaf()).caPem
    const e = await failure(
      fetchAllImportTasks(makeClient(sim, { trust: { mode: 'ca', caPem: wrongCa } }), {
        campaignId: '1001',
      }),
    )
    expect(e).toMatchObject({ code: 'tls', detail: { cause: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' } })
    expect(sim.stats.requests).toBe(1)
  })

  it('pin + rotated certificate: the next connection is cert-changed with the new fingerprint', async () => {
    const sim = await simulator()
    const old = sim.fingerprint256
    const client = makeClient(sim)
    await fetchAllImportTasks(client, { campaignId: '1001' })

    const next = await sim.rotateCertificate()
    expect(next).not.toBe(old)
    expect(sim.fingerprint256).toBe(next)
    // Drop the kept-alive connection (it still speaks the old certificate): the retry has to
    // connect again, meets the new certificate, and that is not retried.
    sim.setFaults({ dropConnection: 1 })
    const rec = recorder()
    const e = await failure(fetchAllImportTasks(client, { campaignId: '1001', retry: rec.retry }))
    expect(rec.errors.map((x) => x.code)).toEqual(['network'])
    expect(e).toMatchObject({
      code: 'cert-changed',
      detail: { expectedFingerprint: old, presentedFingerprint: next },
    })
    expect(e.message).toContain(next)

    // A fresh agent pinned to the new certificate gets through.
    const ok = await fetchAllImportTasks(
      makeClient(sim, { trust: { mode: 'pin', fingerprint256: next } }),
      { campaignId: '1001' },
    )
    expect(ok.tasks).toHaveLength(5)
  })
})
