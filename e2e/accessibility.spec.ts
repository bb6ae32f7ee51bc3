/**
 * The standing accessibility check (issue 14): axe-core with the WCAG 2.0/2.1 A and AA rules finds
 * nothing in any state of the window — first start, overview with its triage, alerts list, task
 * table, the filters with their menus open, the cause filter, the task drawer, every dialog, an
 * error panel, the offline banner — in English light, English dark and Chinese. One page per
 * variant walks through the states (a fresh page per state would triple the run time); the
 * failure message lists every violation: state, rule, impact, the elements and axe's help.
 */
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { formatSimTime } from '../src/main/simulator/sim-time'
import { expect, test, type AppControls } from './fixtures'
import { connectServer, motionSettled, openBeginRangePicker, openCampaign } from './support/ui'

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

const MENU = '.n-base-select-menu'
const FILTERS = '[data-testid=filter-bar]'
const SETTINGS = '[data-testid=settings-dialog]'

const CAMPAIGN = { id: '9401', name: 'Audit campaign', taskCount: 60, seed: 94, inProgress: 1 }
const OTHER = { id: '9402', name: 'Pinned elsewhere', taskCount: 5, seed: 95 }

interface Found {
  state: string
  rule: string
  impact: string
  targets: string[]
  help: string
}

/**
 * Runs axe in one state: on the whole window, or (`only`) on what the state opened and where it
 * was opened from — a menu or dialog over a window audited just before (axe over the whole
 * window takes seconds on a busy machine). Menus and dialogs are teleported to <body>.
 */
async function audit(page: Page, state: string, found: Found[], only?: string[]): Promise<void> {
  await motionSettled(page)
  let builder = new AxeBuilder({ page }).withTags(TAGS)
  for (const selector of only ?? []) builder = builder.include(selector)
  const result = await builder.analyze()
  for (const v of result.violations) {
    found.push({
      state,
      rule: v.id,
      impact: v.impact ?? 'unknown',
      targets: v.nodes.map((n) => n.target.join(' ')),
      help: `${v.help} (${v.helpUrl})`,
    })
  }
}

function report(found: readonly Found[]): string {
  return found
    .map(
      (f) =>
        `[${f.state}] ${f.rule} (${f.impact}): ${f.help}\n` +
        f.targets.map((t) => `    ${t}`).join('\n'),
    )
    .join('\n')
}

/** A window in this variant's language, walked through every state, audited at each. */
async function walk(page: Page, app: AppControls): Promise<Found[]> {
  const found: Found[] = []
  await expect(page.getByTestId('empty-no-profiles')).toBeVisible()
  await audit(page, 'first start', found)

  // A campaign with an import stuck for 10 minutes (alert at 5) and one failed today (triage).
  await app.updateSettings({ stuckMinutes: 5 })
  const sim = await app.startSimulator({ campaigns: [CAMPAIGN] })
  const now = Math.floor(Date.now() / 1000) * 1000
  sim.addTask(CAMPAIGN.id, {
    status: '1',
    beginTime: formatSimTime(now - 10 * 60_000, 'iso'),
  })
  sim.addTask(CAMPAIGN.id, {
    status: '3',
    errMsg: 'Duplicate import task',
    failNum: 3,
    beginTime: formatSimTime(now - 60_000, 'iso'),
    endTime: formatSimTime(now - 30_000, 'iso'),
  })
  await connectServer(page, app, sim)
  await expect(page.getByTestId('overview')).toBeVisible()
  await expect(page.getByTestId('overview-row')).toHaveCount(1, { timeout: 15_000 })
  await expect(page.getByTestId('overview').getByTestId('triage-panel')).toBeVisible()
  await audit(page, 'overview with triage', found)

  // Alerts list (the stuck import's alert).
  await expect(page.getByTestId('alerts-badge')).toBeVisible({ timeout: 15_000 })
  await page.getByTestId('open-alerts').click()
  await expect(page.getByTestId('alerts-panel').getByTestId('alert-item')).not.toHaveCount(0)
  await audit(page, 'alerts list', found, ['.n-drawer'])
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('alerts-panel')).toBeHidden()

  // The campaign: table, summary, triage.
  await openCampaign(page, CAMPAIGN.id)
  await expect(page.getByTestId('task-row').first()).toBeVisible()
  await audit(page, 'task table', found)

  // Filters with their menus open.
  const status = page.getByTestId('filter-status')
  await status.click()
  await expect(page.locator('.n-base-select-menu:visible')).toBeVisible()
  await audit(page, 'status filter menu', found, [MENU, FILTERS])
  await page.keyboard.press('Escape')
  await expect(page.locator('.n-base-select-menu:visible')).toHaveCount(0)
  if (await page.getByTestId('filter-begin').isVisible()) {
    await page.getByTestId('filter-begin').click()
    await expect(page.getByTestId('filter-preset-custom')).toBeVisible()
    await audit(page, 'begin-time menu', found, ['.n-dropdown-menu', FILTERS])
    await page.keyboard.press('Escape')
    await expect(page.getByTestId('filter-preset-custom')).toBeHidden()
  }
  await openBeginRangePicker(page)
  await audit(page, 'begin-time date panel', found, ['.n-date-panel', FILTERS])
  await page.keyboard.press('Escape')
  await expect(page.locator('.n-date-panel')).toHaveCount(0)

  // Cause filter (from the campaign's triage panel).
  await page.getByTestId('triage-group-filter').first().click()
  await expect(page.getByTestId('filter-cause-chip')).toBeVisible()
  await audit(page, 'cause filter', found, [FILTERS, '[data-testid=triage-panel]'])
  await page.getByTestId('filter-cause-clear').click()
  await expect(page.getByTestId('filter-cause-chip')).toBeHidden()

  // The task drawer.
  await page.getByTestId('task-row').first().click()
  await expect(page.getByTestId('task-drawer')).toBeVisible()
  await audit(page, 'task drawer', found, ['.n-drawer'])
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('task-drawer')).toBeHidden()

  // Dialogs.
  await page.getByTestId('profile-edit').first().click()
  await expect(page.getByTestId('profile-dialog')).toBeVisible()
  await audit(page, 'profile dialog (edit)', found, ['[data-testid=profile-dialog]'])
  await page.getByTestId('profile-cancel').click()
  await expect(page.getByTestId('profile-dialog')).toBeHidden()

  await page.getByTestId('profile-add').click()
  await expect(page.getByTestId('profile-dialog')).toBeVisible()
  await audit(page, 'profile dialog (add)', found, ['[data-testid=profile-dialog]'])
  await page.getByTestId('profile-cancel').click()
  await expect(page.getByTestId('profile-dialog')).toBeHidden()

  await page.getByTestId('open-settings').click()
  const settings = page.getByTestId('settings-dialog')
  await expect(settings).toBeVisible()
  await audit(page, 'settings and alert settings', found, [SETTINGS])
  await settings.getByTestId('settings-theme').click()
  await expect(page.locator('.n-base-select-menu:visible')).toBeVisible()
  await audit(page, 'settings: theme menu', found, [MENU, SETTINGS])
  await page.keyboard.press('Escape')
  await settings.getByTestId('settings-close').click()
  await expect(settings).toBeHidden()

  // A server whose certificate changed: the error panel, then the trust dialog.
  const other = await app.startSimulator({ campaigns: [OTHER] })
  await app.call('profiles:save', {
    profile: {
      name: 'Changed certificate',
      serverUrl: other.url,
      vdnId: 1,
      ak: other.ak,
      signing: { timestampFormat: 'seconds', signedHeaders: ['host'] },
      tls: {
        mode: 'pin',
        fingerprint256: sim.fingerprint256,
        subject: 'CN=localhost, O=iSales Simulator',
        trustedAt: new Date().toISOString(),
      },
      campaigns: [{ id: OTHER.id, label: OTHER.name }],
    },
    secret: { sk: other.sk, sessionOnly: false },
  })
  await page.reload()
  await expect(page.getByTestId('profile-item')).toHaveCount(2)
  await openCampaign(page, OTHER.id)
  const panel = page.getByTestId('error-panel')
  await expect(panel).toHaveAttribute('data-error-code', 'cert-changed', { timeout: 15_000 })
  await audit(page, 'error panel (certificate changed)', found)
  await panel.getByTestId('error-action-trustNewCertificate').click()
  const trust = page.getByTestId('trust-dialog')
  await expect(trust.getByTestId('cert-card')).toBeVisible()
  await audit(page, 'certificate trust dialog', found, ['[data-testid=trust-dialog]'])
  await trust.getByTestId('trust-cancel').click()
  await expect(trust).toBeHidden()

  // The server goes away: the last good rows under the offline banner.
  await openCampaign(page, CAMPAIGN.id)
  await expect(page.getByTestId('task-row').first()).toBeVisible()
  await sim.close()
  await page.getByTestId('refresh-button').click()
  await expect(page.getByTestId('stale-banner')).toBeVisible({ timeout: 15_000 })
  await audit(page, 'offline banner', found)
  return found
}

const VARIANTS = [
  { name: 'English, light', locale: 'en-US', colorScheme: 'light' },
  { name: 'English, dark', locale: 'en-US', colorScheme: 'dark' },
  { name: 'Chinese', locale: 'zh-CN', colorScheme: 'light' },
] as const

for (const v of VARIANTS) {
  test.describe(v.name, () => {
    test.use({ locale: v.locale, colorScheme: v.colorScheme })

    test(`axe finds no WCAG 2.1 A/AA violation in any state of the window (${v.name})`, async ({
      appPage: page,
      app,
    }) => {
      test.setTimeout(300_000)
      const found = await walk(page, app)
      expect(found.length, `axe found violations:\n${report(found)}`).toBe(0)
    })
  })
}
