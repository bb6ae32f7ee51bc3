import { AppError, isalesError } from '../../shared/errors'
import { OFFLINE_MAX_RETRY_AFTER_MS } from './backoff'
import { setup } from '../testing/monitor-harness'

/**
 * What failures do, with an in-memory server and cache (monitor-harness.ts): errors that need the
 * user, campaign errors, unknown campaigns, several campaigns going offline together, rate
 * limiting.
 */

afterEach(() => {
  vi.restoreAllMocks()
})

describe('TaskMonitor failures', () => {
  it('a keychain failure needs the user like an auth error', async () => {
    const t = setup()
    await t.monitor.refresh('p1', 'A', 'r1')
    t.secretError = new AppError('keychain', 'The keychain is locked.')
    const stale = await t.monitor.refresh('p1', 'A', 'r2')
    expect(stale).toMatchObject({ stale: true, error: { code: 'keychain' } })
    expect(t.of('connectivity:changed').at(-1)).toMatchObject({ state: 'error' })
    expect(t.clock.pending()).toEqual([])
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
    // Each check reports the state with its time; both carry the same error.
    const errorEvents = t.of('connectivity:changed').filter((c) => c.state === 'error')
    expect(errorEvents.map((e) => e.checkedAt)).toEqual([t.clock.now(), t.clock.now()])
    expect(errorEvents.map((e) => e.error?.detail?.presentedFingerprint)).toEqual(['CC', 'CC'])
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
    // Both campaigns are fetched again and polled (each poll is set once its fetch succeeded);
    // C, listed but never fetched, gets its first check now.
    const at = t.clock.now()
    await vi.waitFor(() => expect(t.clock.pending()).toEqual([at, at + 15_000, at + 15_000]))
    expect(t.of('connectivity:changed').at(-1)).toEqual({
      profileId: 'p1',
      state: 'online',
      checkedAt: at,
    })
  })

  it('an iSales error halts that campaign only; the server counts as reachable', async () => {
    const t = setup()
    await t.monitor.refresh('p1', 'A', 'r1')
    await t.monitor.refresh('p1', 'B', 'r2')
    t.server.error = isalesError('0200007', 'campaign not exist')
    const stale = await t.monitor.refresh('p1', 'A', 'r3')
    expect(stale).toMatchObject({ stale: true, error: { code: 'isales' } })
    // Every check (two good, one with the iSales error) found the server answering.
    expect(t.of('connectivity:changed').map((c) => c.state)).toEqual(['online', 'online', 'online'])
    expect(t.clock.pending()).toHaveLength(1) // B still polled, A halted
    expect(t.of('refresh:scheduled').at(-1)).toMatchObject({ campaignId: 'A', nextAt: null })

    t.server.error = null
    await t.monitor.refresh('p1', 'A', 'r4') // a good fetch restarts it
    expect(t.clock.pending()).toHaveLength(2)
  })

  it('forgets a campaign or profile that does not exist instead of watching it', async () => {
    const t = setup()
    await t.monitor.refresh('p1', 'A', 'r1') // in progress: polled
    await t.monitor.refresh('p1', 'B', 'r2') // in progress: polled
    await expect(t.monitor.refresh('nope', 'A', 'r3')).rejects.toMatchObject({
      code: 'validation',
    })
    t.server.error = isalesError('0200007', 'campaign not exist')
    await expect(t.monitor.refresh('p1', 'Z', 'r4')).rejects.toMatchObject({ code: 'isales' })
    expect(await t.monitor.refresh('p1', 'A', 'r5')).toMatchObject({ stale: true })

    // Other campaign errors that need the user keep the campaign (halted until a good fetch).
    t.server.error = isalesError('0200001', 'parameter error')
    expect(await t.monitor.refresh('p1', 'B', 'r6')).toMatchObject({
      stale: true,
      error: { code: 'isales' },
    })
    expect(t.clock.pending()).toEqual([]) // neither is polled any more

    // A profile edit restarts every campaign it keeps that was in progress: B (halted) is
    // fetched again at once; A (forgotten) and C, still listed, get staggered first checks.
    t.server.error = null
    t.server.requests = []
    t.monitor.profileChanged('p1')
    const at = t.clock.now()
    await vi.waitFor(() => expect(t.clock.pending()).toEqual([at, at + 500, at + 15_000]))
    expect(t.server.requests.map((r) => r.campaignId)).toEqual(['B'])
    t.clock.advance(500)
    await vi.waitFor(() =>
      expect(t.server.requests.map((r) => r.campaignId)).toEqual(['B', 'A', 'C']),
    )
    // The unknown Z, not listed, is not checked again.
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
    // Each failed check reports offline; one retry is set for the server, not one per campaign.
    const offline = t.of('connectivity:changed').filter((c) => c.state === 'offline')
    expect(offline.map((c) => c.nextRetryAt)).toEqual([
      t.clock.now() + 5_000,
      t.clock.now() + 5_000,
    ])
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
})
