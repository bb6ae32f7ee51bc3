/**
 * composeApp through createDispatcher: "Test connection", trusting a certificate, a certificate
 * that changed, and a wrong secret key, against the iSales simulator.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createMemoryKeychain } from '../secrets/keychain'
import { startSimulator, type Simulator } from '../simulator/server'
import {
  removeRoot,
  simulatorProfile,
  startHarness,
  type Harness,
} from '../testing/compose-harness'

const CACHED = { id: '2001', label: 'Spring renewals' }
const UNCACHED = { id: '2002', label: 'Card activation' }
const BUSY = { id: '2003', label: 'Broadband upgrade' }
const SIM_CAMPAIGNS = [
  { id: '2001', name: 'Spring renewals', taskCount: 25, seed: 7, inProgress: 0 },
  { id: '2002', name: 'Card activation', taskCount: 10, seed: 8, inProgress: 0 },
  { id: '2003', name: 'Broadband upgrade', taskCount: 15, seed: 9, inProgress: 2 },
]

let harnesses: Harness[] = []
let sim: Simulator

beforeEach(async () => {
  sim = await startSimulator({ campaigns: SIM_CAMPAIGNS })
})

afterEach(async () => {
  for (const h of harnesses) await h.dispose()
  await sim.close()
  await Promise.all([...new Set(harnesses.map((h) => h.root))].map(removeRoot))
  harnesses = []
})

async function harness(opts?: Parameters<typeof startHarness>[0]): Promise<Harness> {
  const h = await startHarness(opts)
  harnesses.push(h)
  return h
}

function refresh(h: Harness, profileId: string, campaignId: string, requestId: string) {
  return h.call('tasks:refresh', { profileId, campaignId, requestId })
}

describe('certificate trust', () => {
  it('probes the certificate, pins it on trust, and refuses a fingerprint the server does not present', async () => {
    const h = await harness()
    const view = await h.ok('profiles:save', {
      profile: simulatorProfile(sim, [CACHED], { mode: 'system' }),
      secret: { sk: sim.sk, sessionOnly: false },
    })
    // Self-signed and not trusted yet: no tasks, a TLS error.
    const untrusted = await refresh(h, view.id, CACHED.id, 'r1')
    expect(untrusted.ok).toBe(false)
    expect(!untrusted.ok && untrusted.error.code).toBe('tls')

    const probed = await h.ok('tls:probe', { serverUrl: sim.url })
    expect(probed.fingerprint256).toBe(sim.fingerprint256)
    expect(probed.chainVerified).toBe(false)
    expect(probed.subject).toMatch(/CN=/)
    expect(Date.parse(probed.validTo)).toBeGreaterThan(Date.now())

    // Another first byte (1 in 256 fingerprints starts with AA).
    const wrong =
      (sim.fingerprint256.startsWith('AA:') ? 'BB:' : 'AA:') + sim.fingerprint256.slice(3)
    expect(wrong).not.toBe(sim.fingerprint256)
    const refused = await h.fail('tls:trust', { profileId: view.id, fingerprint256: wrong })
    expect(refused).toMatchObject({
      code: 'cert-changed',
      detail: { presentedFingerprint: sim.fingerprint256, expectedFingerprint: wrong },
    })
    expect((await h.ok('profiles:list', {}))[0]!.tls).toEqual({ mode: 'system' })

    const trusted = await h.ok('tls:trust', {
      profileId: view.id,
      fingerprint256: probed.fingerprint256,
    })
    expect(trusted.tls).toMatchObject({ mode: 'pin', fingerprint256: sim.fingerprint256 })
    const listed = (await h.ok('profiles:list', {}))[0]!
    expect(listed.tls).toMatchObject({ mode: 'pin', fingerprint256: sim.fingerprint256 })
    const onDisk = await readFile(join(h.userDataDir, 'profiles.json'), 'utf8')
    expect(onDisk).toContain(sim.fingerprint256)

    const fetched = await refresh(h, view.id, CACHED.id, 'r2')
    expect(fetched.ok).toBe(true)
    expect(h.events.listOf(view.id, CACHED.id)?.snapshot.tasks).toHaveLength(25)
  })

  it('blocks a server whose certificate changed, with both fingerprints, until re-trusted', async () => {
    const keychain = createMemoryKeychain()
    const yesterday = await harness({ keychain })
    const view = await yesterday.ok('profiles:save', {
      profile: simulatorProfile(sim, [CACHED, UNCACHED]),
      secret: { sk: sim.sk, sessionOnly: false },
    })
    const good = await yesterday.refreshed({
      profileId: view.id,
      campaignId: CACHED.id,
      requestId: 'y1',
    })
    await yesterday.dispose()
    const trustedFp = sim.fingerprint256

    // Overnight the server got a new certificate; the app starts again on the same folder.
    const presentedFp = await sim.rotateCertificate()
    expect(presentedFp).not.toBe(trustedFp)
    const h = await harness({ root: yesterday.root, keychain })
    const fingerprints = { presentedFingerprint: presentedFp, expectedFingerprint: trustedFp }

    // Nothing cached for this campaign: the refresh fails.
    const failed = await refresh(h, view.id, UNCACHED.id, 't1')
    expect(failed.ok).toBe(false)
    if (failed.ok) return
    expect(failed.error).toMatchObject({ code: 'cert-changed', detail: fingerprints })
    expect(failed.error.message).toContain(presentedFp)

    // Cached: the last good tasks come back stale, carrying the error and both fingerprints.
    const stale = await refresh(h, view.id, CACHED.id, 't2')
    expect(stale.ok).toBe(true)
    if (!stale.ok) return
    expect(stale.data.meta).toMatchObject({
      stale: true,
      fetchedAt: good.fetchedAt,
      error: { code: 'cert-changed', detail: fingerprints },
    })
    const held = h.events.listOf(view.id, CACHED.id)!
    expect(held.version).toBe(stale.data.version)
    expect(held.snapshot.tasks.map((t) => t.id)).toEqual(good.tasks.map((t) => t.id))
    const blocked = await h.events.waitFor(
      'connectivity:changed',
      (e) => e.profileId === view.id && e.state === 'error',
    )
    expect(blocked.error).toMatchObject({ code: 'cert-changed', detail: fingerprints })
    const cached = await h.cached({ profileId: view.id, campaignId: CACHED.id })
    expect(cached).toMatchObject({ stale: true, error: { code: 'cert-changed' } })

    // Re-trust: test the connection again, trust what it shows.
    const probed = await h.ok('tls:probe', { serverUrl: view.serverUrl })
    expect(probed.fingerprint256).toBe(presentedFp)
    const retrusted = await h.ok('tls:trust', {
      profileId: view.id,
      fingerprint256: probed.fingerprint256,
    })
    expect(retrusted.tls).toMatchObject({ mode: 'pin', fingerprint256: presentedFp })
    const fresh = await h.refreshed({
      profileId: view.id,
      campaignId: CACHED.id,
      requestId: 't3',
    })
    expect(fresh.stale).toBe(false)
    expect(fresh.error).toBeUndefined()
    expect(fresh.tasks).toHaveLength(25)
    expect(Date.parse(fresh.fetchedAt)).toBeGreaterThanOrEqual(Date.parse(good.fetchedAt))
    await h.events.waitFor(
      'connectivity:changed',
      (e) => e.profileId === view.id && e.state === 'online',
    )
    expect(await refresh(h, view.id, UNCACHED.id, 't4')).toMatchObject({ ok: true })
  })

  it('in the same session: blocked after a rotation, and re-trust resumes the busy campaign', async () => {
    const h = await harness()
    const view = await h.ok('profiles:save', {
      profile: simulatorProfile(sim, [BUSY]),
      secret: { sk: sim.sk, sessionOnly: false },
    })
    const ref = { profileId: view.id, campaignId: BUSY.id }
    const good = await h.refreshed({ ...ref, requestId: 's1' })
    expect(good.tasks.some((t) => t.status === '0' || t.status === '1')).toBe(true)
    const trustedFp = sim.fingerprint256
    const presentedFp = await sim.rotateCertificate()
    // An idle keep-alive socket from before the rotation would still be used for up to 4 s;
    // a sleep and wake drops it (the connections are rebuilt), as a server restart would.
    h.app.monitor.suspend()
    h.app.monitor.resume()
    const stale = await h.refreshed({ ...ref, requestId: 's2' })
    expect(stale).toMatchObject({
      stale: true,
      fetchedAt: good.fetchedAt,
      error: {
        code: 'cert-changed',
        detail: { presentedFingerprint: presentedFp, expectedFingerprint: trustedFp },
      },
    })
    expect(stale.tasks.map((t) => t.id)).toEqual(good.tasks.map((t) => t.id))
    // Blocked: no automatic refresh is planned while the certificate is not trusted.
    const unplanned = await h.events.waitFor(
      'refresh:scheduled',
      (e) => e.campaignId === BUSY.id && e.nextAt === null,
    )
    expect(unplanned.profileId).toBe(view.id)

    // Re-trusting is enough: the campaign in progress is fetched again without a manual refresh.
    const mark = h.events.mark()
    await h.ok('tls:trust', { profileId: view.id, fingerprint256: presentedFp })
    const resumed = await h.events.waitForTasks((s) => s.campaignId === BUSY.id && !s.stale, {
      from: mark,
    })
    expect(resumed.error).toBeUndefined()
    expect(resumed.tasks.length).toBeGreaterThanOrEqual(15)
    await h.events.waitFor('connectivity:changed', (e) => e.state === 'online', { from: mark })
  })
})

describe('secret key', () => {
  it('a wrong SK gives the auth message; the right one fixes it', async () => {
    const h = await harness()
    const view = await h.ok('profiles:save', {
      profile: simulatorProfile(sim, [CACHED]),
      secret: { sk: 'WRONG-secret-key-0000000000000000000000', sessionOnly: false },
    })
    const denied = await h.fail('tasks:refresh', {
      profileId: view.id,
      campaignId: CACHED.id,
      requestId: 'a1',
    })
    expect(denied.code).toBe('auth')
    expect(denied.message).toMatch(/rejected the access key and secret key/)
    expect(denied.message).not.toContain('WRONG-secret')
    const event = await h.events.waitFor(
      'connectivity:changed',
      (e) => e.profileId === view.id && e.state === 'error',
    )
    expect(event.error?.code).toBe('auth')

    const fixed = await h.ok('profiles:save', {
      profile: { ...simulatorProfile(sim, [CACHED]), id: view.id },
      secret: { sk: sim.sk, sessionOnly: true },
    })
    expect(fixed).toMatchObject({ hasSecret: true, secretStorage: 'session' })
    expect(h.keychain.entries.has(view.id)).toBe(false)
    const fetched = await h.refreshed({
      profileId: view.id,
      campaignId: CACHED.id,
      requestId: 'a2',
    })
    expect(fetched.tasks).toHaveLength(25)
  })
})
