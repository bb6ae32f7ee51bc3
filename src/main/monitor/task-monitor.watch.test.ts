import { isInProgress } from '../../shared/import-task'
import { MAX_IN_FLIGHT_PER_SERVER } from '../../shared/limits'
import type { CampaignSpec } from '../simulator/world'
import {
  IDLE_INTERVAL_MS,
  INTERVAL_MS,
  cleanUp,
  harness,
  nth,
  simulator,
} from '../testing/monitor-sim-harness'
import { FIRST_CHECK_STAGGER_MS } from './poll-schedule'

/**
 * Always watching, against the real simulator on the manual clock: every listed campaign is
 * checked whether or not the window asked for it, fast while imports run and slow while idle,
 * each check reported with its time, and the server's request limit shared by its campaigns.
 */

const IDLE: CampaignSpec = { id: '3001', name: 'Idle', taskCount: 30, inProgress: 0, seed: 21 }
const BUSY: CampaignSpec = { id: '3002', name: 'Busy', taskCount: 30, inProgress: 1, seed: 22 }

afterEach(cleanUp)
describe('TaskMonitor always watching', () => {
  it('checks every listed campaign from start-up, first checks staggered, without the window asking', async () => {
    const sim = await simulator(0, [IDLE, BUSY])
    const h = await harness(sim)
    h.profile.campaigns = [
      { id: '3001', label: 'Idle' },
      { id: '3002', label: 'Busy' },
    ]
    const start = h.clock.now()
    h.monitor.watchEveryProfile()
    expect(h.clock.pending()).toEqual([start, start + FIRST_CHECK_STAGGER_MS])

    h.clock.advance(0) // the first check only
    const first = await nth(h, 'tasks:updated', 1)
    expect(first.campaignId).toBe('3001')
    expect(sim.stats.byRoute.tasks).toBe(1)
    h.clock.advance(FIRST_CHECK_STAGGER_MS)
    expect((await nth(h, 'tasks:updated', 2)).campaignId).toBe('3002')

    // The idle one at the slow cadence, the one with an import in progress at the fast one.
    const schedule = (id: string) =>
      h
        .of('refresh:scheduled')
        .filter((e) => e.campaignId === id)
        .at(-1)?.nextAt
    expect(schedule('3001')).toBe(start + IDLE_INTERVAL_MS)
    expect(schedule('3002')).toBe(start + FIRST_CHECK_STAGGER_MS + INTERVAL_MS)
    expect(h.of('connectivity:changed').map((e) => [e.state, e.checkedAt])).toEqual([
      ['online', start],
      ['online', start + FIRST_CHECK_STAGGER_MS],
    ])

    // A second call (profiles imported) adds nothing already watched.
    h.monitor.watchEveryProfile()
    expect(h.clock.pending()).toHaveLength(2)
  })

  it('checks an idle campaign again after the slow interval, and a new import there appears by itself, then polled fast', async () => {
    const sim = await simulator(0, [IDLE])
    const h = await harness(sim)
    h.profile.campaigns = [{ id: '3001', label: 'Idle' }]
    h.monitor.watchEveryProfile()
    h.clock.advance(0)
    await nth(h, 'tasks:updated', 1)
    expect(h.clock.pending()).toEqual([h.clock.now() + IDLE_INTERVAL_MS])

    const added = sim.addTask('3001')
    h.clock.advance(IDLE_INTERVAL_MS - 1)
    expect(sim.stats.byRoute.tasks).toBe(1) // not before the slow interval
    h.clock.advance(1)
    const updated = await nth(h, 'tasks:updated', 2)
    expect(updated.tasks.map((t) => t.id)).toContain(added.id)
    expect(updated.tasks.some((t) => isInProgress(t.status))).toBe(true)
    await vi.waitFor(() => expect(h.clock.pending()).toEqual([h.clock.now() + INTERVAL_MS]))

    // It ends: back to the slow cadence.
    sim.setTaskStatus('3001', added.id, '2')
    h.clock.advance(INTERVAL_MS)
    await nth(h, 'tasks:updated', 3)
    await vi.waitFor(() => expect(h.clock.pending()).toEqual([h.clock.now() + IDLE_INTERVAL_MS]))
  })

  it('shows a server going down within one slow interval when only idle campaigns are watched', async () => {
    const sim = await simulator(0, [IDLE])
    const h = await harness(sim)
    h.profile.campaigns = [{ id: '3001', label: 'Idle' }]
    h.monitor.watchEveryProfile()
    h.clock.advance(0)
    await nth(h, 'connectivity:changed', 1)
    await sim.close()

    h.clock.advance(IDLE_INTERVAL_MS)
    const offline = await nth(h, 'connectivity:changed', 2)
    expect(offline).toMatchObject({
      state: 'offline',
      checkedAt: h.clock.now(),
      nextRetryAt: h.clock.now() + 5_000,
    })
    // Back-off as before: the retry fails, the next one is 10 s later, each check reported.
    h.clock.advance(5_000)
    expect(await nth(h, 'connectivity:changed', 3)).toMatchObject({
      state: 'offline',
      checkedAt: h.clock.now(),
      nextRetryAt: h.clock.now() + 10_000,
    })
  })

  it('uses the configured slow interval, never below 30 s', async () => {
    const sim = await simulator(0, [IDLE])
    const h = await harness(sim)
    h.profile.campaigns = [{ id: '3001', label: 'Idle' }]
    h.settings.idleCheckIntervalSec = 5
    await h.monitor.refresh('p1', '3001', 'r1')
    expect(h.clock.pending()).toEqual([h.clock.now() + 30_000])
    h.settings.idleCheckIntervalSec = 600
    await h.monitor.refresh('p1', '3001', 'r2')
    expect(h.clock.pending()).toEqual([h.clock.now() + 600_000])
  })

  it('a profile edit checks a newly listed campaign and stops checking one no longer listed', async () => {
    const sim = await simulator(0, [IDLE, BUSY])
    const h = await harness(sim)
    h.profile.campaigns = [{ id: '3001', label: 'Idle' }]
    h.monitor.watchEveryProfile()
    h.clock.advance(0)
    await nth(h, 'tasks:updated', 1)

    h.profile.campaigns = [{ id: '3002', label: 'Busy' }]
    h.monitor.profileChanged('p1')
    h.clock.advance(0)
    expect((await nth(h, 'tasks:updated', 2)).campaignId).toBe('3002')
    await vi.waitFor(() => expect(h.clock.pending()).toEqual([h.clock.now() + INTERVAL_MS]))
    expect(h.of('refresh:scheduled').at(-1)).toMatchObject({ campaignId: '3002' })
    const idleNulled = h
      .of('refresh:scheduled')
      .some((e) => e.campaignId === '3001' && e.nextAt === null)
    expect(idleNulled).toBe(true)
  })

  it('never has more than the server limit in flight across its campaigns, one fetch per campaign', async () => {
    const many: CampaignSpec[] = [1, 2, 3, 4].map((n) => ({
      id: `40${n}`,
      name: `C${n}`,
      taskCount: 600, // 6 pages of 100 each
      inProgress: 0,
      seed: 40 + n,
    }))
    const sim = await simulator(0, many)
    const h = await harness(sim)
    h.profile.campaigns = many.map((c) => ({ id: c.id, label: c.name }))
    sim.setFaults({ latencyMs: 60 })
    // Each fetch has up to 4 pages in flight: 4 campaigns together would reach 16 unlimited.
    const fetches = many.map((c, i) => h.monitor.refresh('p1', c.id, `r${i}`))
    const again = h.monitor.refresh('p1', '401', 'r-again') // joins the one in flight
    await Promise.all([...fetches, again])
    // Measured at the server: the campaigns' pages overlapped (more than one fetch's 4), and
    // together never passed the limit (server-slots.test.ts shows the limiter's own count).
    expect(sim.stats.maxInFlight).toBeGreaterThan(4)
    expect(sim.stats.maxInFlight).toBeLessThanOrEqual(MAX_IN_FLIGHT_PER_SERVER)
    expect(sim.stats.byRoute.tasks).toBe(4 * 6)
  })
})
