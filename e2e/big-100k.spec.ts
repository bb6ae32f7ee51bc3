/**
 * 100,000 tasks in one campaign: the table stays virtual (a screenful of rows in the DOM) and a
 * refresh sends the window only what changed: under 1 KB when nothing did, under 10 KB when ten
 * tasks did, and those ten show in the table. Sizes are the harness's byte counts of what went to
 * the window (app.events / app.replies). Every wait follows a condition, with room for a loaded
 * machine: nothing here is a speed budget (that is `npm run bench`).
 */
import type { TasksChange } from '../src/shared/contract'
import { expect, test } from './fixtures'
import type { AppControls } from './fixtures/app-controls'
import { HARNESS_ONLY } from './fixtures/app-controls'
import { simTasks } from './support/sim-data'
import { metaOf } from './support/task-feed'
import { connectServer, expectCount, openCampaign, search, selectStatuses } from './support/ui'

const N = 100_000
const CAMPAIGN = '9101'

test.use({ actionTimeout: 60_000 })

/** What the window was sent about the campaign from `mark` on: the events and the refresh replies. */
function sentSince(app: AppControls, mark: { events: number; replies: number }) {
  const changes = app.events
    .slice(mark.events)
    .filter((e) => e.event === 'tasks:changed')
    .filter((e) => metaOf(e.payload as TasksChange).campaignId === CAMPAIGN)
  const replies = app.replies.slice(mark.replies).filter((r) => r.channel === 'tasks:refresh')
  return {
    changes: changes.map((e) => e.payload as TasksChange),
    replies,
    bytes: [...changes, ...replies].reduce((sum, e) => sum + e.bytes, 0),
  }
}

const markOf = (app: AppControls) => ({ events: app.events.length, replies: app.replies.length })

test('100,000 tasks stay virtual, and a refresh sends only what changed', async ({
  appPage: page,
  app,
}) => {
  test.skip(app.mode !== 'browser', HARNESS_ONLY)
  // Each refresh reads 1,000 pages of 100; on 2 cores shared with other work that can take minutes.
  test.setTimeout(3_600_000)
  const sim = await app.startSimulator({
    campaigns: [{ id: CAMPAIGN, name: 'One hundred thousand', taskCount: N, seed: 101 }],
  })
  const all = simTasks(sim, CAMPAIGN)
  await connectServer(page, app, sim)
  await openCampaign(page, CAMPAIGN)
  await expectCount(page, N, N, 1_200_000)

  // Virtual: a screenful of rows in the DOM, not a hundred thousand.
  const rows = page.getByTestId('task-table').getByTestId('task-row')
  await expect(rows.first()).toBeVisible()
  expect(await rows.count()).toBeLessThan(200)

  // The monitor polls the open campaign every 15 s: each poll is a refresh of all 100,000 tasks,
  // and what it sends the window is what this test weighs (what a window receives all day). Not
  // the Refresh button: the harness's replies carry no request id, and a click soon after opening
  // was answered by the reply of the window's first refresh, still on its way.
  const polled = async (
    mark: { events: number; replies: number },
    done: (s: ReturnType<typeof sentSince>) => boolean,
  ) => {
    await expect.poll(() => done(sentSince(app, mark)), { timeout: 1_200_000 }).toBe(true)
    return sentSince(app, mark)
  }

  // An unchanged refresh: one small delta.
  const quiet = markOf(app)
  const unchanged = await polled(quiet, (s) => s.changes.length > 0)
  expect(unchanged.changes.every((c) => c.kind === 'delta')).toBe(true)
  expect(unchanged.bytes).toBeLessThan(1024)

  // Ten imported tasks fail on the server: the next poll sends those ten (a poll already under
  // way when they changed may send an unchanged delta first).
  const moved = all.filter((t) => t.status === '2').slice(0, 10)
  expect(moved).toHaveLength(10)
  const busy = markOf(app)
  for (const t of moved) sim.setTaskStatus(CAMPAIGN, t.id, '3')
  const changed = await polled(busy, (s) =>
    s.changes.some((c) => c.kind === 'delta' && c.upserted.length > 0),
  )
  const upserted = changed.changes.flatMap((c) => (c.kind === 'delta' ? c.upserted : []))
  expect(changed.changes.every((c) => c.kind === 'delta')).toBe(true)
  expect(new Set(upserted.map((t) => t.id))).toEqual(new Set(moved.map((t) => t.id)))
  expect(changed.bytes).toBeLessThan(10 * 1024)

  // The table shows them: failed imports are ten more, and the moved ones are among them.
  const failedBefore = all.filter((t) => t.status === '3').length
  await selectStatuses(page, ['3'])
  await expectCount(page, failedBefore + 10, N, 120_000)
  expect(await rows.count()).toBeLessThan(200)
  await search(page, moved[0]!.id)
  await expectCount(page, 1, N, 120_000)
  await expect(
    page.locator(`[data-testid="task-row"][data-task-id="${moved[0]!.id}"]`),
  ).toBeVisible()
})
