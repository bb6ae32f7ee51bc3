import { isInProgress } from '../../shared/import-task'
import { TaskCache } from '../cache/task-cache'
import {
  IDLE_INTERVAL_MS,
  INTERVAL_MS,
  cleanUp,
  failure,
  harness,
  inProgressIds,
  nth,
  simulator,
} from '../testing/monitor-sim-harness'

/**
 * The monitor against the real simulator (monitor-sim-harness.ts): fetching, caching, polling,
 * notifications, sharing one fetch, cancelling. A server that is down, keys that are wrong, sleep
 * and stop are in task-monitor.offline.test.ts.
 */

afterEach(cleanUp)
describe('TaskMonitor against the simulator', () => {
  it('refresh fetches every page, caches the result and reports it', async () => {
    const sim = await simulator()
    const h = await harness(sim)
    expect(await h.monitor.cached('p1', '1001')).toBeNull()

    const snap = await h.monitor.refresh('p1', '1001', 'r1')
    expect(snap.tasks).toHaveLength(120)
    expect(snap).toMatchObject({ profileId: 'p1', campaignId: '1001', count: 120, stale: false })
    expect(snap.incomplete).toBe(false)
    expect(snap.error).toBeUndefined()
    expect(snap.fetchedAt).toBe(new Date(h.clock.now()).toISOString())
    expect(sim.stats.byRoute.tasks).toBe(2)

    // Cached on disk, read back by a fresh cache object.
    const entry = await new TaskCache({ userDataDir: h.dir, log: { warn: () => {} } }).get(
      'p1',
      '1001',
    )
    expect(entry?.tasks.map((t) => t.id)).toEqual(snap.tasks.map((t) => t.id))
    expect(await h.monitor.cached('p1', '1001')).toEqual(snap)

    const progress = h.of('tasks:progress')
    expect(progress.map((p) => p.pagesDone)).toEqual([1, 2])
    expect(progress.at(-1)).toMatchObject({ requestId: 'r1', pagesTotal: 2, tasksSoFar: 120 })
    expect(h.of('tasks:updated')).toEqual([snap])
    expect(h.of('connectivity:changed')).toEqual([
      { profileId: 'p1', state: 'online', checkedAt: h.clock.now() },
    ])
    // Tasks in progress: polled again after the interval.
    expect(h.last('refresh:scheduled')).toEqual({
      profileId: 'p1',
      campaignId: '1001',
      nextAt: h.clock.now() + INTERVAL_MS,
    })
    expect(h.clock.pending()).toEqual([h.clock.now() + INTERVAL_MS])
    expect(h.warnings).toEqual([])
  })

  it("tells a refresh's caller its progress at most every 200 ms, and always the first and last page", async () => {
    const big = [{ id: '1001', name: 'Big', taskCount: 1_000, inProgress: 0, seed: 5 }]
    const still = await harness(await simulator(0, big))
    await still.monitor.refresh('p1', '1001', 'r1')
    // The harness's clock stands still during the fetch: 10 pages, two events.
    expect(still.of('tasks:progress').map((p) => p.pagesDone)).toEqual([1, 10])

    // A clock that moves 250 ms whenever it is read: every page is told.
    let t = 0
    const moving = await harness(await simulator(0, big), undefined, { now: () => (t += 250) })
    await moving.monitor.refresh('p1', '1001', 'r1')
    expect(moving.of('tasks:progress').map((p) => p.pagesDone)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ])
  })

  it('does not poll a campaign with nothing in progress', async () => {
    const sim = await simulator()
    const h = await harness(sim)
    const snap = await h.monitor.refresh('p1', '2002', 'r1')
    expect(snap.tasks.some((t) => isInProgress(t.status))).toBe(false)
    expect(h.last('refresh:scheduled')).toEqual({
      profileId: 'p1',
      campaignId: '2002',
      nextAt: null,
    })
    expect(h.clock.pending()).toEqual([])
  })

  it('polls while imports run, stops when they end, and notifies once for several', async () => {
    const sim = await simulator()
    const h = await harness(sim)
    await h.monitor.refresh('p1', '1001', 'r1')
    const [a, b] = inProgressIds(sim, '1001')
    expect(a && b).toBeTruthy()

    // Nothing changed: polled, nothing notified, polled again.
    h.clock.advance(INTERVAL_MS)
    await nth(h, 'tasks:updated', 2)
    expect(h.notes).toEqual([])
    expect(h.clock.pending()).toEqual([h.clock.now() + INTERVAL_MS])

    sim.setTaskStatus('1001', a!, '2')
    sim.setTaskStatus('1001', b!, '3')
    h.clock.advance(INTERVAL_MS)
    const updated = await nth(h, 'tasks:updated', 3)
    expect(updated.tasks.some((t) => isInProgress(t.status))).toBe(false)
    expect(h.notes).toHaveLength(1)
    expect(h.notes[0]!.title).toBe('2 imports ended: campaign Spring Renewal on server Simulator')
    expect(h.notes[0]!.body).toMatch(
      /^1 finished — [\d,]+ succeeded, [\d,]+ failed\. 1 failed — \S/,
    )
    // Fast polling stopped: the watched campaign is now checked at the idle interval.
    expect(h.last('refresh:scheduled')).toEqual({
      profileId: 'p1',
      campaignId: '1001',
      nextAt: h.clock.now() + IDLE_INTERVAL_MS,
    })
    expect(h.clock.pending()).toEqual([h.clock.now() + IDLE_INTERVAL_MS])
  })

  it('notifies one finished import with its numbers, and nothing when notifications are off', async () => {
    const sim = await simulator()
    const h = await harness(sim)
    await h.monitor.refresh('p1', '1001', 'r1')
    const [a, b] = inProgressIds(sim, '1001')
    const raw = sim.setTaskStatus('1001', a!, '2')
    h.clock.advance(INTERVAL_MS)
    await nth(h, 'tasks:updated', 2)
    expect(h.notes).toEqual([
      {
        title: 'Import finished: campaign Spring Renewal on server Simulator',
        body: `${raw.succNum.toLocaleString('en-US')} succeeded, ${raw.failNum.toLocaleString('en-US')} failed`,
      },
    ])
    // Still one in progress: polling goes on.
    expect(h.clock.pending()).toHaveLength(1)

    h.settings.notifications = false
    sim.setTaskStatus('1001', b!, '3')
    h.clock.advance(INTERVAL_MS)
    await nth(h, 'tasks:updated', 3)
    expect(h.notes).toHaveLength(1)
    expect(h.clock.pending()).toEqual([h.clock.now() + IDLE_INTERVAL_MS])
  })

  it('uses the configured interval, never below 5 s', async () => {
    const sim = await simulator()
    const h = await harness(sim)
    h.settings.refreshIntervalSec = 2
    await h.monitor.refresh('p1', '1001', 'r1')
    expect(h.clock.pending()).toEqual([h.clock.now() + 5_000])
    h.settings.refreshIntervalSec = 60
    await h.monitor.refresh('p1', '1001', 'r2')
    expect(h.clock.pending()).toEqual([h.clock.now() + 60_000])
  })

  it('never overlaps: concurrent refreshes and a due poll share one fetch', async () => {
    const sim = await simulator()
    const h = await harness(sim)
    await h.monitor.refresh('p1', '1001', 'r0')
    sim.resetStats()
    sim.setFaults({ latencyMs: 150 })

    const one = h.monitor.refresh('p1', '1001', 'r1')
    const two = h.monitor.refresh('p1', '1001', 'r2')
    h.clock.advance(INTERVAL_MS) // the poll falls due mid-fetch: it joins
    const [s1, s2] = await Promise.all([one, two])
    expect(s1).toBe(s2)
    expect(sim.stats.byRoute.tasks).toBe(2) // one request sequence, not two or three
    expect(sim.stats.maxInFlight).toBeLessThanOrEqual(2)
    const ids = new Set(h.of('tasks:progress').map((p) => p.requestId))
    expect(ids).toEqual(new Set(['r0', 'r1', 'r2'])) // each caller sees its own progress
    expect(h.clock.pending()).toEqual([h.clock.now() + INTERVAL_MS]) // one timer
  })

  it('cancel rejects that caller at once; the fetch stops when nobody waits for it', async () => {
    const sim = await simulator()
    const h = await harness(sim)
    sim.setFaults({ latencyMs: 400 })

    const lone = h.monitor.refresh('p1', '1001', 'r1')
    await vi.waitFor(() => expect(sim.stats.inFlight).toBe(1), { interval: 5 })
    const cancelledAt = Date.now()
    h.monitor.cancel('r1')
    expect((await failure(lone)).code).toBe('cancelled')
    expect(Date.now() - cancelledAt).toBeLessThan(300) // not after the 400 ms reply

    const kept = h.monitor.refresh('p1', '1001', 'r2')
    const dropped = h.monitor.refresh('p1', '1001', 'r3')
    h.monitor.cancel('r3')
    h.monitor.cancel('unknown') // ignored
    expect((await failure(dropped)).code).toBe('cancelled')
    const snap = await kept
    expect(snap.tasks).toHaveLength(120)
    // The lone fetch was aborted: its request never got a reply, and it asked for no more pages.
    expect(sim.requestLog[0]?.status).toBeNull()
    expect(sim.stats.byRoute.tasks).toBe(3)
    // The cancelled fetch reported nothing: one update, online once, no offline.
    expect(h.of('tasks:updated')).toHaveLength(1)
    expect(h.of('connectivity:changed').map((c) => c.state)).toEqual(['online'])
  })
})
