/**
 * The window by keyboard alone (issue 14): the skip link and the landmarks keep sidebar, filters
 * and header a few Tab stops apart; the selects and the date range are operated and announced
 * as comboboxes and named inputs; the drawer and every dialog close with Escape and give focus
 * back where it was; an export started from the keyboard puts focus on its toast's "Show in
 * folder" (and the toast is read out through a live region). The task table's own keys are the
 * grid's (its spec); here the drawer is opened by a click on a row.
 */
import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { simTasks } from './support/sim-data'
import { connectServer, expectCount, openCampaign } from './support/ui'

// A busy machine (the suite runs two workers beside the build) needs room; nothing here sleeps.
test.describe.configure({ timeout: 180_000 })

const CAMPAIGN = { id: '9501', name: 'Keyboard campaign', taskCount: 40, seed: 95, inProgress: 0 }

/** Presses Tab until `target` has focus; returns how many presses it took (fails past `max`). */
async function tabTo(page: Page, target: Locator, max: number, key = 'Tab'): Promise<number> {
  for (let n = 1; n <= max; n++) {
    await page.keyboard.press(key)
    if (await target.evaluate((el) => el.ownerDocument.activeElement === el)) return n
  }
  throw new Error(`${String(target)} not reached in ${max} presses of ${key}`)
}

/** The accessible role/name attributes of the focused element. */
function focused(page: Page): Locator {
  return page.locator(':focus')
}

test('Open the demo by keyboard: the first stop is the skip link, and focus then lands on the campaign heading', async ({
  appPage: page,
}) => {
  await expect(page.getByTestId('empty-no-profiles')).toBeVisible()
  await page.keyboard.press('Tab')
  await expect(page.getByTestId('skip-link')).toBeFocused()
  await expect(page.getByTestId('skip-link')).toHaveText('Skip to tasks')

  await tabTo(page, page.getByTestId('empty-open-demo'), 12)
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('profile-item')).toHaveCount(1, { timeout: 90_000 })
  // Not the page body: the heading of the campaign now on screen.
  await expect(page.getByTestId('header-title')).toBeFocused({ timeout: 90_000 })
})

test('sidebar, filters and header are a few Tab stops apart; status and search filter by keyboard', async ({
  appPage: page,
  app,
}) => {
  const sim = await app.startSimulator({ campaigns: [CAMPAIGN] })
  await connectServer(page, app, sim)
  await openCampaign(page, CAMPAIGN.id)
  const all = simTasks(sim, CAMPAIGN.id)
  await expectCount(page, all.length, all.length)

  // From the top: the skip link, then the sidebar's campaigns, then the header's actions.
  await page.getByTestId('skip-link').focus()
  const toCampaign = await tabTo(page, page.getByTestId('campaign-item'), 8)
  const toRefresh = await tabTo(page, page.getByTestId('refresh-button'), 10)
  expect(toCampaign + toRefresh).toBeLessThanOrEqual(16)

  // The skip link: Enter, and the next stop is the first filter.
  await page.getByTestId('skip-link').focus()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('campaign-view')).toBeFocused()
  await page.keyboard.press('Tab')
  const status = focused(page)
  await expect(status).toHaveAttribute('role', 'combobox')
  await expect(status).toHaveAccessibleName('Status')
  await expect(status).toHaveAttribute('aria-expanded', 'false')

  // Open the menu, move to "Import failed" (the 4th status), pick it, leave by Tab.
  await page.keyboard.press('ArrowDown')
  await expect(status).toHaveAttribute('aria-expanded', 'true')
  const menuId = await status.getAttribute('aria-controls')
  await expect(page.locator(`[id="${menuId}"]`)).toBeVisible()
  for (let k = 0; k < 3; k++) await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Enter')
  const failed = all.filter((t) => t.status === '3')
  await expectCount(page, failed.length, all.length)
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('filter-status')).not.toContainText('Preparing')

  // Search from its shortcut: one task by its id.
  const one = failed[0] ?? all[0]!
  await page.keyboard.press('Control+f')
  await expect(page.getByTestId('filter-search').locator('input')).toBeFocused()
  await page.keyboard.type(one.id)
  await expectCount(page, 1, all.length)
})

test('the begin-time range by keyboard: its menu, then both inputs as named tab stops, Escape closes', async ({
  appPage: page,
  app,
}) => {
  const sim = await app.startSimulator({ campaigns: [CAMPAIGN] })
  await connectServer(page, app, sim)
  await openCampaign(page, CAMPAIGN.id)
  // The default window is narrower than 1720 px: the range sits in the "Begin time" menu.
  const begin = page.getByTestId('filter-begin')
  await begin.focus()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('filter-preset-custom')).toBeVisible()
  // Four presets, then "Custom range…".
  for (let k = 0; k < 5; k++) await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Enter')
  await expect(page.locator('.n-date-panel')).toBeVisible()
  await expect(focused(page)).toHaveAccessibleName('Begin time from')
  await page.keyboard.press('Tab')
  await expect(focused(page)).toHaveAccessibleName('Begin time to')
  await page.keyboard.press('Escape')
  await expect(page.locator('.n-date-panel')).toHaveCount(0)
})

test('the drawer and every dialog close with Escape and give focus back where it was', async ({
  appPage: page,
  app,
}) => {
  const sim = await app.startSimulator({ campaigns: [CAMPAIGN] })
  await connectServer(page, app, sim)
  await openCampaign(page, CAMPAIGN.id)
  await expectCount(page, CAMPAIGN.taskCount, CAMPAIGN.taskCount)

  // The drawer, opened by a click on a row (the grid's own keys are its spec's).
  const row = page.getByTestId('task-row').first()
  await row.click()
  const drawer = page.getByTestId('task-drawer')
  await expect(drawer).toBeVisible()
  await expect(drawer).toHaveAccessibleName(/^Task /)
  await expect(drawer.locator(':focus')).toHaveCount(1)
  await page.keyboard.press('Escape')
  await expect(drawer).toBeHidden()
  // Back on the grid's focused cell, in the row that opened it.
  await expect(row.locator(':focus')).toHaveCount(1)

  const dialogs = [
    { opener: 'open-settings', dialog: 'settings-dialog', name: 'Settings' },
    { opener: 'profile-edit', dialog: 'profile-dialog', name: 'Edit E2E server' },
    { opener: 'profile-add', dialog: 'profile-dialog', name: 'Add a server' },
    { opener: 'open-alerts', dialog: 'alerts-panel', name: 'Today’s alerts' },
  ]
  for (const d of dialogs) {
    const opener = page.getByTestId(d.opener)
    await opener.focus()
    await page.keyboard.press('Enter')
    // (The alerts drawer's id is on its content, inside the element that is the dialog.)
    const box = page
      .getByRole('dialog')
      .filter({ has: page.getByTestId(d.dialog) })
      .or(page.getByTestId(d.dialog).and(page.getByRole('dialog')))
    await expect(box, d.opener).toBeVisible()
    await expect(box, d.opener).toHaveAccessibleName(d.name)
    await expect(box.locator(':focus'), `focus inside after ${d.opener}`).toHaveCount(1)
    await page.keyboard.press('Escape')
    await expect(box, d.opener).toBeHidden()
    await expect(opener, `focus back on ${d.opener}`).toBeFocused()
  }
})

test('export by keyboard: the toast is read out and its "Show in folder" takes focus, then gives it back', async ({
  appPage: page,
  app,
}) => {
  const sim = await app.startSimulator({ campaigns: [CAMPAIGN] })
  await connectServer(page, app, sim)
  await openCampaign(page, CAMPAIGN.id)
  await expectCount(page, CAMPAIGN.taskCount, CAMPAIGN.taskCount)

  const exportButton = page.getByTestId('export-view')
  await exportButton.focus()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('toast-exported')).toHaveText(
    `Exported ${CAMPAIGN.taskCount} tasks`,
  )
  await expect(page.getByTestId('toast-live-polite')).toContainText(
    `Exported ${CAMPAIGN.taskCount} tasks`,
  )
  const show = page.getByTestId('toast-show-in-folder')
  await expect(show).toBeFocused()
  await page.keyboard.press('Enter')
  await expect.poll(() => app.shownInFolder).toEqual([app.saves[0]!.path])
  await expect(exportButton).toBeFocused()
  await expect(show).toHaveCount(0) // that toast has left (its exit animation included)

  // Ctrl+E from the table: the same, and Escape dismisses the toast with focus back.
  const cell = page.getByTestId('task-table').locator('[tabindex="0"]')
  await cell.focus()
  await page.keyboard.press('Control+e')
  await expect(page.getByTestId('toast-show-in-folder')).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('toast-show-in-folder')).toHaveCount(0)
  await expect(cell).toBeFocused()
})

test('a toast raised by a click does not take focus; an error toast is read out assertively', async ({
  appPage: page,
  app,
}) => {
  const sim = await app.startSimulator({ campaigns: [CAMPAIGN] })
  await connectServer(page, app, sim)
  await openCampaign(page, CAMPAIGN.id)
  await expectCount(page, CAMPAIGN.taskCount, CAMPAIGN.taskCount)
  await page.getByTestId('export-view').click()
  await expect(page.getByTestId('toast-show-in-folder')).toBeVisible()
  await expect(page.getByTestId('toast-show-in-folder')).not.toBeFocused()
  await expect(page.getByTestId('toast-live-assertive')).toHaveAttribute('role', 'alert')
  await expect(page.getByTestId('toast-live-polite')).toHaveAttribute('role', 'status')
})
