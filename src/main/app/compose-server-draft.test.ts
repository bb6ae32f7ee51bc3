/**
 * Setting a server up before saving it, through createDispatcher against the simulator: the
 * signed "Test connection" (right and wrong SK, wrong VDN, a certificate not trusted yet), the
 * campaign list of an unsaved form, and the stored key that never goes to another server, AK or
 * trust.
 */
import type { ArgsOf } from '../../shared/contract'
import { startSimulator, type Simulator } from '../simulator/server'
import {
  removeRoot,
  simulatorProfile,
  startHarness,
  type Harness,
} from '../testing/compose-harness'

type Draft = ArgsOf<'profiles:test'>['server']

const SIM_CAMPAIGNS = [
  { id: '3001', name: 'Spring renewals', taskCount: 5, seed: 7 },
  { id: '3002', name: 'Card activation', taskCount: 5, seed: 8 },
  { id: '3003', name: 'Broadband upgrade', taskCount: 5, seed: 9 },
]

let h: Harness
let sim: Simulator
const others: Simulator[] = []

beforeEach(async () => {
  sim = await startSimulator({ campaigns: SIM_CAMPAIGNS })
  h = await startHarness()
})

afterEach(async () => {
  await h.dispose()
  await removeRoot(h.root)
  await sim.close()
  for (const o of others.splice(0)) await o.close()
})

/** The simulator's settings as the dialog's form sends them, with the SK typed in. */
function draft(overrides: Partial<Draft> = {}): Draft {
  const { serverUrl, vdnId, ak, signing, tls } = simulatorProfile(sim, [])
  return { serverUrl, vdnId, ak, signing, tls, sk: sim.sk, ...overrides }
}

function wrongSk(): string {
  return `${sim.sk.slice(0, -4)}XXXX`
}

async function savedProfile(): Promise<string> {
  const view = await h.ok('profiles:save', {
    profile: simulatorProfile(sim, [{ id: '3001', label: '' }]),
    secret: { sk: sim.sk, sessionOnly: false },
  })
  return view.id
}

describe('Test connection with a signed request', () => {
  it('answers the certificate and the campaign count when AK and SK are right', async () => {
    const result = await h.ok('profiles:test', { server: draft() })
    expect(result.certificate.fingerprint256).toBe(sim.fingerprint256)
    expect(result.outcome).toEqual({ kind: 'ok', campaignCount: SIM_CAMPAIGNS.length })
    expect(sim.stats.byRoute.campaigns).toBe(1)
    expect(sim.stats.authFailures).toEqual({})
  })

  it('reports a wrong SK as an authentication failure, with the certificate still shown', async () => {
    const result = await h.ok('profiles:test', { server: draft({ sk: wrongSk() }) })
    expect(result.certificate.fingerprint256).toBe(sim.fingerprint256)
    expect(result.outcome).toMatchObject({ kind: 'failed', error: { code: 'auth' } })
    expect(sim.stats.authFailures).not.toEqual({})
  })

  it('reports a VDN the server does not have as the iSales code it answers', async () => {
    const result = await h.ok('profiles:test', { server: draft({ vdnId: 77 }) })
    expect(result.outcome).toMatchObject({
      kind: 'failed',
      error: { code: 'isales', detail: { resultCode: '0200001' } },
    })
  })

  it('signs nothing while the form does not trust the certificate', async () => {
    const result = await h.ok('profiles:test', { server: draft({ tls: { mode: 'system' } }) })
    expect(result.certificate.chainVerified).toBe(false)
    expect(result.outcome).toEqual({ kind: 'untrusted' })
    expect(sim.stats.byRoute.campaigns).toBe(0)
  })

  it('uses the stored SK of the profile being edited when address, AK and trust are unchanged', async () => {
    const profileId = await savedProfile()
    const { sk: _typed, ...withoutSk } = draft()
    const result = await h.ok('profiles:test', { server: { ...withoutSk, profileId, vdnId: 1 } })
    expect(result.outcome).toEqual({ kind: 'ok', campaignCount: SIM_CAMPAIGNS.length })
  })

  it('refuses the stored SK for another server address, another AK or another trust, sending nothing', async () => {
    const profileId = await savedProfile()
    // Same AK and SK: had the stored key gone there, the other server would have accepted it.
    const other = await startSimulator({
      campaigns: SIM_CAMPAIGNS,
      credentials: { ak: sim.ak, sk: sim.sk },
    })
    others.push(other)
    const { sk: _typed, ...withoutSk } = draft()
    const changed: Draft[] = [
      {
        ...withoutSk,
        profileId,
        serverUrl: other.url,
        tls: { ...simulatorProfile(other, []).tls },
      },
      { ...withoutSk, profileId, ak: `${sim.ak}-other` },
      { ...withoutSk, profileId, tls: { mode: 'system' } },
    ]
    for (const server of changed) {
      const result = await h.ok('profiles:test', { server })
      expect(result.outcome).toMatchObject({
        kind: 'failed',
        error: { code: 'validation', messageId: 'draftSecretRefused' },
      })
      await expect(h.fail('campaigns:listDraft', { server })).resolves.toMatchObject({
        code: 'validation',
        messageId: 'draftSecretRefused',
      })
    }
    // Nothing reached the other server; the saved server saw no request with the other AK. (It may
    // see the app's own background look-ups for the saved profile: the overview reads names.)
    expect(other.stats.requests).toBe(0)
    const otherAk = `auth-v2/${sim.ak}-other/`
    expect(
      sim.requestLog.filter((r) => String(r.headers.authorization).startsWith(otherAk)),
    ).toEqual([])
  })

  it('asks for the SK when a new server has none typed', async () => {
    const { sk: _typed, ...withoutSk } = draft()
    const result = await h.ok('profiles:test', { server: withoutSk })
    expect(result.outcome).toMatchObject({
      kind: 'failed',
      error: { code: 'validation', messageId: 'draftSecretMissing' },
    })
    expect(sim.stats.byRoute.campaigns).toBe(0)
  })
})

describe('the campaign list of an unsaved form', () => {
  it('lists the server’s campaigns with the SK typed in, before anything is saved', async () => {
    const campaigns = await h.ok('campaigns:listDraft', { server: draft() })
    expect(campaigns.map((c) => [c.id, c.name])).toEqual(SIM_CAMPAIGNS.map((c) => [c.id, c.name]))
    expect(await h.ok('profiles:list', {})).toEqual([])
  })

  it('fails with the authentication error when the SK is wrong', async () => {
    const error = await h.fail('campaigns:listDraft', { server: draft({ sk: wrongSk() }) })
    expect(error.code).toBe('auth')
  })
})
