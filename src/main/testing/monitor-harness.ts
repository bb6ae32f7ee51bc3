/**
 * Test support for the monitor's lifecycle and failure tests (task-monitor.lifecycle.test.ts,
 * task-monitor.failures.test.ts): a TaskMonitor over an in-memory server and cache, on the manual
 * clock, recording every event, notification and warning. Test-only.
 */
import { buildTask } from '../../shared/testing/task-builder'
import type { EventName, EventPayloads } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import type { ImportTask, TaskStatus } from '../../shared/import-task'
import type { ServerProfile } from '../../shared/profile'
import type { CacheEntry, CacheEntryInput } from '../cache/task-cache'
import type { ImportTaskQuery, ImportTaskPage, CallOptions } from '../isales/client'
import type { CreateClient } from '../monitor/client-pool'
import { ManualScheduler } from './manual-scheduler'
import { TaskMonitor, type TaskCacheStore } from '../monitor/task-monitor'
import { AlertService } from '../alerts/alert-service'
import { DEFAULT_SETTINGS } from '../../shared/settings'

export function task(id: number, status: TaskStatus): ImportTask {
  return buildTask({
    id: String(900000000000000000000000000000n + BigInt(id)),
    status,
    beginTime: '2024-05-01 08:00:00',
    succNum: 10,
    failNum: 1,
    errMsg: status === '3' ? 'File format error' : '',
  })
}

export class FakeServer {
  campaigns = new Map<string, ImportTask[]>([
    ['A', [task(1, '1'), task(2, '2')]],
    ['B', [task(3, '0'), task(4, '2')]],
    ['C', [task(5, '2')]],
  ])
  error: AppError | null = null
  /** While set, requests wait for it (or their abort). */
  gate: Promise<void> | null = null
  /** Total to report instead of the real one (to make the list look moving). */
  countOverride: (() => number) | null = null
  requests: { campaignId: string; sk: string; limit: number }[] = []

  /** The VDN's blacklist imports: what the blackfile interface answers. */
  blacklist: ImportTask[] = [task(7, '2'), task(8, '3')]

  client(sk: string) {
    const page = async (
      interfaceKey: string,
      all: () => ImportTask[],
      q: Omit<ImportTaskQuery, 'campaignId'>,
      opts: CallOptions,
    ): Promise<ImportTaskPage> => {
      this.requests.push({ campaignId: interfaceKey, sk, limit: q.limit })
      if (this.gate) {
        await Promise.race([
          this.gate,
          new Promise((_, reject) =>
            opts.signal?.addEventListener('abort', () =>
              reject(new AppError('cancelled', 'The request was cancelled.')),
            ),
          ),
        ])
      }
      if (this.error) throw this.error
      const tasks = all()
      const count = this.countOverride ? this.countOverride() : tasks.length
      return { tasks: tasks.slice(q.offset, q.offset + q.limit), count }
    }
    return {
      queryImportTasks: (q: ImportTaskQuery, opts: CallOptions = {}) =>
        page(q.campaignId, () => this.campaigns.get(q.campaignId) ?? [], q, opts),
      /** Recorded as BLACKFILE_REQUEST, so a test sees which interface was asked. */
      queryBlacklistTasks: (q: Omit<ImportTaskQuery, 'campaignId'>, opts: CallOptions = {}) =>
        page(BLACKFILE_REQUEST, () => this.blacklist, q, opts),
    }
  }
}

/** How FakeServer records a request to the blackfile interface (it has no campaign id). */
export const BLACKFILE_REQUEST = 'blackfile interface'

export class MemoryCache implements TaskCacheStore {
  entries = new Map<string, CacheEntry>()
  failPut = false
  async get(profileId: string, campaignId: string) {
    return this.entries.get(`${profileId}/${campaignId}`) ?? null
  }
  async put(e: CacheEntryInput) {
    if (this.failPut) throw Object.assign(new Error('disk full'), { code: 'ENOSPC' })
    this.entries.set(`${e.profileId}/${e.campaignId}`, { version: 1, ...e })
  }
  async remove(profileId: string) {
    let n = 0
    for (const key of [...this.entries.keys()]) {
      if (key.startsWith(`${profileId}/`)) n += this.entries.delete(key) ? 1 : 0
    }
    return n
  }
}

type Recorded = { [E in EventName]: { event: E; payload: EventPayloads[E] } }[EventName]

export function setup() {
  const harness: { secretError: AppError | null } = { secretError: null }
  const server = new FakeServer()
  const cache = new MemoryCache()
  const clock = new ManualScheduler()
  const events: Recorded[] = []
  const warnings: string[] = []
  const notes: { title: string; body: string }[] = []
  const created: string[] = []
  let closed = 0
  const profiles = new Map<string, ServerProfile>()
  const secrets = new Map<string, string>([['p1', 'SK-1']])
  profiles.set('p1', {
    id: 'p1',
    name: 'One',
    serverUrl: 'https://10.0.0.1:28443',
    vdnId: 1,
    ak: 'AK1',
    signing: { timestampFormat: 'seconds', signedHeaders: ['host'] },
    tls: { mode: 'pin', fingerprint256: 'AA:BB', subject: 'CN=x', trustedAt: '' },
    campaigns: [
      { id: 'A', label: 'Alpha' },
      { id: 'B', label: '' },
      { id: 'C', label: 'Gamma' },
    ],
  })
  const createClient: CreateClient = (profile, sk) => {
    created.push(`${profile.id}:${profile.tls.mode}:${sk}`)
    return { client: server.client(sk), close: () => void closed++ }
  }
  // The notifications come from the alert service watching the monitor's events, as in the app.
  const alerts = new AlertService({
    emit: () => {},
    notify: (n) => notes.push(n),
    settings: () => DEFAULT_SETTINGS,
    locale: () => 'en',
    findProfile: (id) => profiles.get(id),
    log: { warn: (m) => warnings.push(m) },
    now: clock.now,
  })
  const monitor = new TaskMonitor({
    getProfile: (id) => {
      const p = profiles.get(id)
      if (!p) throw new Error(`no profile ${id}`)
      return p
    },
    getSecret: async (id) => {
      if (harness.secretError) throw harness.secretError
      return secrets.get(id) ?? null
    },
    cache,
    emit: alerts.observe((event, payload) => events.push({ event, payload } as Recorded)),
    profileIds: () => [...profiles.keys()],
    settings: () => ({ refreshIntervalSec: 15, idleCheckIntervalSec: 120 }),
    now: clock.now,
    timers: clock,
    random: () => 0.5,
    createClient,
    fetch: { retry: { retries: 0 } },
    log: { warn: (m) => warnings.push(m) },
  })
  const of = <E extends EventName>(event: E) =>
    events.filter((e) => e.event === event).map((e) => e.payload as EventPayloads[E])
  /** Campaign ids of the stale snapshots emitted so far (one per failed fetch with a cache). */
  const staleUpdates = () =>
    of('tasks:updated')
      .filter((s) => s.stale)
      .map((s) => s.campaignId)
  return Object.assign(harness, {
    server,
    cache,
    clock,
    events,
    warnings,
    notes,
    created,
    closedCount: () => closed,
    profiles,
    secrets,
    monitor,
    of,
    staleUpdates,
  })
}
