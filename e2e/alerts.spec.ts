/**
 * Alerts, end to end (browser harness: the desktop notifications are recorded by its fake
 * adapters): an import stuck past the threshold (set small in Settings) raises one notification
 * naming server and campaign, appears in the header's list of today's alerts with an unread count,
 * and can be acknowledged there. Later checks of the same campaign raise nothing more.
 */
import { formatSimTime } from '../src/main/simulator/sim-time'
import { expect, test } from './fixtures'
import { connectServer, openCampaign } from './support/ui'

const CAMPAIGN = { id: '7301', name: 'Stuck campaign', taskCount: 8, seed: 73, inProgress: 0 }

test('an import stuck past the threshold raises its alert once; it is listed and acknowledged', async ({
  appPage: page,
  app,
}) => {
  // Two more checks at the 5 s floor after the alert: more than the default 30 s on a loaded machine.
  // (Under Electron, updateSettings skips the test with its reason: it needs the harness.)
  test.setTimeout(60_000)
  await app.updateSettings({ stuckMinutes: 5, refreshIntervalSec: 5 })
  const sim = await app.startSimulator({ campaigns: [CAMPAIGN] })
  // Importing for 10 minutes already: past the 5-minute threshold.
  const stuck = sim.addTask(CAMPAIGN.id, {
    status: '1',
    beginTime: formatSimTime(Math.floor(Date.now() / 1000) * 1000 - 10 * 60_000, 'iso'),
  })
  await connectServer(page, app, sim)
  await openCampaign(page, CAMPAIGN.id)

  const title = `Import stuck: campaign ${CAMPAIGN.name} on server E2E server`
  await expect
    .poll(() => app.notifications, { timeout: 15_000 })
    .toContainEqual({ title, body: expect.stringMatching(new RegExp(`^Import ${stuck.id} has`)) })

  const button = page.getByTestId('open-alerts')
  await expect(button).toHaveAccessibleName('Alerts: 1 unread')
  await expect(page.getByTestId('alerts-badge')).toContainText('1')
  await button.click()
  const item = page.getByTestId('alerts-panel').getByTestId('alert-item')
  await expect(item).toHaveCount(1)
  await expect(item).toHaveAttribute('data-kind', 'importStuck')
  await expect(item.getByTestId('alert-title')).toHaveText(title)
  await item.getByTestId('alert-acknowledge').click()
  await expect(item).toHaveAttribute('data-acknowledged', 'true')
  await expect(button).toHaveAccessibleName('Alerts')

  // The campaign keeps being checked (its import still runs): no second alert for the same import.
  const checks = () => app.events.filter((e) => e.event === 'tasks:changed').length
  const seen = checks()
  await expect.poll(checks, { timeout: 15_000 }).toBeGreaterThan(seen + 1)
  expect(app.notifications.filter((n) => n.title === title)).toHaveLength(1)
  await expect(item).toHaveCount(1)
})
