import { formatMessage } from '../../shared/messages'
import {
  INTERVAL_MS,
  cleanUp,
  failure,
  harness,
  nth,
  simulator,
} from '../testing/monitor-sim-harness'

/**
 * The monitor against the real simulator (monitor-sim-harness.ts) when things go wrong: the server
 * down and back, a restart with only the disk cache, a wrong or missing SK, sleep, stop.
 */

afterEach(cleanUp)
describe('TaskMonitor against a failing simulator', () => {
  it('server down: stale cached rows, offline with nextRetryAt; server back: the retry brings fresh data by itself', async () => {
    const sim = await simulator()
    const port = sim.port
    const h = await harness(sim)
    const first = await h.monitor.refresh('p1', '1001', 'r1')
    await sim.close()

    // The poll fires, cannot connect: the profile goes offline and a retry is set 5 s later.
    h.clock.advance(INTERVAL_MS)
    const offline = await nth(h, 'connectivity:changed', 2)
    expect(offline).toMatchObject({
      profileId: 'p1',
      state: 'offline',
      error: { code: 'network' },
      nextRetryAt: h.clock.now() + 5_000,
    })
    const staleEvent = h.last('tasks:updated')!
    expect(staleEvent).toMatchObject({ stale: true, fetchedAt: first.fetchedAt })
    expect(staleEvent.tasks).toEqual(first.tasks)
    expect(h.last('refresh:scheduled')?.nextAt).toBe(offline.nextRetryAt)

    // A refresh by the user meanwhile: the cached rows, marked stale, with the error.
    const stale = await h.monitor.refresh('p1', '1001', 'r2')
    expect(stale).toMatchObject({ stale: true, fetchedAt: first.fetchedAt, count: 120 })
    expect(stale.error?.code).toBe('network')
    expect(stale.tasks).toEqual(first.tasks)
    expect((await h.monitor.cached('p1', '1001'))?.stale).toBe(true)
    expect(h.clock.pending()).toEqual([offline.nextRetryAt]) // still one retry, not rescheduled
    // That check is reported too, with the same retry.
    expect(h.of('connectivity:changed')[2]).toMatchObject({
      state: 'offline',
      checkedAt: h.clock.now(),
      nextRetryAt: offline.nextRetryAt,
    })

    // The retry fails too: the next one backs off to 10 s.
    h.clock.advance(5_000)
    const again = await nth(h, 'connectivity:changed', 4)
    expect(again).toMatchObject({
      state: 'offline',
      nextRetryAt: h.clock.now() + 10_000,
      checkedAt: h.clock.now(),
    })

    // The server comes back (same port, certificate and keys); only the clock moves.
    const back = await simulator(port)
    expect(back.fingerprint256).toBe(sim.fingerprint256)
    h.clock.advance(10_000)
    const online = await nth(h, 'connectivity:changed', 5)
    expect(online).toEqual({ profileId: 'p1', state: 'online', checkedAt: h.clock.now() })
    const fresh = h.last('tasks:updated')!
    expect(fresh).toMatchObject({ stale: false, count: 120 })
    expect(fresh.fetchedAt).toBe(new Date(h.clock.now()).toISOString())
    expect(fresh.error).toBeUndefined()
    expect(back.stats.byRoute.tasks).toBe(2)
    // Normal polling resumed.
    expect(h.clock.pending()).toEqual([h.clock.now() + INTERVAL_MS])
    expect(h.last('refresh:scheduled')?.nextAt).toBe(h.clock.now() + INTERVAL_MS)
    expect((await h.monitor.cached('p1', '1001'))?.stale).toBe(false)
  })

  it('after a restart, serves the disk cache when the server is down; throws with no cache', async () => {
    const sim = await simulator()
    const h1 = await harness(sim)
    const first = await h1.monitor.refresh('p1', '1001', 'r1')
    await h1.monitor.stop()
    await sim.close()

    const h2 = await harness(sim, h1.dir) // a new app session, same user-data folder
    expect(await h2.monitor.cached('p1', '1001')).toMatchObject({
      stale: false,
      fetchedAt: first.fetchedAt,
    })
    const stale = await h2.monitor.refresh('p1', '1001', 'r1')
    expect(stale).toMatchObject({
      stale: true,
      fetchedAt: first.fetchedAt,
      error: { code: 'network' },
    })
    expect(stale.tasks).toEqual(first.tasks)
    expect(h2.last('connectivity:changed')).toMatchObject({ state: 'offline' })

    const err = await failure(h2.monitor.refresh('p1', '2002', 'r2'))
    expect(err.code).toBe('network')
  })

  it('a wrong SK: throws with no cache; with a cache, stale rows with the auth error and no polling', async () => {
    const sim = await simulator()
    const h = await harness(sim)
    h.secrets.sk = 'WRONG-SECRET-KEY'
    const err = await failure(h.monitor.refresh('p1', '1001', 'r1'))
    expect(err.code).toBe('auth')
    expect(h.last('connectivity:changed')).toMatchObject({
      state: 'error',
      error: { code: 'auth' },
    })

    h.secrets.sk = sim.sk
    const good = await h.monitor.refresh('p1', '1001', 'r2')
    expect(h.last('connectivity:changed')?.state).toBe('online')
    expect(h.clock.pending()).toHaveLength(1)

    h.secrets.sk = 'WRONG-SECRET-KEY' // a new SK means a new client (keyed by its hash)
    const stale = await h.monitor.refresh('p1', '1001', 'r3')
    expect(stale).toMatchObject({ stale: true, fetchedAt: good.fetchedAt, error: { code: 'auth' } })
    expect(stale.tasks).toEqual(good.tasks)
    expect(h.last('connectivity:changed')).toMatchObject({ state: 'error' })
    // Needs the user: no retries, no polling.
    expect(h.clock.pending()).toEqual([])
    expect(h.last('refresh:scheduled')?.nextAt).toBeNull()
    expect(sim.stats.authFailures).not.toEqual({})
  })

  it('a missing SK is an auth error that says what to do', async () => {
    const sim = await simulator()
    const h = await harness(sim)
    h.secrets.sk = null
    const err = await failure(h.monitor.refresh('p1', '1001', 'r1'))
    expect(err).toMatchObject({
      code: 'auth',
      message: formatMessage('en', 'secretMissing'),
      messageId: 'secretMissing',
    })
    expect(sim.stats.requests).toBe(0)
  })

  it('suspend pauses every timer; resume fetches what was offline at once', async () => {
    const sim = await simulator()
    const port = sim.port
    const h = await harness(sim)
    await h.monitor.refresh('p1', '1001', 'r1')
    await sim.close()
    h.clock.advance(INTERVAL_MS)
    await nth(h, 'connectivity:changed', 2) // offline, retry pending

    h.monitor.suspend()
    expect(h.clock.pending()).toEqual([])
    await simulator(port)
    h.clock.advance(10 * 60_000) // asleep: nothing fires
    expect(h.of('connectivity:changed')).toHaveLength(2)

    h.monitor.resume()
    expect(await nth(h, 'connectivity:changed', 3)).toEqual({
      profileId: 'p1',
      state: 'online',
      checkedAt: h.clock.now(),
    })
    expect(h.last('tasks:updated')?.stale).toBe(false)
    expect(h.clock.pending()).toEqual([h.clock.now() + INTERVAL_MS])
  })

  it('stop clears the timers and cancels fetches in flight', async () => {
    const sim = await simulator()
    const h = await harness(sim)
    await h.monitor.refresh('p1', '1001', 'r1')
    sim.setFaults({ latencyMs: 2_000 })
    const inFlight = failure(h.monitor.refresh('p1', '1001', 'r2'))
    const started = Date.now()
    await h.monitor.stop()
    expect((await inFlight).code).toBe('cancelled')
    expect(Date.now() - started).toBeLessThan(1_500)
    expect(h.clock.pending()).toEqual([])
    expect((await failure(h.monitor.refresh('p1', '1001', 'r3'))).code).toBe('cancelled')
  })
})
