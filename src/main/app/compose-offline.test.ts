/**
 * composeApp through createDispatcher: the server goes away after a good refresh. The window gets
 * the cached tasks marked stale, the profile goes offline with its next retry time, and the
 * monitor comes back by itself once the server answers again.
 */
import { generateCertificate } from '../simulator/certificate'
import { startSimulator, type Simulator } from '../simulator/server'
import {
  removeRoot,
  simulatorProfile,
  startHarness,
  type Harness,
} from '../testing/compose-harness'

const CAMPAIGN = { id: '2001', label: 'Spring renewals' }
const SIM_CAMPAIGNS = [
  { id: '2001', name: 'Spring renewals', taskCount: 30, seed: 7, inProgress: 0 },
]

let h: Harness | undefined
const sims: Simulator[] = []

afterEach(async () => {
  await h?.dispose()
  await Promise.all(sims.map((s) => s.close()))
  if (h) await removeRoot(h.root)
  h = undefined
  sims.length = 0
})

it('serves the cached tasks stale while the server is down, then comes back online', async () => {
  const certificate = await generateCertificate()
  const sim = await startSimulator({ campaigns: SIM_CAMPAIGNS, certificate })
  sims.push(sim)
  h = await startHarness()
  const view = await h.ok('profiles:save', {
    profile: simulatorProfile(sim, [CAMPAIGN]),
    secret: { sk: sim.sk, sessionOnly: false },
  })
  const ref = { profileId: view.id, campaignId: CAMPAIGN.id }
  const good = await h.refreshed({ ...ref, requestId: 'r1' })
  expect(good.tasks).toHaveLength(30)

  await sim.close()
  const before = Date.now()
  // The page request is retried a few times (~4–8 s) before the refresh gives up.
  const stale = await h.refreshed({ ...ref, requestId: 'r2' })
  expect(stale).toMatchObject({ stale: true, fetchedAt: good.fetchedAt })
  expect(stale.tasks.map((t) => t.id)).toEqual(good.tasks.map((t) => t.id))
  expect(stale.error?.code).toBe('network')
  expect(stale.error?.message).toMatch(/refused the connection/)

  const offline = await h.events.waitFor(
    'connectivity:changed',
    (e) => e.profileId === view.id && e.state === 'offline',
  )
  expect(offline.error?.code).toBe('network')
  expect(offline.nextRetryAt).toBeGreaterThan(before)
  const scheduled = await h.events.waitFor(
    'refresh:scheduled',
    (e) => e.campaignId === CAMPAIGN.id && e.nextAt === offline.nextRetryAt,
  )
  expect(scheduled.profileId).toBe(view.id)
  const staleUpdate = await h.events.waitForTasks((s) => s.stale)
  expect(staleUpdate.error?.code).toBe('network')

  const cached = await h.cached(ref)
  expect(cached).toMatchObject({ stale: true, error: { code: 'network' } })

  // The server is back on the same address; the machine sleeps and wakes (the OS's events),
  // which retries at once instead of after the backoff.
  const back = await startSimulator({
    campaigns: SIM_CAMPAIGNS,
    certificate,
    port: sim.port,
    credentials: { ak: sim.ak, sk: sim.sk },
  })
  sims.push(back)
  h.app.monitor.suspend()
  h.app.monitor.resume()
  await h.events.waitFor(
    'connectivity:changed',
    (e) => e.profileId === view.id && e.state === 'online',
  )
  const fresh = await h.events.waitForTasks((s) => !s.stale && s.fetchedAt > stale.fetchedAt)
  expect(fresh.tasks).toHaveLength(30)
  expect(await h.cached(ref)).toMatchObject({ stale: false })
}, 20_000)
