import type { EventName, EventPayloads } from '../../shared/contract'
import { AppError, isalesError } from '../../shared/errors'
import type { ImportTask, TaskStatus } from '../../shared/import-task'
import { buildTask } from '../../shared/testing/task-builder'
import type { ServerProfile } from '../../shared/profile'
import type { CacheEntry, CacheEntryInput } from '../cache/task-cache'
import type { ImportTaskQuery, ImportTaskPage, CallOptions } from '../isales/client'
import type { CreateClient } from './client-pool'
import { OFFLINE_MAX_RETRY_AFTER_MS } from './backoff'
import { ManualScheduler } from './manual-scheduler'
import { TaskMonitor, type TaskCacheStore } from './task-monitor'

/**
 * Lifecycle and error paths with an in-memory server and cache: profile edits and removal,
 * errors that need the user, campaign errors, rate limiting, several campaigns going offline
 * together. The simulator-backed behaviour is in task-monitor.test.ts.
 */

function task(id: number, status: TaskStatus): ImportTask {
  return buildTask({
    id: String(900000000000000000000000000000n + BigInt(id)),
    status,
    beginTime: '2024-05-01 08:00:00',
    succNum: 10,
    failNum: 1,
    errMsg: status === '3' ? 'File format error' : '',
  })
}

class FakeServer {
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
  requests: { campaignId: string; sk: string }[] = []

  client(sk: string) {
    return {
      queryImportTasks: async (
        q: ImportTaskQuery,
        opts: CallOptions = {},
      ): Promise<ImportTaskPage> => {
        this.requests.push({ campaignId: q.campaignId, sk })
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
        const all = this.campaigns.get(q.campaignId) ?? []
        const count = this.countOverride ? this.countOverride() : all.length
        return { tasks: all.slice(q.offset, q.offset + q.limit), count }
      },
    }
  }
}

class MemoryCache implements TaskCacheStore {
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

function setup() {
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
    emit: (event, payload) => events.push({ event, payload } as Recorded),
    notify: (n) => notes.push(n),
    settings: () => ({ refreshIntervalSec: 15, notifications: true }),
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

afterEach(() => {
  vi.restoreAllMocks()
})

describe('TaskMonitor lifecycle', () => {
  it('reuses one client per profile, rebuilds it when the profile or SK changes, closes all on stop', async () => {
    const t = setup()
    await t.monitor.refresh('p1', 'A', 'r1')
    await t.monitor.refresh('p1', 'C', 'r2')
    expect(t.created).toEqual(['p1:pin:SK-1'])

    t.secrets.set('p1', 'SK-2') // keyed by a hash of the SK: a new client, the old one closed
    await t.monitor.refresh('p1', 'C', 'r3')
    expect(t.created).toEqual(['p1:pin:SK-1', 'p1:pin:SK-2'])
    await vi.waitFor(() => expect(t.closedCount()).toBe(1))

    t.profiles.set('p1', { ...t.profiles.get('p1')!, tls: { mode: 'system' } })
    t.monitor.profileChanged('p1')
    await vi.waitFor(() => expect(t.closedCount()).toBe(2))
    await t.monitor.refresh('p1', 'C', 'r4')
    expect(t.created.at(-1)).toBe('p1:system:SK-2')

    await t.monitor.stop()
    expect(t.closedCount()).toBe(3)
    expect(t.clock.pending()).toEqual([])
  })

  it('profileChanged mid-fetch: the callers get a fetch with the new settings', async () => {
    const t = setup()
    let open!: () => void
    t.server.gate = new Promise((r) => (open = r))
    const pending = t.monitor.refresh('p1', 'C', 'r1')
    // The first request is waiting at the gate (it is recorded just before).
    await vi.waitFor(() => expect(t.server.requests).toHaveLength(1))
    t.secrets.set('p1', 'SK-NEW')
    t.monitor.profileChanged('p1')
    t.server.gate = null
    open()
    const snap = await pending
    expect(snap.stale).toBe(false)
    expect(t.server.requests.map((r) => r.sk)).toEqual(['SK-1', 'SK-NEW'])
    expect(t.of('tasks:updated')).toHaveLength(1)
  })

  it('profileChanged restarts in-progress campaigns now and forgets campaigns no longer watched', async () => {
    const t = setup()
    await t.monitor.refresh('p1', 'A', 'r1') // in progress: polled
    await t.monitor.refresh('p1', 'B', 'r2') // in progress: polled
    expect(t.clock.pending()).toHaveLength(2)
    t.profiles.set('p1', {
      ...t.profiles.get('p1')!,
      campaigns: [{ id: 'A', label: 'Alpha' }],
    })
    t.monitor.profileChanged('p1')
    // A's restarted fetch has answered; a fetch of B would have started along with it.
    await vi.waitFor(() => expect(t.of('tasks:updated')).toHaveLength(3))
    expect(t.server.requests.map((r) => r.campaignId)).toEqual(['A', 'B', 'A'])
    expect(t.clock.pending()).toHaveLength(1) // A polled again; B dropped
    expect(
      t
        .of('refresh:scheduled')
        .filter((e) => e.campaignId === 'B')
        .at(-1)?.nextAt,
    ).toBeNull()
  })

  it('a cancelled refresh of a polled campaign leaves its polling in place', async () => {
    const t = setup()
    await t.monitor.refresh('p1', 'A', 'r1')
    expect(t.clock.pending()).toHaveLength(1)
    t.server.gate = new Promise(() => {})
    const cancelled = t.monitor.refresh('p1', 'A', 'r2').catch((e: unknown) => e)
    await vi.waitFor(() => expect(t.server.requests).toHaveLength(2)) // r2 waits at the gate
    t.monitor.cancel('r2')
    expect(await cancelled).toMatchObject({ code: 'cancelled' })
    // The aborted fetch settles after the caller's rejection: then the poll is put back.
    await vi.waitFor(() => expect(t.clock.pending()).toEqual([t.clock.now() + 15_000]))
    expect(t.of('tasks:updated')).toHaveLength(1)
    t.server.gate = null
    t.clock.advance(15_000)
    await vi.waitFor(() => expect(t.of('tasks:updated')).toHaveLength(2))
    expect(t.server.requests).toHaveLength(3)
    expect(t.clock.pending()).toEqual([t.clock.now() + 15_000])
  })

  it('a keychain failure needs the user like an auth error', async () => {
    const t = setup()
    await t.monitor.refresh('p1', 'A', 'r1')
    t.secretError = new AppError('keychain', 'The keychain is locked.')
    const stale = await t.monitor.refresh('p1', 'A', 'r2')
    expect(stale).toMatchObject({ stale: true, error: { code: 'keychain' } })
    expect(t.of('connectivity:changed').at(-1)).toMatchObject({ state: 'error' })
    expect(t.clock.pending()).toEqual([])
  })

  it('profileRemoved cancels its fetches, clears its timers and removes its cache', async () => {
    const t = setup()
    await t.monitor.refresh('p1', 'A', 'r1')
    expect(t.cache.entries.size).toBe(1)
    t.server.gate = new Promise(() => {})
    const inFlight = t.monitor.refresh('p1', 'C', 'r2').catch((e: unknown) => e)
    // C's request is waiting at the gate.
    await vi.waitFor(() => expect(t.server.requests.map((r) => r.campaignId)).toEqual(['A', 'C']))
    await t.monitor.profileRemoved('p1')
    expect(await inFlight).toMatchObject({ code: 'cancelled' })
    expect(t.cache.entries.size).toBe(0)
    expect(t.clock.pending()).toEqual([])
    expect(await t.monitor.cached('p1', 'A')).toBeNull()
  })

  it('a changed certificate: stale rows with the error, polling stops; re-trust resumes', async () => {
    const t = setup()
    await t.monitor.refresh('p1', 'A', 'r1')
    await t.monitor.refresh('p1', 'B', 'r2')
    t.server.error = new AppError('cert-changed', 'The server certificate changed.', {
      presentedFingerprint: 'CC',
      expectedFingerprint: 'AA:BB',
    })
    t.clock.advance(15_000) // both polls fire and fail
    // Both failures have been handled (each emits its stale snapshot first): a second error
    // event or a retry timer would already be there.
    await vi.waitFor(() => expect(t.staleUpdates().sort()).toEqual(['A', 'B']))
    const errorEvents = t.of('connectivity:changed').filter((c) => c.state === 'error')
    expect(errorEvents).toHaveLength(1) // the same error once, not per campaign
    expect(errorEvents[0]?.error?.detail?.presentedFingerprint).toBe('CC')
    expect(t.clock.pending()).toEqual([]) // no retries: this needs the user
    const stale = await t.monitor.refresh('p1', 'A', 'r3')
    expect(stale).toMatchObject({ stale: true, error: { code: 'cert-changed' } })
    expect((await t.monitor.cached('p1', 'B'))?.stale).toBe(true)

    t.server.error = null
    t.profiles.set('p1', {
      ...t.profiles.get('p1')!,
      tls: { mode: 'pin', fingerprint256: 'CC', subject: 'CN=x', trustedAt: '' },
    })
    t.monitor.profileChanged('p1')
    // Both campaigns are fetched again and polled (each poll is set once its fetch succeeded).
    await vi.waitFor(() => expect(t.clock.pending()).toHaveLength(2))
    expect(t.of('connectivity:changed').at(-1)).toEqual({ profileId: 'p1', state: 'online' })
    expect(t.clock.pending()).toEqual([t.clock.now() + 15_000, t.clock.now() + 15_000])
  })

  it('an iSales error halts that campaign only; the server counts as reachable', async () => {
    const t = setup()
    await t.monitor.refresh('p1', 'A', 'r1')
    await t.monitor.refresh('p1', 'B', 'r2')
    t.server.error = isalesError('0200007', 'campaign not exist')
    const stale = await t.monitor.refresh('p1', 'A', 'r3')
    expect(stale).toMatchObject({ stale: true, error: { code: 'isales' } })
    expect(t.of('connectivity:changed').map((c) => c.state)).toEqual(['online'])
    expect(t.clock.pending()).toHaveLength(1) // B still polled, A halted
    expect(t.of('refresh:scheduled').at(-1)).toMatchObject({ campaignId: 'A', nextAt: null })

    t.server.error = null
    await t.monitor.refresh('p1', 'A', 'r4') // a good fetch restarts it
    expect(t.clock.pending()).toHaveLength(2)
  })

  it('forgets a campaign or profile that does not exist instead of watching it', async () => {
    const t = setup()
    await t.monitor.refresh('p1', 'A', 'r1')
    await expect(t.monitor.refresh('nope', 'A', 'r2')).rejects.toMatchObject({
      code: 'validation',
    })
    t.server.error = isalesError('0200007', 'campaign not exist')
    await expect(t.monitor.refresh('p1', 'Z', 'r3')).rejects.toMatchObject({ code: 'isales' })
    expect(await t.monitor.refresh('p1', 'A', 'r4')).toMatchObject({ stale: true })
    expect(t.monitor.watchedCampaigns()).toEqual([])

    // Other campaign errors keep the campaign (halted until a good fetch).
    t.server.error = isalesError('0200006', 'database error')
    await expect(t.monitor.refresh('p1', 'B', 'r5')).rejects.toMatchObject({ code: 'isales' })
    expect(t.monitor.watchedCampaigns()).toEqual([{ profileId: 'p1', campaignId: 'B' }])
    t.server.error = null
    await t.monitor.refresh('p1', 'A', 'r6')
    expect(t.monitor.watchedCampaigns()).toHaveLength(2)
  })

  it('offline pauses every campaign of the profile, retries one, then fetches the others', async () => {
    const t = setup()
    await t.monitor.refresh('p1', 'A', 'r1')
    await t.monitor.refresh('p1', 'B', 'r2')
    t.server.error = new AppError('network', 'connect ECONNREFUSED', { cause: 'ECONNREFUSED' })
    t.server.requests = []
    t.clock.advance(15_000) // both polls fail
    // Both failures handled (each emits its stale snapshot before going offline).
    await vi.waitFor(() => expect(t.staleUpdates().sort()).toEqual(['A', 'B']))
    expect(t.server.requests.map((r) => r.campaignId)).toEqual(['A', 'B'])
    const offline = t.of('connectivity:changed').filter((c) => c.state === 'offline')
    expect(offline).toHaveLength(1)
    expect(offline[0]?.nextRetryAt).toBe(t.clock.now() + 5_000)
    expect(t.clock.pending()).toEqual([t.clock.now() + 5_000]) // one retry timer, no polls

    t.server.requests = []
    t.clock.advance(5_000) // the retry probes one campaign
    // The probe failed and set the next retry; a probe of B would have been made with A's.
    await vi.waitFor(() =>
      expect(t.of('connectivity:changed').at(-1)?.nextRetryAt).toBe(t.clock.now() + 10_000),
    )
    expect(t.server.requests.map((r) => r.campaignId)).toEqual(['A'])
    expect(t.staleUpdates().slice(2)).toEqual(['A'])

    t.server.error = null
    t.server.requests = []
    t.clock.advance(10_000)
    // A answers (online), which fetches B; each is polled again once its fetch succeeded.
    await vi.waitFor(() =>
      expect(t.clock.pending()).toEqual([t.clock.now() + 15_000, t.clock.now() + 15_000]),
    )
    expect(t.server.requests.map((r) => r.campaignId)).toEqual(['A', 'B'])
    expect(t.of('connectivity:changed').at(-1)?.state).toBe('online')
  })

  it('honours a Retry-After longer than the backoff', async () => {
    const t = setup()
    t.server.error = new AppError('rate-limited', 'slow down', { status: 429, retryAfter: 30 })
    await expect(t.monitor.refresh('p1', 'A', 'r1')).rejects.toMatchObject({ code: 'rate-limited' })
    expect(t.of('connectivity:changed').at(-1)).toMatchObject({
      state: 'offline',
      nextRetryAt: t.clock.now() + 30_000,
    })
  })

  it('caps a huge Retry-After instead of hammering the server', async () => {
    const t = setup()
    const huge = 10 ** 12 // seconds: far beyond any timer (Node would fire it after 1 ms)
    t.server.error = new AppError('rate-limited', 'slow down', { status: 429, retryAfter: huge })
    await expect(t.monitor.refresh('p1', 'A', 'r1')).rejects.toMatchObject({ code: 'rate-limited' })
    const nextRetryAt = t.of('connectivity:changed').at(-1)?.nextRetryAt
    expect(nextRetryAt).toBe(t.clock.now() + OFFLINE_MAX_RETRY_AFTER_MS)
    expect(t.clock.pending()).toEqual([nextRetryAt])
  })

  it('keeps working when the cache cannot be written', async () => {
    const t = setup()
    t.cache.failPut = true
    const snap = await t.monitor.refresh('p1', 'A', 'r1')
    expect(snap.stale).toBe(false)
    expect(t.warnings).toEqual(['The fetched tasks could not be cached'])
    // The last good result is still served stale from memory when the server fails.
    t.server.error = new AppError('timeout', 'too slow')
    expect(await t.monitor.refresh('p1', 'A', 'r2')).toMatchObject({
      stale: true,
      tasks: snap.tasks,
    })
  })

  it('reports a list that kept moving as incomplete', async () => {
    const t = setup()
    t.server.countOverride = () => 3 // A has 2 tasks: the total is never reached, pass after pass
    const snap = await t.monitor.refresh('p1', 'A', 'r1')
    expect(snap.incomplete).toBe(true)
    expect(t.cache.entries.get('p1/A')?.incomplete).toBe(true)
  })

  it('rejects an unknown profile and a request id already in flight', async () => {
    const t = setup()
    await expect(t.monitor.refresh('nope', 'A', 'r1')).rejects.toMatchObject({ code: 'validation' })
    t.server.gate = new Promise(() => {})
    const first = t.monitor.refresh('p1', 'A', 'dup').catch(() => undefined)
    await expect(t.monitor.refresh('p1', 'B', 'dup')).rejects.toMatchObject({ code: 'validation' })
    t.monitor.cancel('dup')
    await first
  })

  it('notifies with the campaign id when it has no label', async () => {
    const t = setup()
    await t.monitor.refresh('p1', 'B', 'r1')
    t.server.campaigns.set('B', [task(3, '3'), task(4, '2')])
    await t.monitor.refresh('p1', 'B', 'r2')
    expect(t.notes).toEqual([{ title: 'Import failed: campaign B', body: 'File format error' }])
  })
})
