/**
 * Setting up a server: a new profile with AK/SK, Test connection shows the certificate, Trust pins
 * it, the server's campaign list is loaded and a campaign picked: its tasks appear. A wrong SK
 * shows the authentication message. Server setup in one pass (issue 9): Test connection signs a
 * request so a wrong SK is reported before saving, the campaign list is loaded and picked before
 * saving, the new server opens on its first campaign, and the demo closes from the sidebar.
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

test('Test connection reports a wrong SK before saving, and a right one as connected', async ({
  appPage: page,
  app,
}) => {
  const sim = await app.startSimulator({
    campaigns: [
      { id: '4001', name: 'Spring Renewal Offers', taskCount: 5, seed: 41 },
      { id: '4002', name: 'Card Activation', taskCount: 5, seed: 42 },
    ],
  })
  await page.getByTestId('empty-add-server').click()
  const dialog = page.getByTestId('profile-dialog')
  await fillProfile(dialog, sim, { name: 'Checked first', sk: `${sim.sk.slice(0, -4)}XXXX` })

  // Self-signed: the test stops at the certificate until it is trusted; nothing is signed.
  await dialog.getByTestId('profile-test-connection').click()
  const outcome = dialog.getByTestId('profile-test-outcome')
  await expect(outcome).toHaveAttribute('data-verdict', 'untrusted')
  expect(sim.stats.byRoute.campaigns).toBe(0)
  // Trusting finishes the test: the signed request is refused.
  await dialog.getByTestId('cert-trust').click()
  await expect(outcome).toHaveAttribute('data-verdict', 'wrongKey')
  await expect(outcome).toContainText('Wrong AK or SK')
  await expect(dialog.getByTestId('cert-card')).toBeVisible()
  expect(sim.stats.authFailures).not.toEqual({})
  await saveScreenshot(page, 'profile-test-wrong-sk')

  await dialog.getByTestId('profile-sk').locator('input').fill(sim.sk)
  // The verdict was about the wrong SK: it goes as soon as the SK changes.
  await expect(outcome).toBeHidden()
  await dialog.getByTestId('profile-test-connection').click()
  await expect(outcome).toHaveAttribute('data-verdict', 'ok')
  await expect(outcome).toContainText('Campaigns for this VDN: 2')

  // A VDN the server does not have is named as such.
  await dialog.getByTestId('profile-vdn').locator('input').fill('77')
  await dialog.getByTestId('profile-test-connection').click()
  await expect(outcome).toHaveAttribute('data-verdict', 'wrongVdn')

  // Nothing was saved by testing.
  await dialog.getByTestId('profile-cancel').click()
  await expect(page.getByTestId('profile-item')).toHaveCount(0)
})

test('the campaign list is loaded and picked before saving; the new server opens on its first campaign', async ({
  appPage: page,
  app,
}) => {
  const sim = await app.startSimulator({
    campaigns: [
      { id: '5001', name: 'Spring Renewal Offers', taskCount: 12, seed: 51 },
      { id: '5002', name: 'Card Activation', taskCount: 8, seed: 52 },
    ],
  })
  // Another campaign is open already (the demo's).
  await page.getByTestId('empty-open-demo').click()
  await expect(page.getByTestId('campaign-item').first()).toHaveAttribute('aria-current', 'true')

  await page.getByTestId('profile-add').click()
  const dialog = page.getByTestId('profile-dialog')
  const load = dialog.getByTestId('campaign-picker-load')
  await expect(load).toBeDisabled()
  await fillProfile(dialog, sim, { name: 'Picked before saving', sk: sim.sk })
  await dialog.getByTestId('profile-test-connection').click()
  await dialog.getByTestId('cert-trust').click()
  await expect(dialog.getByTestId('profile-test-outcome')).toHaveAttribute('data-verdict', 'ok')

  await expect(load).toBeEnabled()
  await load.click()
  const select = dialog.getByTestId('campaign-picker-select')
  await select.click()
  await page.locator('.n-base-select-option', { hasText: 'Card Activation (5002)' }).click()
  await select.click()
  await page.locator('.n-base-select-option', { hasText: 'Spring Renewal Offers (5001)' }).click()
  const rows = dialog.getByTestId('profile-campaign-row')
  await expect(rows).toHaveCount(2)
  await expect(rows.first()).toHaveAttribute('data-campaign-id', '5002')
  await dialog.getByTestId('profile-save').click()
  await expect(dialog).toBeHidden()

  const first = page.locator('[data-testid="campaign-item"][data-campaign-id="5002"]')
  await expect(first).toHaveAttribute('aria-current', 'true')
  await expect(page.getByTestId('header-title')).toHaveText('Card Activation')
  const expected = simTasks(sim, '5002')
  await expectCount(page, expected.length, expected.length)
})

test('the demo closes from the sidebar: its server stops and its profile goes', async ({
  appPage: page,
  app,
}) => {
  await page.getByTestId('empty-open-demo').click()
  await expect(page.getByTestId('campaign-item').first()).toHaveAttribute('aria-current', 'true')
  const demoUrl =
    app.mode === 'browser'
      ? (await app.call('profiles:list', {})).find((p) => p.demo)?.serverUrl
      : undefined

  await page.getByTestId('demo-close').click()
  await page.getByTestId('demo-close-confirm').click()
  await expect(page.getByTestId('toast-demo-closed')).toBeVisible()
  await expect(page.getByTestId('profile-item')).toHaveCount(0)
  await expect(page.getByTestId('empty-no-profiles')).toBeVisible()
  if (demoUrl) {
    expect(await app.call('profiles:list', {})).toEqual([])
    // Nothing listens on the demo's address any more.
    await expect(app.call('tls:probe', { serverUrl: demoUrl })).rejects.toThrow()
  }
})

test('changing a saved server’s address without the SK is refused, with the reason beside the SK field', async ({
  appPage: page,
  app,
}) => {
  const sim = await app.startSimulator({
    campaigns: [{ id: '6001', name: 'Bound key campaign', taskCount: 5, seed: 6 }],
  })
  await page.getByTestId('empty-add-server').click()
  const dialog = page.getByTestId('profile-dialog')
  await fillProfile(dialog, sim, { name: 'Bound key', sk: sim.sk })
  await dialog.getByTestId('profile-test-connection').click()
  await dialog.getByTestId('cert-trust').click()
  await dialog.getByTestId('profile-save').click()
  await expect(dialog).toBeHidden()

  await page.getByTestId('profile-edit').click()
  const other = 'https://127.0.0.1:9'
  await dialog.getByTestId('profile-url').locator('input').fill(other)
  const skField = dialog.getByTestId('profile-sk-item')
  const sentence =
    'The address, AK or certificate trust changed: enter the SK again to save. The stored SK stays with the settings it was given for.'
  // Said before saving, and the save does not go through without the SK.
  await expect(skField).toContainText(sentence)
  await dialog.getByTestId('profile-save').click()
  await expect(dialog.getByTestId('profile-invalid')).toBeVisible()
  await expect(skField).toContainText(sentence)
  await expect(dialog).toBeVisible()
  await dialog.getByTestId('profile-url').locator('input').fill(sim.url)
  await expect(skField).not.toContainText(sentence)

  if (app.mode === 'browser') {
    // Main has the last word: a window that sends the change anyway is refused, key unchanged.
    const [saved] = await app.call('profiles:list', {})
    const { hasSecret: _has, secretStorage: _where, demo: _demo, ...profile } = saved!
    await expect(
      app.call('profiles:save', { profile: { ...profile, serverUrl: other } }),
    ).rejects.toThrow(/Enter the SK again to save these settings/)
    const [after] = await app.call('profiles:list', {})
    expect(after).toMatchObject({ serverUrl: sim.url, secretStorage: 'keychain' })
  }
})
