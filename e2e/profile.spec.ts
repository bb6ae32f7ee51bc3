/**
 * Setting up a server: a new profile with AK/SK, Test connection shows the certificate, Trust pins
 * it, the server's campaign list is loaded and a campaign picked: its tasks appear. A wrong SK
 * shows the authentication message.
 */
import { expect, test } from './fixtures'
import { saveScreenshot } from './support/screenshots'
import { simTasks, summarize } from './support/sim-data'
import { expectCount, expectSummary, expectTopRows, fillProfile } from './support/ui'

test('add a profile, test the connection, trust the certificate and see the tasks', async ({
  appPage: page,
  app,
}) => {
  const sim = await app.startSimulator({
    campaigns: [
      { id: '1001', name: 'Spring Renewal Offers', taskCount: 40, seed: 11 },
      { id: '1002', name: 'Card Activation', taskCount: 25, seed: 12, withBlackNum: true },
    ],
  })
  await expect(page.getByTestId('empty-no-profiles')).toBeVisible()
  await page.getByTestId('empty-add-server').click()
  const dialog = page.getByTestId('profile-dialog')
  await fillProfile(dialog, sim, { name: 'Shanghai call center', sk: sim.sk })

  await dialog.getByTestId('profile-test-connection').click()
  const card = dialog.getByTestId('cert-card')
  await expect(card.getByTestId('cert-fingerprint')).toHaveText(sim.fingerprint256)
  await expect(card.getByTestId('cert-subject')).toContainText('localhost')
  await expect(card.getByTestId('cert-chain')).toHaveAttribute('data-verified', 'false')
  await card.scrollIntoViewIfNeeded()
  await saveScreenshot(page, 'profile-test-connection')
  await card.getByTestId('cert-trust').click()
  await expect(dialog.getByTestId('profile-pin-info')).toContainText(sim.fingerprint256)
  await dialog.getByTestId('profile-save').click()
  await expect(dialog).toBeHidden()

  // No campaign watched yet: the main area offers the server's campaign list.
  const picker = page.getByTestId('empty-no-campaigns').getByTestId('campaign-picker')
  await picker.getByTestId('campaign-picker-load').click()
  await picker.getByTestId('campaign-picker-select').click()
  await page.locator('.n-base-select-option', { hasText: 'Card Activation (1002)' }).click()

  const item = page.locator('[data-testid="campaign-item"][data-campaign-id="1002"]')
  await expect(item).toHaveAttribute('aria-current', 'true')
  await expect(page.getByTestId('header-title')).toHaveText('Card Activation')
  const expected = simTasks(sim, '1002')
  await expectCount(page, expected.length, expected.length)
  await expectSummary(page, summarize(expected), { black: true })
  await expectTopRows(page, expected)
  await expect(page.getByTestId('profile-item')).toHaveAttribute('data-link', 'online')
  if (app.mode === 'browser') {
    const info = await app.call('app:info', {})
    // The SK went to the keychain (the real Secret Service under scripts/test-e2e.sh).
    expect(info.keychain.available).toBe(true)
    const [profile] = await app.call('profiles:list', {})
    expect(profile).toMatchObject({ secretStorage: 'keychain', tls: { mode: 'pin' } })
  }
})

test('a wrong SK shows the authentication message', async ({ appPage: page, app }) => {
  const sim = await app.startSimulator({
    campaigns: [{ id: '2001', name: 'Wrong key campaign', taskCount: 5, seed: 5 }],
  })
  await page.getByTestId('empty-add-server').click()
  const dialog = page.getByTestId('profile-dialog')
  await fillProfile(dialog, sim, { name: 'Wrong SK', sk: `${sim.sk.slice(0, -4)}XXXX` })
  await dialog.getByTestId('profile-test-connection').click()
  await dialog.getByTestId('cert-trust').click()
  await dialog.getByTestId('campaign-picker-id').locator('input').fill('2001')
  await dialog.getByTestId('campaign-picker-add').click()
  await dialog.getByTestId('profile-save').click()
  await expect(dialog).toBeHidden()

  const panel = page.getByTestId('error-panel')
  await expect(panel).toHaveAttribute('data-error-code', 'auth')
  await expect(panel).toContainText('Wrong AK/SK')
  await expect(panel).toContainText('Check the AK and SK in the server profile')
  await expect(panel.getByTestId('error-action-openProfile')).toBeVisible()
  await expect(page.getByTestId('empty-failed')).toBeVisible()
  await expect(page.getByTestId('profile-item')).toHaveAttribute('data-link', 'error')
  expect(sim.stats.authFailures).not.toEqual({})
  await saveScreenshot(page, 'error-wrong-sk')
})
