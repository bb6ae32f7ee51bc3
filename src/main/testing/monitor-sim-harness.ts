/**
 * Test support for the simulator-backed monitor tests (task-monitor.test.ts,
 * task-monitor.offline.test.ts): the real simulator over HTTPS with a pinned certificate and a
 * TaskMonitor on a ManualScheduler, so the tests move the clock and the monitor's own timers fire
 * (polls, offline retries) while sockets stay real. Per-page retries are off so a dead server
 * fails at once. Test-only; call cleanUp() after each test.
 */
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
import { AlertService } from '../alerts/alert-service'
import type { NotificationText } from '../alerts/ended-notification'
import { DEFAULT_SETTINGS } from '../../shared/settings'
import { TaskMonitor, type TaskMonitorOptions } from '../monitor/task-monitor'

const CAMPAIGNS: CampaignSpec[] = [
  // 120 tasks = 2 pages of 100; the 2 newest are in progress.
  { id: '1001', name: 'Spring Renewal Offers', taskCount: 120, inProgress: 2, seed: 11 },
  { id: '2002', name: 'Finished campaign', taskCount: 30, inProgress: 0, seed: 12, status: 4 },
]
const CREDENTIALS = generateCredentials()
export const INTERVAL_MS = 15_000
export const IDLE_INTERVAL_MS = 120_000

/** One certificate for the file's simulators, so a restarted one presents the same. */
let certificate: Promise<GeneratedCertificate> | null = null
const cleanups: (() => Promise<unknown> | void)[] = []

/** Closes what the test started (simulators, monitors, folders), newest first: afterEach. */
export async function cleanUp(): Promise<void> {
  for (const fn of cleanups.splice(0).reverse()) await fn()
}

/** A simulator of CAMPAIGNS (on `port`: the one a closed simulator had, to bring it back). */
export async function simulator(port = 0, campaigns = CAMPAIGNS): Promise<Simulator> {
  certificate ??= generateCertificate()
  const sim = await startSimulator({
    port,
    campaigns,
    certificate: await certificate,
    credentials: CREDENTIALS,
  })
  cleanups.push(() => sim.close())
  return sim
}

type Recorded = { [E in EventName]: { event: E; payload: EventPayloads[E] } }[EventName]

/**
 * A TaskMonitor of profile p1 on the simulator, its disk cache in `userDataDir` (else a temp one);
 * `extra` replaces monitor options (say, a client with a smaller reply cap).
 */
export async function harness(
  sim: Simulator,
  userDataDir?: string,
  extra: Partial<TaskMonitorOptions> = {},
) {
  const dir = userDataDir ?? (await mkdtemp(join(tmpdir(), 'monitor-')))
  if (!userDataDir) cleanups.push(() => rm(dir, { recursive: true, force: true }))
  const clock = new ManualScheduler()
  const events: Recorded[] = []
  const notes: NotificationText[] = []
  const warnings: string[] = []
  const settings = {
    refreshIntervalSec: INTERVAL_MS / 1000,
    idleCheckIntervalSec: IDLE_INTERVAL_MS / 1000,
    notifications: true,
  }
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
  // The notifications come from the alert service watching the monitor's events, as in the app.
  const alerts = new AlertService({
    emit: () => {},
    notify: (n) => notes.push(n),
    settings: () => ({ ...DEFAULT_SETTINGS, ...settings }),
    locale: () => 'en',
    findProfile: (id) => (id === profile.id ? profile : undefined),
    log: { warn: (m) => warnings.push(m) },
    now: clock.now,
  })
  const monitor = new TaskMonitor({
    getProfile: (id) => {
      if (id !== profile.id) throw new Error(`no profile ${id}`)
      return profile
    },
    profileIds: () => [profile.id],
    getSecret: async () => secrets.sk,
    cache,
    emit: alerts.observe((event, payload) => events.push({ event, payload } as Recorded)),
    settings: () => settings,
    now: clock.now,
    timers: clock,
    random: () => 0.5, // no jitter: backoff is exactly 5 s, 10 s, 20 s…
    fetch: { retry: { retries: 0 } },
    ...extra,
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
    alerts,
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

export type Harness = Awaited<ReturnType<typeof harness>>

export function inProgressIds(sim: Simulator, campaignId: string): string[] {
  const campaign = sim.campaigns.find((c) => c.id === campaignId)!
  return campaign.tasks.filter((t) => isInProgress(String(t.status) as '0')).map((t) => t.id)
}

/** Waits for the n-th event of a kind (events come from fetches the clock started). */
export async function nth<E extends EventName>(h: Harness, event: E, n: number) {
  await vi.waitFor(() => expect(h.of(event).length).toBeGreaterThanOrEqual(n), {
    timeout: 5000,
    interval: 5,
  })
  return h.of(event)[n - 1]!
}

export async function failure(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => {
      throw new Error('expected a failure')
    },
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(AppError)
  return err as AppError
}
