/**
 * The overview inside composeApp: fed by the events the monitor sends (through the wrapped emit),
 * answered by overview:get, and started from the disk cache after a restart.
 */
import { startSimulator, type Simulator } from '../simulator/server'
import {
  removeRoot,
  simulatorProfile,
  startHarness,
  type Harness,
} from '../testing/compose-harness'

const SIM_CAMPAIGNS = [
  {
    id: '2101',
    name: 'Autumn renewals',
    taskCount: 30,
    seed: 9,
    inProgress: 1,
    status: 3 as const,
  },
]

let harnesses: Harness[] = []
let sims: Simulator[] = []

afterEach(async () => {
  for (const h of harnesses) await h.dispose()
  await Promise.all(sims.map((s) => s.close()))
  await Promise.all(harnesses.map((h) => removeRoot(h.root)))
  harnesses = []
  sims = []
})

async function harness(root?: string): Promise<Harness> {
  const h = await startHarness(root ? { root } : {})
  harnesses.push(h)
  return h
}

describe('the overview in the composed app', () => {
  it('learns a check from the monitor, the name from the server, and starts from the cache after a restart', async () => {
    const sim = await startSimulator({ campaigns: SIM_CAMPAIGNS })
    sims.push(sim)
    const first = await harness()
    const view = await first.ok('profiles:save', {
      // Watched by id only: the name comes from the server's campaign list.
      profile: simulatorProfile(sim, [{ id: '2101', label: '' }]),
      secret: { sk: sim.sk, sessionOnly: false },
    })
    const before = await first.ok('overview:get', {})
    expect(before.rows).toMatchObject([{ campaignId: '2101', summary: null, health: 'stale' }])

    await first.refreshed({ profileId: view.id, campaignId: '2101', requestId: 'r1' })
    const named = await first.events.waitFor('overview:updated', (s) =>
      s.rows.some((r) => r.name === 'Autumn renewals'),
    )
    const row = named.rows[0]!
    expect(row).toMatchObject({
      profileId: view.id,
      serverName: view.name,
      campaignStatus: 3,
      link: 'online',
      health: 'running',
    })
    expect(row.summary?.importing).toBe(1)
    expect(row.lastCheckedAt).not.toBeNull()
    expect((await first.ok('overview:get', {})).rows[0]).toMatchObject({ name: 'Autumn renewals' })
    await first.dispose()

    const again = await harness(first.root)
    const restored = await again.events.waitFor('overview:updated', (s) =>
      s.rows.some((r) => r.summary !== null),
    )
    expect(restored.rows[0]).toMatchObject({ lastCheckedAt: null, lastGoodAt: row.lastGoodAt })
    expect(restored.rows[0]?.summary?.importing).toBe(1)
  })
})
