import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { EventName, EventPayloads } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import { isInProgress } from '../../shared/import-task'
import type { ServerProfile } from '../../shared/profile'
import { TaskCache } from '../cache/task-cache'
import { generateCertificate, type GeneratedCertificate } from '../simulator/certificate'
import { generateCredentials, startSimulator, type Simulator } from '../simulator/server'
import type { CampaignSpec } from '../simulator/world'
import { ManualScheduler } from './manual-scheduler'
import { MISSING_SECRET_MESSAGE } from './messages'
import type { NotificationText } from './notifications'
import { TaskMonitor } from './task-monitor'

/**
 * The monitor against the real simulator over HTTPS with a pinned certificate. Time is a
 * ManualScheduler: the tests move the clock and the monitor's own timers fire (polls, offline
 * retries), while sockets stay real. Per-page retries are off so a dead server fails at once.
 */

const CAMPAIGNS: CampaignSpec[] = [
  // 120 tasks = 2 pages of 100; the 2 newest are in progress.
  { id: '1001', name: 'Spring Renewal Offers', taskCount: 120, inProgress: 2, seed: 11 },
  { id: '2002', name: 'Finished campaign', taskCount: 30, inProgress: 0, seed: 12, status: 4 },
]
const CREDENTIALS = generateCredentials()
const INTERVAL_MS = 15_000

let certificate: GeneratedCertificate
const cleanups: (() => Promise<unknown> | void)[] = []

beforeAll(async () => {
  certificate = await generateCertificate()
})

afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn()
})

async function simulator(port = 0): Promise<Simulator> {
  const sim = await startSimulator({
    port,
    campaigns: CAMPAIGNS,
    certificate,
    credentials: CREDENTIALS,
  })
  cleanups.push(() => sim.close())
  return sim
}

type Recorded = { [E in EventName]: { event: E; payload: EventPayloads[E] } }[EventName]

async function harness(sim: Simulator, userDataDir?: string) {
  const dir = userDataDir ?? (await mkdtemp(join(tmpdir(), 'monitor-')))
  if (!userDataDir) cleanups.push(() => rm(dir, { recursive: true, force: true }))
  const clock = new ManualScheduler()
  const events: Recorded[] = []
  const notes: NotificationText[] = []
  const warnings: string[] = []
  const settings = { refreshIntervalSec: INTERVAL_MS / 1000, notifications: true }
  const profile: ServerProfile = {
    id: 'p1',
    name: 'Simulator',
    serverUrl: sim.url,
    vdnId: 1,
    ak: sim.ak,
    signing: { timestampFormat: 'seconds', signedHeaders: ['host'] },
    tls: {
      mode: 'pin',
      fingerprint256: sim.fingerprint256,
      subject: 'CN=localhost',
      trustedAt: '2024-05-01T08:00:00.000Z',
    },
    campaigns: [{ id: '1001', label: 'Spring Renewal' }],
  }
  const secrets = { sk: sim.sk as string | null }
  const cache = new TaskCache({ userDataDir: dir, log: { warn: (m) => warnings.push(m) } })
  const monitor = new TaskMonitor({
    getProfile: (id) => {
      if (id !== profile.id) throw new Error(`no profile ${id}`)
      return profile
    },
    getSecret: async () => secrets.sk,
    cache,
    emit: (event, payload) => events.push({ event, payload } as Recorded),
    notify: (n) => notes.push(n),
    settings: () => settings,
    now: clock.now,
    timers: clock,
    random: () => 0.5, // no jitter: backoff is exactly 5 s, 10 s, 20 s…
    fetch: { retry: { retries: 0 } },
  })
  cleanups.push(() => monitor.stop())

  function of<E extends EventName>(event: E): EventPayloads[E][] {
    return events.filter((e) => e.event === event).map((e) => e.payload as EventPayloads[E])
  }
  function last<E extends EventName>(event: E): EventPayloads[E] | undefined {
    return of(event).at(-1)
  }
  return {
    dir,
    clock,
    events,
    notes,
    warnings,
    settings,
    profile,
    secrets,
    cache,
    monitor,
    of,
    last,
  }
}

type Harness = Awaited<ReturnType<typeof harness>>

function inProgressIds(sim: Simulator, campaignId: string): string[] {
  const campaign = sim.campaigns.find((c) => c.id === campaignId)!
  return campaign.tasks.filter((t) => isInProgress(String(t.status) as '0')).map((t) => t.id)
}

/** Waits for the n-th event of a kind (events come from fetches the clock started). */
async function nth<E extends EventName>(h: Harness, event: E, n: number) {
  await vi.waitFor(() => expect(h.of(event).length).toBeGreaterThanOrEqual(n), {
    timeout: 5000,
    interval: 5,
  })
  return h.of(event)[n - 1]!
}

async function failure(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => {
      throw new Error('expected a failure')
    },
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(AppError)
  return err as AppError
}

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
    expect(h.of('connectivity:changed')).toEqual([{ profileId: 'p1', state: 'online' }])
    // Tasks in progress: polled again after the interval.
    expect(h.last('refresh:scheduled')).toEqual({
      profileId: 'p1',
      campaignId: '1001',
      nextAt: h.clock.now() + INTERVAL_MS,
    })
    expect(h.clock.pending()).toEqual([h.clock.now() + INTERVAL_MS])
    expect(h.warnings).toEqual([])
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

    // The retry fails too: the next one backs off to 10 s.
    h.clock.advance(5_000)
    const again = await nth(h, 'connectivity:changed', 3)
    expect(again).toMatchObject({ state: 'offline', nextRetryAt: h.clock.now() + 10_000 })

    // The server comes back (same port, certificate and keys); only the clock moves.
    const back = await simulator(port)
    expect(back.fingerprint256).toBe(sim.fingerprint256)
    h.clock.advance(10_000)
    const online = await nth(h, 'connectivity:changed', 4)
    expect(online).toEqual({ profileId: 'p1', state: 'online' })
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
    expect(h.notes[0]!.title).toBe('2 imports ended: campaign Spring Renewal')
    expect(h.notes[0]!.body).toMatch(
      /^1 finished — [\d,]+ succeeded, [\d,]+ failed\. 1 failed — \S/,
    )
    // Polling stopped.
    expect(h.last('refresh:scheduled')).toEqual({
      profileId: 'p1',
      campaignId: '1001',
      nextAt: null,
    })
    expect(h.clock.pending()).toEqual([])
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
        title: 'Import finished: campaign Spring Renewal',
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
    expect(h.clock.pending()).toEqual([])
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
    expect(err).toMatchObject({ code: 'auth', message: MISSING_SECRET_MESSAGE })
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
    expect(await nth(h, 'connectivity:changed', 3)).toEqual({ profileId: 'p1', state: 'online' })
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
