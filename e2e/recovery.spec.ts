/**
 * Bad replies do not stop watching for good, against the simulator, awaiting the window (no
 * sleeps): while every reply is malformed JSON the campaign shows its last good rows stale with
 * the reason; after 5 identical failures in a row the window says automatic refresh stopped and
 * offers "Retry now"; once the server replies well, Retry now brings fresh data and the campaign
 * is polled again.
 */
import { expect, test } from './fixtures'
import { metaOf, taskChanges } from './support/task-feed'
import { connectServer, expectCount, openCampaign } from './support/ui'

const CAMPAIGN = { id: '7301', name: 'Flaky campaign', taskCount: 25, seed: 91, inProgress: 0 }

test('a campaign halted after repeated identical bad replies says so, and Retry now recovers it', async ({
  appPage: page,
  app,
}) => {
  test.setTimeout(90_000)
  const sim = await app.startSimulator({ campaigns: [CAMPAIGN] })
  await connectServer(page, app, sim)
  await openCampaign(page, CAMPAIGN.id)
  await expectCount(page, CAMPAIGN.taskCount, CAMPAIGN.taskCount)

  sim.setFaults({ malformedJson: { probability: 1 } })
  // The failures main reported for this campaign (each stale snapshot says how many in a row).
  const failures = () =>
    taskChanges(app.events)
      .map(metaOf)
      .filter((s) => s.campaignId === CAMPAIGN.id && s.stale)
      .map((s) => s.failures ?? 0)
  const banner = page.getByTestId('stale-banner')
  /** The window's refresh has answered (a click while it runs would be ignored). */
  const idle = () => expect(page.getByTestId('refresh-button')).not.toHaveClass(/n-button--loading/)

  await page.getByTestId('refresh-button').click()
  await expect(banner).toHaveAttribute('data-kind', 'retrying')
  await expect(banner.getByTestId('stale-banner-detail')).not.toBeEmpty()
  await expectCount(page, CAMPAIGN.taskCount, CAMPAIGN.taskCount) // the last good rows stay
  for (let n = 2; n <= 5; n++) {
    await expect.poll(() => failures().at(-1)).toBe(n - 1)
    await idle()
    await banner.getByTestId('stale-retry').click()
    await expect.poll(() => failures().at(-1)).toBe(n)
  }

  await expect(banner).toHaveAttribute('data-kind', 'halted')
  await expect(banner.getByTestId('stale-banner-text')).toContainText(
    'Automatic refresh stopped after 5 identical failures in a row.',
  )
  const retryNow = banner.getByTestId('halted-retry')
  await expect(retryNow).toHaveText('Retry now')
  await expect(page.getByTestId('refresh-countdown')).not.toHaveText(/Next refresh in/)

  sim.setFaults({})
  const added = sim.addTask(CAMPAIGN.id, { status: '0' })
  await idle()
  await retryNow.click()
  await expect(banner).toBeHidden()
  await expectCount(page, CAMPAIGN.taskCount + 1, CAMPAIGN.taskCount + 1)
  await expect(page.locator(`[data-testid="task-row"][data-task-id="${added.id}"]`)).toBeVisible()
  // Polled again by itself.
  await expect(page.getByTestId('refresh-countdown')).toHaveText(/^Next refresh in \d+/)
})
