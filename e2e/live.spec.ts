/**
 * The monitor over time, against a live simulator, awaiting the window (no sleeps):
 * - auto-refresh (interval set to 5 s in Settings) picks up an import that finishes and raises
 *   its notification;
 * - the server goes down: stale banner over the cached rows; it comes back on the same port with
 *   the same certificate and keys: fresh data without a restart (after main's 5 s backoff);
 * - the server's certificate changes: requests blocked, both fingerprints shown; trusting the new
 *   one brings the data back.
 */
import type { Page } from '@playwright/test'
import type { Simulator } from '../src/main/simulator/server'
import { expect, test, type AppControls } from './fixtures'
import { saveScreenshot } from './support/screenshots'
import { simTasks, summarize } from './support/sim-data'
import {
  connectServer,
  expectCount,
  expectSummary,
  openCampaign,
  setRefreshInterval,
} from './support/ui'

const CAMPAIGN = { id: '7001', name: 'Live campaign', taskCount: 60, seed: 71, inProgress: 2 }

/** Auto-refresh every 5 s, a server with imports in progress, its campaign on screen. */
async function liveSetUp(page: Page, app: AppControls): Promise<Simulator> {
  await setRefreshInterval(page, 5)
  const sim = await app.startSimulator({ campaigns: [CAMPAIGN] })
  await connectServer(page, app, sim)
  await openCampaign(page, CAMPAIGN.id)
  await expectCount(page, CAMPAIGN.taskCount, CAMPAIGN.taskCount)
  return sim
}

const row = (page: Page, id: string) =>
  page.locator(`[data-testid="task-row"][data-task-id="${id}"]`)

test('auto-refresh picks up an import that finishes and raises a notification', async ({
  appPage: page,
  app,
}) => {
  const sim = await liveSetUp(page, app)
  await expect(page.getByTestId('refresh-countdown')).toHaveText(/^Next refresh in \d+ s$/)
  const importing = simTasks(sim, CAMPAIGN.id).find((t) => t.status === '1')!
  await expect(row(page, importing.id).getByTestId('task-status')).toHaveAttribute(
    'data-status',
    '1',
  )

  sim.setTaskStatus(CAMPAIGN.id, importing.id, '2')
  // The next automatic refresh (≤ 5 s away) shows it, without any click.
  await expect(row(page, importing.id).getByTestId('task-status')).toHaveAttribute(
    'data-status',
    '2',
    { timeout: 15_000 },
  )
  await expect(row(page, importing.id).getByTestId('task-status')).toHaveText('Imported')
  await expectSummary(page, summarize(simTasks(sim, CAMPAIGN.id)))
  // The native notification is recorded by the harness's desktop adapters.
  test.info().skip(app.mode !== 'browser', 'Notifications are recorded by the browser harness only')
  await expect
    .poll(() => app.notifications, { timeout: 5_000 })
    .toContainEqual({
      title: `Import finished: campaign ${CAMPAIGN.name} on server E2E server`,
      body: expect.stringMatching(/succeeded, .* failed$/),
    })
  expect(app.notifications).toHaveLength(1)
})

test('server down: stale banner over the cached rows; server back: fresh data, no restart', async ({
  appPage: page,
  app,
}) => {
  const sim = await liveSetUp(page, app)
  const before = simTasks(sim, CAMPAIGN.id)
  await sim.close()

  const banner = page.getByTestId('stale-banner')
  await expect(banner).toBeVisible({ timeout: 15_000 })
  await expect(banner.getByTestId('stale-banner-text')).toContainText(
    'the server could not be reached',
  )
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'offline')
  await expect(page.getByTestId('error-panel')).toHaveCount(0)
  // The header agrees with the banner: auto-refresh is paused, main's next attempt is shown.
  await expect(page.getByTestId('refresh-countdown')).toHaveCount(0)
  await expect(page.getByTestId('retry-countdown')).toHaveText(/^Retrying (in \d+ s|now…)$/)
  // The cached rows stay on screen.
  await expectCount(page, before.length, before.length)
  await expect(row(page, before[0]!.id)).toBeVisible()
  await saveScreenshot(page, 'offline-stale')

  // Back on the same port with the same certificate and keys, holding a task the old one had not.
  const back = await app.restartSimulator(sim)
  const added = back.addTask(CAMPAIGN.id, { status: '1', succNum: 10 })
  const fresh = simTasks(back, CAMPAIGN.id)
  await expect(banner).toBeHidden({ timeout: 20_000 })
  await expectCount(page, fresh.length, fresh.length)
  await expect(row(page, added.id)).toBeVisible()
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'online')
})

test('certificate changed: requests blocked with both fingerprints; re-trust brings the data back', async ({
  appPage: page,
  app,
}) => {
  const sim = await app.startSimulator({
    campaigns: [{ id: '7002', name: 'Pinned campaign', taskCount: 30, seed: 72 }],
  })
  await connectServer(page, app, sim)
  await openCampaign(page, '7002')
  await expectCount(page, 30, 30)
  const trusted = sim.fingerprint256
  const presented = await sim.rotateCertificate()
  expect(presented).not.toBe(trusted)

  // The new certificate applies to new connections: refresh until the pooled keep-alive
  // connection (verified against the old one) has gone and a new handshake meets the new one.
  const panel = page.getByTestId('error-panel')
  await expect(async () => {
    await page.getByTestId('refresh-button').click()
    await expect(panel).toHaveAttribute('data-error-code', 'cert-changed', { timeout: 2_000 })
  }).toPass({ timeout: 20_000 })
  await expect(panel).toContainText('certificate has changed')
  await expect(panel.getByTestId('error-expected-fingerprint')).toHaveText(trusted)
  await expect(panel.getByTestId('error-presented-fingerprint')).toHaveText(presented)
  // Blocked: a task added now is not read until the new certificate is trusted.
  const added = sim.addTask('7002', { status: '2', succNum: 5, endTime: new Date().toISOString() })
  await page.getByTestId('refresh-button').click()
  await expect(panel).toHaveAttribute('data-error-code', 'cert-changed')
  await expectCount(page, 30, 30)
  await expect(row(page, added.id)).toHaveCount(0)
  await saveScreenshot(page, 'certificate-changed')

  await panel.getByTestId('error-action-trustNewCertificate').click()
  const dialog = page.getByTestId('trust-dialog')
  await expect(dialog.getByTestId('cert-fingerprint')).toHaveText(presented)
  await expect(dialog.getByTestId('cert-compare')).toHaveText(
    'Same fingerprint as the certificate in the error.',
  )
  await dialog.getByTestId('cert-trust').click()
  await expect(dialog).toBeHidden()
  await expect(page.getByTestId('error-panel')).toHaveCount(0)
  await expectCount(page, 31, 31)
  await expect(row(page, added.id)).toBeVisible()
  if (app.mode === 'browser') {
    const [profile] = await app.call('profiles:list', {})
    expect(profile?.tls).toMatchObject({ mode: 'pin', fingerprint256: presented })
  }
})
