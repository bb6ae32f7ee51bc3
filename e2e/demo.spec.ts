/**
 * First start: no server yet → "Open the demo" → the demo's campaigns in the sidebar and the
 * first one's tasks on screen, with the counts the demo server holds.
 */
import { startDemo, DEMO_CAMPAIGNS, DEMO_PROFILE_ID } from '../src/main/demo/demo-server'
import type { TaskSnapshot } from '../src/shared/contract'
import { expect, test } from './fixtures'
import { saveScreenshot } from './support/screenshots'
import { listFromEvents } from './support/task-feed'
import { readCampaign } from './support/server-query'
import { expectedTask, type ExpectedTask, summarize } from './support/sim-data'
import { campaignItem, expectCount, expectSummary, expectTopRows, openCampaign } from './support/ui'

/** An ImportTask as the oracle's ExpectedTask (same fields, from the server's reply). */
function fromImportTask(t: TaskSnapshot['tasks'][number]): ExpectedTask {
  return expectedTask({ ...t, errMsg: t.errMsg })
}

test('first start: open the demo and see its tasks with the right counts', async ({
  appPage: page,
  app,
}) => {
  const empty = page.getByTestId('empty-no-profiles')
  await expect(empty).toBeVisible()
  await expect(empty).toContainText('No server yet')
  await saveScreenshot(page, 'first-start')

  await empty.getByTestId('empty-open-demo').click()
  const items = page.getByTestId('campaign-item')
  await expect(items).toHaveCount(DEMO_CAMPAIGNS.length)
  for (const c of DEMO_CAMPAIGNS) {
    await expect(campaignItem(page, c.id)).toContainText(c.name)
  }
  const first = DEMO_CAMPAIGNS[0]!
  await expect(campaignItem(page, first.id)).toHaveAttribute('aria-current', 'true')
  await expect(page.getByTestId('header-title')).toHaveText(first.name)
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'online')
  // The live campaign: at least its initial tasks, all shown.
  await expect(page.getByTestId('filter-count')).toHaveText(/^([\d,]+) of \1 tasks$/)
  const shown = Number(
    (await page.getByTestId('summary-total').textContent())?.replaceAll(',', '') ?? NaN,
  )
  expect(shown).toBeGreaterThanOrEqual(first.taskCount)
  // Imports are in progress: auto-refresh is scheduled.
  await expect(page.getByTestId('refresh-countdown')).toHaveText(/^Next refresh in \d+ s$/)
  await saveScreenshot(page, 'demo-tasks')

  // A campaign whose task list does not grow: the same tasks as on the demo server, same order.
  const small = DEMO_CAMPAIGNS.find((c) => c.id === '3003')!
  await openCampaign(page, small.id)
  await expectCount(page, small.taskCount, small.taskCount)
  // The one with blackNum shows it; the empty, suspended one says so.
  await openCampaign(page, '3002')
  await expectCount(page, 180, 180)
  await expect(page.getByTestId('summary-black')).toBeVisible()
  await openCampaign(page, '3004')
  await expect(page.getByTestId('empty-no-tasks')).toBeVisible()
  // Its own status comes from the server's campaign list; nothing to export, and it says why.
  await expect(page.getByTestId('campaign-status')).toHaveAttribute('data-status', 'suspended')
  await expect(page.getByTestId('campaign-status')).toHaveText('Campaign: suspended')
  await expect(page.getByTestId('export-all')).toBeDisabled()
  await page.getByTestId('export-all-wrap').hover()
  await expect(page.locator('.n-popover')).toContainText(
    'Nothing to export: this campaign has no imports',
  )
  await saveScreenshot(page, 'demo-empty-campaign')
  await page.mouse.move(0, 0)

  if (app.mode !== 'browser') return
  // Compare with the demo server itself (it runs in this process, inside composeApp).
  const demo = await startDemo()
  const [profile] = await app.call('profiles:list', {})
  expect(profile?.id).toBe(DEMO_PROFILE_ID)
  await openCampaign(page, small.id)
  const server = await readCampaign(profile!, demo.sk, small.id)
  expect(server.count).toBe(small.taskCount)
  const byBegin = server.tasks.map(fromImportTask).sort((a, b) => b.beginAt! - a.beginAt!)
  await expectTopRows(page, byBegin)
  // Statuses move every few seconds on the demo server: the summary must match the snapshot the
  // window last received from main, and that snapshot the server's task ids.
  await expect(async () => {
    const last = listFromEvents(app.events, small.id)
    expect(last).toBeDefined()
    expect(new Set(last!.tasks.map((t) => t.id))).toEqual(new Set(server.tasks.map((t) => t.id)))
    await expectSummary(page, summarize(last!.tasks.map(fromImportTask)))
  }).toPass({ timeout: 10_000 })
})
