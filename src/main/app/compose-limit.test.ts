/**
 * One request limit per server across everything that talks to it (issue 10): the monitor's
 * fetches, the campaign list (saved profile and unsaved form), "Test connection", the certificate
 * probe, "Trust this certificate" and the overview's name look-up, all at once through the real
 * composeApp against the simulator over HTTPS, counted AT THE SERVER (the simulator's inUse:
 * requests in flight plus connections not carrying one yet, see simulator/connection-load.ts).
 * The gate is full before the other callers start, so any one of them going around it pushes the
 * server's count over the limit. Each call comes from a window of its own, as from several
 * windows at once, so the per-window caps (ipc/in-flight-caps.ts) refuse none of them.
 */
import type { ArgsOf, Channel } from '../../shared/contract'
import { MAX_IN_FLIGHT_PER_SERVER } from '../../shared/limits'
import { startSimulator, type Simulator } from '../simulator/server'
import type { CampaignSpec } from '../simulator/world'
import {
  removeRoot,
  simulatorProfile,
  startHarness,
  type Harness,
} from '../testing/compose-harness'

// 5 campaigns of 8 pages: their fetches alone want 20 pages in flight (4 each).
const CAMPAIGNS: CampaignSpec[] = [1, 2, 3, 4, 5].map((n) => ({
  id: `50${n}`,
  name: `Campaign ${n}`,
  taskCount: 800,
  inProgress: 0,
  seed: 50 + n,
}))
const TIMES = 3 // of each other caller

let h: Harness
let sim: Simulator

beforeEach(async () => {
  sim = await startSimulator({ campaigns: CAMPAIGNS })
  h = await startHarness()
})

afterEach(async () => {
  await h.dispose()
  await removeRoot(h.root)
  await sim.close()
})

describe('the per-server request limit', () => {
  it('never has more than the limit in use at the server with every caller running at once', async () => {
    const listed = CAMPAIGNS.map((c) => ({ id: c.id, label: c.name }))
    const profile = await h.ok('profiles:save', {
      profile: simulatorProfile(sim, listed),
      secret: { sk: sim.sk, sessionOnly: false },
    })
    sim.setFaults({ latencyMs: 150 }) // every reply takes a while: the callers overlap
    sim.resetStats()

    // The monitor fills the gate first...
    const refreshes = CAMPAIGNS.map((c, i) =>
      h.refreshed({ profileId: profile.id, campaignId: c.id, requestId: `r${i}` }),
    )
    await vi.waitFor(() => expect(sim.stats.inUse).toBe(MAX_IN_FLIGHT_PER_SERVER), {
      timeout: 10_000,
      interval: 1,
    })

    // ...then every other caller asks at the same moment.
    const { serverUrl, vdnId, ak, signing, tls } = simulatorProfile(sim, [])
    const draft: ArgsOf<'profiles:test'>['server'] = {
      serverUrl,
      vdnId,
      ak,
      signing,
      tls,
      sk: sim.sk,
    }
    const repeat = <T>(fn: () => Promise<T>) => Array.from({ length: TIMES }, fn)
    const fromWindow = async <C extends Channel>(channel: C, args: ArgsOf<C>) => {
      const result = await h.call(channel, args, undefined, {
        signal: new AbortController().signal,
      })
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.message}`)
      return result.data
    }
    const [lists, draftLists, tests, probes, trusted] = await Promise.all([
      Promise.all(repeat(() => fromWindow('campaigns:listRemote', { profileId: profile.id }))),
      Promise.all(repeat(() => fromWindow('campaigns:listDraft', { server: draft }))),
      Promise.all(repeat(() => fromWindow('profiles:test', { server: draft }))),
      Promise.all(repeat(() => fromWindow('tls:probe', { serverUrl: sim.url }))),
      fromWindow('tls:trust', { profileId: profile.id, fingerprint256: sim.fingerprint256 }),
      Promise.all(refreshes),
    ])

    // Every caller really reached the server and got its answer...
    for (const list of [...lists, ...draftLists]) expect(list).toHaveLength(CAMPAIGNS.length)
    for (const t of tests)
      expect(t.outcome).toEqual({ kind: 'ok', campaignCount: CAMPAIGNS.length })
    for (const p of probes) expect(p.fingerprint256).toBe(sim.fingerprint256)
    expect(trusted.tls).toMatchObject({ mode: 'pin', fingerprint256: sim.fingerprint256 })
    // ...the overview's look-up of names too (it reads the list once the server answers).
    await vi.waitFor(() => expect(sim.stats.byRoute.campaigns).toBeGreaterThan(3 * TIMES))
    await vi.waitFor(() => expect(sim.stats.inUse).toBe(0))

    // ...and the server never had more than the limit in use: every caller waited its turn.
    expect(sim.stats.maxInUse).toBe(MAX_IN_FLIGHT_PER_SERVER)
  })
})
