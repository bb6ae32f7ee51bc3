/**
 * One transfer per change, through the composed app: a campaign's tasks reach the window once as
 * 'tasks:changed'; the refresh's reply carries only its version; a refresh of unchanged tasks sends
 * a delta of a few hundred bytes; the internal observers (overview) still see every snapshot.
 */
import { startSimulator, type Simulator } from '../simulator/server'
import type { TasksChange } from '../../shared/contract'
import {
  removeRoot,
  simulatorProfile,
  startHarness,
  type Harness,
} from '../testing/compose-harness'

const CAMPAIGN = { id: '7001', label: 'Two thousand' }
let h: Harness | null = null
let sim: Simulator | null = null

afterEach(async () => {
  await h?.dispose()
  await sim?.close()
  if (h) await removeRoot(h.root)
  h = null
  sim = null
})

const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v))

it('sends a campaign once, then a refresh of unchanged tasks in under 1 KB', async () => {
  sim = await startSimulator({
    campaigns: [{ id: CAMPAIGN.id, name: CAMPAIGN.label, taskCount: 2000, seed: 7 }],
  })
  const server = sim
  h = await startHarness()
  const view = await h.ok('profiles:save', {
    profile: simulatorProfile(server, [CAMPAIGN]),
    secret: { sk: server.sk, sessionOnly: false },
  })
  const ref = { profileId: view.id, campaignId: CAMPAIGN.id }
  const changes = () =>
    h!.events.of('tasks:changed').filter((c: TasksChange) => {
      const meta = c.kind === 'full' ? c.snapshot : c.meta
      return meta.campaignId === CAMPAIGN.id
    })

  const first = await h.ok('tasks:refresh', { ...ref, requestId: 'r1' })
  expect(bytes(first)).toBeLessThan(1024)
  expect(first).not.toHaveProperty('tasks')
  const held = h.events.listOf(view.id, CAMPAIGN.id)
  expect(held?.version).toBe(first.version)
  expect(held?.snapshot.tasks).toHaveLength(2000)
  const fulls = changes().filter((c) => c.kind === 'full')
  expect(fulls).toHaveLength(1) // the only transfer of the tasks

  const before = changes().length
  const second = await h.ok('tasks:refresh', { ...ref, requestId: 'r2' })
  const after = changes().slice(before)
  expect(after.map((c) => c.kind)).toEqual(['delta'])
  expect(after[0]).toMatchObject({ upserted: [], removed: [], baseVersion: first.version })
  expect(bytes(after[0]) + bytes(second)).toBeLessThan(1024)
  expect(h.events.listOf(view.id, CAMPAIGN.id)?.snapshot.tasks).toHaveLength(2000)
  // main's own observers still see every snapshot: the overview learned the good fetch.
  const overview = await h.ok('overview:get', {})
  expect(overview.rows.find((r) => r.campaignId === CAMPAIGN.id)?.lastGoodAt).toEqual(
    expect.any(Number),
  )
}, 60_000)
