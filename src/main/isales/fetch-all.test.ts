import { MockAgent } from 'undici'
import { AppError, cancelledError as sharedCancelledError } from '../../shared/errors'
import type { ImportTask } from '../../shared/import-task'
import { buildTask } from '../../shared/testing/task-builder'
import { IsalesClient, type CallOptions, type ImportTaskPage, type ImportTaskQuery } from './client'
import { fetchAllImportTasks, type FetchProgress, type ImportTaskSource } from './fetch-all'

function makeTask(n: number): ImportTask {
  return buildTask({ id: String(10n ** 29n + BigInt(n)), succNum: n })
}

function makeTasks(n: number, from = 0): ImportTask[] {
  return Array.from({ length: n }, (_, i) => makeTask(from + i))
}

/** The fake's own cancel error: fetch-all must still answer with the shared one. */
function cancelledError(): AppError {
  return new AppError('cancelled', 'cancelled')
}
const cancelledPayload = { code: 'cancelled', message: sharedCancelledError().message }

/** Resolves on the next macrotask, so every page launched together is in flight at once. */
function nextTurn(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelledError())
    const t = setImmediate(resolve)
    signal?.addEventListener('abort', () => {
      clearImmediate(t)
      reject(cancelledError())
    })
  })
}

/** An in-memory server that counts requests in flight. */
class FakeServer implements ImportTaskSource {
  calls: ImportTaskQuery[] = []
  signals: AbortSignal[] = []
  inFlight = 0
  maxInFlight = 0
  /** Errors to throw, per offset, before answering. */
  failures = new Map<number, AppError[]>()
  reportCount = true
  ignoreOffset = false
  /** A total to claim instead of the real one. */
  claimedCount: number | null = null
  /** Called after each answer is computed (to change the data between pages). */
  afterAnswer: (callIndex: number) => void = () => {}
  /** Called as each request arrives. */
  onCall: (callIndex: number) => void = () => {}
  /** When set, requests wait on it (or their signal) before answering. */
  gate: Promise<void> | undefined

  constructor(public tasks: ImportTask[]) {}

  async queryImportTasks(q: ImportTaskQuery, opts: CallOptions = {}): Promise<ImportTaskPage> {
    const index = this.calls.length
    this.calls.push(q)
    if (opts.signal) this.signals.push(opts.signal)
    this.inFlight++
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight)
    this.onCall(index)
    try {
      await nextTurn(opts.signal)
      const failure = this.failures.get(q.offset)?.shift()
      if (failure) throw failure
      if (this.gate) await Promise.race([this.gate, rejectOnAbort(opts.signal)])
      const start = this.ignoreOffset ? 0 : q.offset
      const page = {
        tasks: this.tasks.slice(start, start + q.limit),
        count: this.reportCount ? (this.claimedCount ?? this.tasks.length) : null,
      }
      this.afterAnswer(index)
      return page
    } finally {
      this.inFlight--
    }
  }

  offsets(): number[] {
    return this.calls.map((c) => c.offset)
  }
}

function rejectOnAbort(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_, reject) => {
    if (signal?.aborted) return reject(cancelledError())
    signal?.addEventListener('abort', () => reject(cancelledError()))
  })
}

const noSleep = () => Promise.resolve()

describe('fetchAllImportTasks', () => {
  it('fetches every page, in server order', async () => {
    const server = new FakeServer(makeTasks(250))
    const r = await fetchAllImportTasks(server, { campaignId: '123', retry: { sleep: noSleep } })
    expect(r.count).toBe(250)
    expect(r.pages).toBe(3)
    expect(r.tasks.map((t) => t.id)).toEqual(server.tasks.map((t) => t.id))
    expect(server.offsets().sort((a, b) => a - b)).toEqual([0, 100, 200])
    expect(server.calls.every((c) => c.limit === 100 && c.campaignId === '123')).toBe(true)
  })

  it('passes importTaskIds and the page size through', async () => {
    const server = new FakeServer(makeTasks(5))
    await fetchAllImportTasks(server, { campaignId: '9', importTaskIds: ['1', '2'], pageSize: 2 })
    expect(server.calls.map((c) => [c.offset, c.limit, c.importTaskIds])).toEqual([
      [0, 2, ['1', '2']],
      [2, 2, ['1', '2']],
      [4, 2, ['1', '2']],
    ])
  })

  it('makes a single request for an empty campaign', async () => {
    const server = new FakeServer([])
    const r = await fetchAllImportTasks(server, { campaignId: '1' })
    expect(r).toEqual({ tasks: [], count: 0, pages: 1 })
    expect(server.calls).toHaveLength(1)
  })

  // The first pass sees the 250 old tasks (one twice, dropped) but not the new one: 250 < 251, so
  // the list is read again, and the new task comes first, as the server lists it.
  it('drops a task repeated when a new task shifts the pages, and re-reads to get the new one', async () => {
    const original = makeTasks(250)
    const server = new FakeServer([...original])
    // A task started after page 1 was read: it lands at the front, and every later page shifts by one.
    server.afterAnswer = (i) => {
      if (i === 0) server.tasks.unshift(makeTask(9999))
    }
    const r = await fetchAllImportTasks(server, { campaignId: '1', concurrency: 1 })
    expect(r.tasks.map((t) => t.id)).toEqual([makeTask(9999), ...original].map((t) => t.id))
    expect(new Set(r.tasks.map((t) => t.id)).size).toBe(r.tasks.length)
    expect(r.count).toBe(251)
    expect(r.incomplete).toBeUndefined()
  })

  // The first pass already finds all 250, but the total moved under it, so one more pass checks it.
  it('fetches the extra pages when the count grows while paging, then checks with one more pass', async () => {
    const server = new FakeServer(makeTasks(200))
    server.afterAnswer = (i) => {
      if (i === 0) server.tasks.push(...makeTasks(50, 200))
    }
    const r = await fetchAllImportTasks(server, { campaignId: '1', concurrency: 4 })
    expect(
      server
        .offsets()
        .slice(0, 3)
        .sort((a, b) => a - b),
    ).toEqual([0, 100, 200])
    expect(
      server
        .offsets()
        .slice(3)
        .sort((a, b) => a - b),
    ).toEqual([0, 100, 200])
    expect(r.tasks.map((t) => t.id)).toEqual(server.tasks.map((t) => t.id))
    expect(r.count).toBe(250)
    expect(r.pages).toBe(6)
    expect(r.incomplete).toBeUndefined()
  })

  describe('a list that moves under concurrent pages', () => {
    /** Newest first, like iSales; `delays` holds per-call answer delays (ms, by call index). */
    class MovingServer implements ImportTaskSource {
      calls: ImportTaskQuery[] = []
      delays = new Map<number, number>()
      constructor(public tasks: ImportTask[]) {}
      async queryImportTasks(q: ImportTaskQuery): Promise<ImportTaskPage> {
        const index = this.calls.length
        this.calls.push(q)
        await new Promise((resolve) => setTimeout(resolve, this.delays.get(index) ?? 0))
        return {
          tasks: this.tasks.slice(q.offset, q.offset + q.limit),
          count: this.tasks.length,
        }
      }
    }

    // The reviewer's case: 6 tasks, pages of 2. Page 0 answers; pages at offsets 2 and 4 go out
    // together, the one at 2 is slow; a task created meanwhile pushes D from offset 3 to offset 4,
    // after offset 4 was read and before offset 2 is: D is in neither page.
    it('re-reads when a task created mid-fetch hides another on a page boundary', async () => {
      const [a, b, c, d, e, f] = makeTasks(6)
      const server = new MovingServer([a!, b!, c!, d!, e!, f!])
      const created = makeTask(100)
      server.delays.set(1, 50) // call 1 is offset 2
      setTimeout(() => server.tasks.unshift(created), 20)
      const r = await fetchAllImportTasks(server, { campaignId: '1', pageSize: 2 })

      expect(server.calls.slice(0, 3).map((q) => q.offset)).toEqual([0, 2, 4])
      expect(r.count).toBe(7)
      expect(r.tasks.map((t) => t.succNum)).toEqual([100, 0, 1, 2, 3, 4, 5])
      expect(r.incomplete).toBeUndefined()
    })

    it('keeps the newest data of a task seen in several passes', async () => {
      const server = new MovingServer(makeTasks(6))
      server.delays.set(1, 50)
      setTimeout(() => {
        server.tasks.unshift(makeTask(100))
        server.tasks[6] = { ...server.tasks[6]!, status: '1', failNum: 9 } // task 5 moved on
      }, 20)
      const r = await fetchAllImportTasks(server, { campaignId: '1', pageSize: 2 })
      expect(r.tasks.find((t) => t.succNum === 5)).toMatchObject({ status: '1', failNum: 9 })
    })

    it('gives up after two extra passes, flagged incomplete, with every task it saw', async () => {
      const server = new MovingServer(makeTasks(6))
      let created = 1000
      const seen = new Set<string>()
      // A task is created while every page is on its way: the total never holds still.
      server.queryImportTasks = async function (q) {
        this.calls.push(q)
        this.tasks.unshift(makeTask(created++))
        await new Promise((resolve) => setTimeout(resolve, 1))
        const page = {
          tasks: this.tasks.slice(q.offset, q.offset + q.limit),
          count: this.tasks.length,
        }
        for (const t of page.tasks) seen.add(t.id)
        return page
      }
      const progress: FetchProgress[] = []
      const r = await fetchAllImportTasks(server, {
        campaignId: '1',
        pageSize: 2,
        onProgress: (p) => progress.push(p),
      })
      expect(r.incomplete).toBe(true)
      expect(r.incompleteReason).toBe('list-moving')
      expect(r.pages).toBe(server.calls.length)
      expect(server.calls.filter((q) => q.offset === 0)).toHaveLength(3) // 1 + 2 extra passes
      expect(new Set(r.tasks.map((t) => t.id))).toEqual(seen)
      expect(r.tasks).toHaveLength(seen.size)
      expect(r.count).toBe(server.tasks.length)
      expect(progress.at(-1)).toMatchObject({ pagesDone: r.pages, tasksSoFar: seen.size })
    })

    it('merges passes: last pass order, then tasks only earlier passes saw', async () => {
      // A task that vanishes between passes (deleted on the server) is still reported, at the end.
      const tasks = makeTasks(4)
      const server = new MovingServer([...tasks])
      server.delays.set(1, 30)
      setTimeout(() => {
        server.tasks.splice(1, 1) // task 1 deleted: count 4 → 3 during the first pass
      }, 10)
      const r = await fetchAllImportTasks(server, { campaignId: '1', pageSize: 2 })
      expect(r.count).toBe(3)
      expect(r.tasks.map((t) => t.succNum)).toEqual([0, 2, 3, 1])
      expect(r.incomplete).toBeUndefined()
    })
  })

  describe('a count larger than the list', () => {
    it('asks for nothing past the first short page, one page at a time', async () => {
      const server = new FakeServer(makeTasks(250))
      server.claimedCount = 100_000
      const r = await fetchAllImportTasks(server, { campaignId: '1', concurrency: 1 })
      expect(server.offsets()).toEqual([0, 100, 200])
      expect(r.tasks).toHaveLength(250)
      expect(r).toMatchObject({
        count: 100_000,
        incomplete: true,
        incompleteReason: 'count-inflated',
      })
    })

    it('asks at most one window of pages past the real end, and does not re-read', async () => {
      const server = new FakeServer(makeTasks(250))
      server.claimedCount = 999_999_999_999_999
      const r = await fetchAllImportTasks(server, { campaignId: '1', concurrency: 10 })
      expect(server.calls.length).toBeLessThanOrEqual(3 + 10)
      expect(server.offsets().filter((o) => o === 0)).toHaveLength(1)
      expect(r.tasks).toHaveLength(250)
      expect(r.incompleteReason).toBe('count-inflated')
    })

    it('ends on a server ignoring offset as soon as a page repeats, flagged offset-ignored', async () => {
      const server = new FakeServer(makeTasks(300))
      server.ignoreOffset = true
      const r = await fetchAllImportTasks(server, { campaignId: '1', concurrency: 2 })
      expect(server.offsets()).toEqual([0, 100, 200])
      expect(r.tasks).toHaveLength(100)
      expect(r).toMatchObject({ incomplete: true, incompleteReason: 'offset-ignored' })
    })
  })

  describe('without a count', () => {
    it('pages one at a time until a short page', async () => {
      const server = new FakeServer(makeTasks(250))
      server.reportCount = false
      const progress: FetchProgress[] = []
      const r = await fetchAllImportTasks(server, {
        campaignId: '1',
        concurrency: 10,
        onProgress: (p) => progress.push(p),
      })
      expect(server.offsets()).toEqual([0, 100, 200])
      expect(server.maxInFlight).toBe(1)
      expect(r.count).toBeNull()
      expect(r.tasks).toHaveLength(250)
      expect(progress.map((p) => p.pagesTotal)).toEqual([null, null, null])
    })

    it('asks one page past an exact multiple and stops on the empty page', async () => {
      const server = new FakeServer(makeTasks(200))
      server.reportCount = false
      const r = await fetchAllImportTasks(server, { campaignId: '1' })
      expect(server.offsets()).toEqual([0, 100, 200])
      expect(r.tasks).toHaveLength(200)
    })

    it('stops when a server ignoring offset repeats the same page', async () => {
      const server = new FakeServer(makeTasks(300))
      server.reportCount = false
      server.ignoreOffset = true
      const r = await fetchAllImportTasks(server, { campaignId: '1' })
      expect(server.offsets()).toEqual([0, 100])
      expect(r.tasks).toHaveLength(100)
      expect(r).toMatchObject({ incomplete: true, incompleteReason: 'offset-ignored' })
    })
  })

  describe('concurrency', () => {
    it('keeps at most `concurrency` requests in flight, and uses that many', async () => {
      const server = new FakeServer(makeTasks(2500))
      await fetchAllImportTasks(server, { campaignId: '1', concurrency: 3 })
      expect(server.calls).toHaveLength(25)
      expect(server.maxInFlight).toBe(3)
    })

    it('never exceeds 10 in flight, whatever is asked', async () => {
      const server = new FakeServer(makeTasks(3000))
      await fetchAllImportTasks(server, { campaignId: '1', concurrency: 50 })
      expect(server.maxInFlight).toBe(10)
    })

    it('by default starts at 3 pages in flight and grows to the server limit of 10 over clean replies', async () => {
      const a = new FakeServer(makeTasks(3000))
      const limits: number[] = []
      await fetchAllImportTasks(a, { campaignId: '1', onConcurrency: (n) => limits.push(n) })
      expect(limits[0]).toBe(3)
      expect(Math.max(...limits)).toBe(10)
      expect(a.maxInFlight).toBe(10)
    })

    it('pins the pages in flight at `concurrency` when not adaptive, and clamps nonsense to 1', async () => {
      const a = new FakeServer(makeTasks(1000))
      await fetchAllImportTasks(a, { campaignId: '1', concurrency: 4, adaptive: false })
      expect(a.maxInFlight).toBe(4)
      const b = new FakeServer(makeTasks(1000))
      await fetchAllImportTasks(b, { campaignId: '1', concurrency: 0 })
      expect(b.maxInFlight).toBe(1)
    })
  })

  describe('retries', () => {
    it('retries a transient failure with backoff, honouring Retry-After', async () => {
      const server = new FakeServer(makeTasks(250))
      server.failures.set(100, [
        new AppError('network', 'dropped', { cause: 'ECONNRESET' }),
        new AppError('rate-limited', 'slow down', { status: 429, retryAfter: 3 }),
        new AppError('http', 'HTTP 503', { status: 503 }),
      ])
      const delays: number[] = []
      const r = await fetchAllImportTasks(server, {
        campaignId: '1',
        retry: { sleep: async (ms) => void delays.push(ms), baseDelayMs: 100, maxDelayMs: 1000 },
      })
      expect(r.tasks).toHaveLength(250)
      expect(server.offsets().filter((o) => o === 100)).toHaveLength(4)
      expect(delays).toHaveLength(3)
      expect(delays[0]).toBeGreaterThanOrEqual(50)
      expect(delays[0]).toBeLessThanOrEqual(100)
      expect(delays[1]).toBeGreaterThanOrEqual(3000)
      expect(delays[2]).toBeGreaterThanOrEqual(200)
      expect(delays[2]).toBeLessThanOrEqual(400)
    })

    it('fails with the last error once the retries run out', async () => {
      const server = new FakeServer(makeTasks(150))
      const timeout = new AppError('timeout', 'slow')
      server.failures.set(100, [timeout, timeout, timeout])
      await expect(
        fetchAllImportTasks(server, { campaignId: '1', retry: { retries: 2, sleep: noSleep } }),
      ).rejects.toBe(timeout)
      expect(server.offsets().filter((o) => o === 100)).toHaveLength(3)
    })

    it('does not retry an auth failure', async () => {
      const server = new FakeServer(makeTasks(150))
      server.failures.set(0, [new AppError('auth', 'HTTP 401', { status: 401 })])
      const sleep = vi.fn(noSleep)
      await expect(
        fetchAllImportTasks(server, { campaignId: '1', retry: { sleep } }),
      ).rejects.toMatchObject({ code: 'auth' })
      expect(server.calls).toHaveLength(1)
      expect(sleep).not.toHaveBeenCalled()
    })

    it('aborts the other pages when one fails for good', async () => {
      const server = new FakeServer(makeTasks(1000))
      server.failures.set(300, [new AppError('isales', '0200007', { resultCode: '0200007' })])
      // Page 0 answers; of pages 1–4, page 3 (offset 300) fails and the others hang until aborted.
      server.onCall = (i) => {
        if (i === 1) server.gate = new Promise(() => {})
      }
      await expect(
        fetchAllImportTasks(server, { campaignId: '1', concurrency: 4, adaptive: false }),
      ).rejects.toMatchObject({ code: 'isales' })
      expect(server.offsets()).toEqual([0, 100, 200, 300, 400])
      await nextTurn(undefined)
      expect(server.inFlight).toBe(0)
      expect(server.calls).toHaveLength(5)
    })
  })

  it('cancels mid-way: no new pages, in-flight requests aborted, rejects with cancelled', async () => {
    const server = new FakeServer(makeTasks(1000))
    const ac = new AbortController()
    server.onCall = (i) => {
      // Page 0 answers; pages 1 and 2 hang until aborted.
      if (i === 1) server.gate = new Promise(() => {})
      if (i === 2) queueMicrotask(() => ac.abort())
    }
    const p = fetchAllImportTasks(server, { campaignId: '1', concurrency: 2, signal: ac.signal })
    await expect(p).rejects.toMatchObject(cancelledPayload)
    expect(server.calls).toHaveLength(3)
    expect(server.signals.every((s) => s.aborted)).toBe(true)
    await nextTurn(undefined)
    expect(server.calls).toHaveLength(3)
    expect(server.inFlight).toBe(0)
  })

  it('rejects with cancelled and sends nothing when already aborted', async () => {
    const server = new FakeServer(makeTasks(10))
    const ac = new AbortController()
    ac.abort()
    await expect(
      fetchAllImportTasks(server, { campaignId: '1', signal: ac.signal }),
    ).rejects.toMatchObject({ code: 'cancelled' })
    expect(server.calls).toHaveLength(0)
  })

  it('reports progress after each page', async () => {
    const server = new FakeServer(makeTasks(250))
    const progress: FetchProgress[] = []
    await fetchAllImportTasks(server, {
      campaignId: '1',
      concurrency: 1,
      onProgress: (p) => progress.push(p),
    })
    expect(progress).toEqual([
      { pagesDone: 1, pagesTotal: 3, tasksSoFar: 100 },
      { pagesDone: 2, pagesTotal: 3, tasksSoFar: 200 },
      { pagesDone: 3, pagesTotal: 3, tasksSoFar: 250 },
    ])
  })

  it('rejects a page size outside 1–100', async () => {
    const server = new FakeServer([])
    await expect(
      fetchAllImportTasks(server, { campaignId: '1', pageSize: 101 }),
    ).rejects.toMatchObject({ code: 'validation', detail: { field: 'pageSize' } })
    expect(server.calls).toHaveLength(0)
  })
})

describe('fetchAllImportTasks over IsalesClient (MockAgent)', () => {
  const ORIGIN = 'https://10.0.0.1:28443'
  const PATH = '/rest/isales/v1/openapi/campaigns/1/calldatafile/queryDataImportTask/123'
  let agent: MockAgent

  beforeEach(() => {
    agent = new MockAgent()
    agent.disableNetConnect()
  })
  afterEach(async () => {
    await agent.close()
  })

  function rawTask(n: number) {
    return {
      id: makeTask(n).id,
      status: 1,
      beginTime: '2024-01-01 10:00:00',
      endTime: '',
      succNum: n,
    }
  }

  it('pages through the real client, retrying 0200022', async () => {
    const pool = agent.get(ORIGIN)
    const bodies: string[] = []
    const all = Array.from({ length: 150 }, (_, i) => rawTask(i))
    const answer = (body: string) => {
      const { offset, limit } = JSON.parse(body) as { offset: number; limit: number }
      return JSON.stringify({
        resultCode: '0200000',
        result: all.slice(offset, offset + limit),
        count: all.length,
      })
    }
    pool.intercept({ path: PATH, method: 'POST' }).reply((opts) => {
      bodies.push(String(opts.body))
      return { statusCode: 200, data: answer(String(opts.body)) }
    })
    pool.intercept({ path: PATH, method: 'POST' }).reply((opts) => {
      bodies.push(String(opts.body))
      return {
        statusCode: 200,
        data: JSON.stringify({ resultCode: '0200022', resultDesc: 'busy' }),
      }
    })
    pool.intercept({ path: PATH, method: 'POST' }).reply((opts) => {
      bodies.push(String(opts.body))
      return { statusCode: 200, data: answer(String(opts.body)) }
    })
    const client = new IsalesClient({
      baseUrl: ORIGIN,
      vdnId: 1,
      ak: 'ak',
      sk: 'sk',
      dispatcher: agent,
    })
    const sleep = vi.fn(noSleep)
    const r = await fetchAllImportTasks(client, { campaignId: '123', retry: { sleep } })

    expect(r.tasks.map((t) => t.id)).toEqual(all.map((t) => t.id))
    expect(r.tasks[0]).toMatchObject({ status: '1', endAt: null, succNum: 0 })
    expect(bodies).toEqual([
      '{"offset":0,"limit":100}',
      '{"offset":100,"limit":100}',
      '{"offset":100,"limit":100}',
    ])
    expect(sleep).toHaveBeenCalledTimes(1)
    agent.assertNoPendingInterceptors()
  })
})
