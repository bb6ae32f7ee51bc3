import { AppError, isalesError } from '../../shared/errors'
import { setup } from '../testing/monitor-harness'
import { HALT_AFTER_IDENTICAL_FAILURES } from './outcome'
import { OUTAGE_PROBE_INTERVAL_MS } from './outage-probe'

/**
 * Recovery with an in-memory server and cache (monitor-harness.ts): bad replies are transient
 * until they repeat, a halted campaign comes back on a refresh from the window, any refresh can
 * be stopped, the open campaign's server is probed during an outage, and an incomplete result
 * says why.
 */

const malformed = () =>
  new AppError('protocol', 'The reply is not valid JSON.', { cause: 'bad-json' })
const unreachable = () => new AppError('network', 'connect ECONNREFUSED', { cause: 'ECONNREFUSED' })

/** Lets the promises a timer started settle (no time passes). */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r))
}

type T = ReturnType<typeof setup>

/** The stale snapshots of campaign A emitted so far. */
const staleOfA = (t: T) => t.of('tasks:updated').filter((s) => s.stale && s.campaignId === 'A')

/** Runs A's next poll and waits until its failure has been handled. */
async function failNextPoll(t: T, n: number): Promise<void> {
  expect(t.clock.runNext()).toBe(true)
  await vi.waitFor(() => expect(staleOfA(t)).toHaveLength(n))
}

describe('TaskMonitor recovery', () => {
  it('a malformed reply is transient: stale with its reason, polled again, fresh once replies are good', async () => {
    const t = setup()
    await t.monitor.refresh('p1', 'A', 'r1') // imports in progress: polled every 15 s
    t.server.error = malformed()
    t.clock.advance(15_000)
    await vi.waitFor(() => expect(staleOfA(t)).toHaveLength(1))
    expect(staleOfA(t)[0]).toMatchObject({ error: { code: 'protocol' }, failures: 1 })
    expect(staleOfA(t)[0]!.halted).toBeUndefined()
    // The server answered: it stays online; the campaign keeps its poll (never sooner than usual).
    expect(t.of('connectivity:changed').at(-1)?.state).toBe('online')
    expect(t.clock.pending()).toEqual([t.clock.now() + 15_000])
    expect(await t.monitor.cached('p1', 'A')).toMatchObject({
      stale: true,
      error: { code: 'protocol', message: 'The reply is not valid JSON.' },
    })

    t.server.error = null
    t.clock.advance(15_000)
    await vi.waitFor(() => expect(t.of('tasks:updated').at(-1)?.stale).toBe(false))
    expect(await t.monitor.cached('p1', 'A')).toMatchObject({ stale: false })
    expect(t.clock.pending()).toEqual([t.clock.now() + 15_000])
  })

  it(`halts a campaign after ${HALT_AFTER_IDENTICAL_FAILURES} identical failures in a row and says so`, async () => {
    expect(HALT_AFTER_IDENTICAL_FAILURES).toBe(5)
    const t = setup()
    await t.monitor.refresh('p1', 'A', 'r1')
    t.server.error = malformed()
    const start = t.clock.now()
    for (let n = 1; n < HALT_AFTER_IDENTICAL_FAILURES; n++) {
      await failNextPoll(t, n)
      expect(staleOfA(t).at(-1)).toMatchObject({ failures: n })
      expect(staleOfA(t).at(-1)!.halted).toBeUndefined()
    }
    // Backed off: 15 s (its interval), 15 s, 20 s, then 40 s before the fifth.
    expect(t.clock.pending()).toEqual([t.clock.now() + 40_000])
    expect(t.clock.now() - start).toBe(15_000 + 15_000 + 15_000 + 20_000)
    await failNextPoll(t, HALT_AFTER_IDENTICAL_FAILURES)
    expect(staleOfA(t).at(-1)).toMatchObject({ halted: true, failures: 5 })
    expect(t.clock.pending()).toEqual([])
    expect(t.of('refresh:scheduled').at(-1)).toMatchObject({ campaignId: 'A', nextAt: null })
    expect(await t.monitor.cached('p1', 'A')).toMatchObject({ stale: true, halted: true })
    // The server still counts as reachable: only this campaign stopped.
    expect(t.of('connectivity:changed').at(-1)?.state).toBe('online')
  })

  it('a different failure starts the count again instead of halting', async () => {
    const t = setup()
    await t.monitor.refresh('p1', 'A', 'r1')
    t.server.error = malformed()
    for (let n = 1; n < HALT_AFTER_IDENTICAL_FAILURES; n++) await failNextPoll(t, n)
    t.server.error = isalesError('0200006', 'database operation exception')
    await failNextPoll(t, HALT_AFTER_IDENTICAL_FAILURES)
    expect(staleOfA(t).at(-1)).toMatchObject({ error: { code: 'isales' }, failures: 1 })
    expect(staleOfA(t).at(-1)!.halted).toBeUndefined()
    expect(t.clock.pending()).toHaveLength(1) // still polled
  })

  it('Retry now (a refresh from the window) brings a halted campaign back to polling', async () => {
    const t = setup()
    await t.monitor.refresh('p1', 'A', 'r1')
    t.server.error = malformed()
    for (let n = 1; n <= HALT_AFTER_IDENTICAL_FAILURES; n++) await failNextPoll(t, n)
    expect(t.clock.pending()).toEqual([])
    // Still failing: the window's refresh answers the stale rows, still halted.
    expect(await t.monitor.refresh('p1', 'A', 'r2')).toMatchObject({ stale: true, halted: true })
    expect(t.clock.pending()).toEqual([])

    t.server.error = null
    expect(await t.monitor.refresh('p1', 'A', 'r3')).toMatchObject({ stale: false })
    expect((await t.monitor.refresh('p1', 'A', 'r4')).halted).toBeUndefined()
    expect(t.clock.pending()).toEqual([t.clock.now() + 15_000])
    expect(await t.monitor.cached('p1', 'A')).toMatchObject({ stale: false })
  })

  it('errors that need the user still halt at once with their message', async () => {
    const needsUser = [
      new AppError('http', 'HTTP 403 Forbidden', { status: 403 }),
      new AppError('http', 'HTTP 404 Not Found', { status: 404 }),
      isalesError('0200001', 'parameter error'),
      isalesError('0200007', 'campaign not exist'),
    ]
    for (const error of needsUser) {
      const t = setup()
      await t.monitor.refresh('p1', 'A', 'r1')
      t.server.error = error
      await failNextPoll(t, 1)
      expect(staleOfA(t)[0], error.message).toMatchObject({
        halted: true,
        failures: 1,
        error: { message: error.message },
      })
      expect(t.clock.pending(), error.message).toEqual([])
    }
  })

  it('an automatic refresh can be stopped: paging stops, last good data stays, the next poll is as usual', async () => {
    const t = setup()
    const first = await t.monitor.refresh('p1', 'A', 'r1')
    let open!: () => void
    t.server.gate = new Promise((r) => (open = r))
    t.clock.advance(15_000) // the poll starts and waits at the server
    await vi.waitFor(() =>
      expect(t.of('refresh:running').at(-1)).toEqual({
        profileId: 'p1',
        campaignId: 'A',
        running: true,
      }),
    )
    const updates = t.of('tasks:updated').length
    t.monitor.stopRefresh('p1', 'A')
    await vi.waitFor(() => expect(t.of('refresh:running').at(-1)?.running).toBe(false))
    await settle()
    // Not a failure: nothing stale, the server not marked, the campaign polled as before.
    expect(t.of('tasks:updated')).toHaveLength(updates)
    expect(await t.monitor.cached('p1', 'A')).toEqual({ ...first, stale: false })
    expect(t.of('connectivity:changed').map((c) => c.state)).toEqual(['online'])
    expect(t.clock.pending()).toEqual([t.clock.now() + 15_000])
    open()
    t.server.gate = null
    t.clock.advance(15_000)
    await vi.waitFor(() => expect(t.of('tasks:updated')).toHaveLength(updates + 1))
    expect(t.of('tasks:updated').at(-1)?.stale).toBe(false)
  })

  it("stopping a refresh the window started rejects it with 'cancelled' and keeps the poll", async () => {
    const t = setup()
    await t.monitor.refresh('p1', 'A', 'r1')
    t.server.gate = new Promise(() => {})
    const pending = t.monitor.refresh('p1', 'A', 'r2')
    await vi.waitFor(() => expect(t.server.requests).toHaveLength(2))
    t.monitor.stopRefresh('p1', 'A')
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' })
    await settle()
    expect(t.clock.pending()).toEqual([t.clock.now() + 15_000])
  })

  it('while the open campaign is offline a cheap probe brings it back within seconds of the server answering', async () => {
    const t = setup()
    await t.monitor.refresh('p1', 'A', 'r1')
    t.monitor.open({ profileId: 'p1', campaignId: 'A' })
    t.server.error = unreachable()
    // Offline long enough for the back-off to reach minutes: the offline retries (at 20, 30, 50,
    // 90, 170 and 330 s) keep failing; at 335 s the next one is 5 minutes away.
    for (let i = 0; i < 67; i++) {
      t.clock.advance(OUTAGE_PROBE_INTERVAL_MS)
      await settle()
    }
    const offline = t.of('connectivity:changed').at(-1)!
    expect(offline.state).toBe('offline')
    const probes = t.server.requests.filter((r) => r.limit === 1)
    // One probe every 5 s (the last one's tick may coincide with a full retry): cheap and bounded.
    expect(probes.length).toBeGreaterThanOrEqual(60)
    expect(probes.length).toBeLessThanOrEqual(67)

    t.server.error = null
    const healedAt = t.clock.now()
    const retryDueIn = offline.nextRetryAt! - healedAt
    expect(retryDueIn).toBeGreaterThan(60_000) // without the probe it would wait that long
    t.clock.advance(OUTAGE_PROBE_INTERVAL_MS)
    await vi.waitFor(() => expect(t.of('connectivity:changed').at(-1)?.state).toBe('online'))
    expect(t.of('tasks:updated').at(-1)).toMatchObject({ campaignId: 'A', stale: false })
    expect(t.clock.now() - healedAt).toBeLessThanOrEqual(OUTAGE_PROBE_INTERVAL_MS)
  })

  it('probes one at a time per server, and not at all without an open campaign or under Retry-After', async () => {
    const t = setup()
    await t.monitor.refresh('p1', 'A', 'r1')
    t.server.error = unreachable()
    t.clock.advance(15_000) // offline
    await vi.waitFor(() => expect(t.of('connectivity:changed').at(-1)?.state).toBe('offline'))
    const probes = () => t.server.requests.filter((r) => r.limit === 1).length

    t.clock.advance(4_000) // nothing open: no probe (the 5 s retry is not due yet)
    await settle()
    expect(probes()).toBe(0)

    t.server.gate = new Promise(() => {}) // probes hang at the server
    t.monitor.open({ profileId: 'p1', campaignId: 'A' })
    for (let i = 0; i < 3; i++) {
      t.clock.advance(OUTAGE_PROBE_INTERVAL_MS)
      await settle()
    }
    expect(probes()).toBe(1)

    const u = setup()
    await u.monitor.refresh('p1', 'A', 'r1')
    u.monitor.open({ profileId: 'p1', campaignId: 'A' })
    u.server.error = new AppError('rate-limited', 'slow down', { status: 429, retryAfter: 120 })
    u.clock.advance(15_000)
    await vi.waitFor(() => expect(u.of('connectivity:changed').at(-1)?.state).toBe('offline'))
    for (let i = 0; i < 10; i++) {
      u.clock.advance(OUTAGE_PROBE_INTERVAL_MS)
      await settle()
    }
    expect(u.server.requests.filter((r) => r.limit === 1)).toEqual([])
  })

  it('an incomplete result says why, in the snapshot and the event the window gets', async () => {
    const t = setup()
    t.server.countOverride = () => 100_000 // claims far more than its 2 tasks
    const snapshot = await t.monitor.refresh('p1', 'A', 'r1')
    expect(snapshot).toMatchObject({ incomplete: true, incompleteReason: 'count-inflated' })
    expect(t.of('tasks:updated').at(-1)).toMatchObject({ incompleteReason: 'count-inflated' })
    expect(await t.monitor.cached('p1', 'A')).toMatchObject({ incompleteReason: 'count-inflated' })
  })
})
