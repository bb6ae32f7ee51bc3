/**
 * The task table as a data grid (issue 14): one tab stop, arrow and page keys move the focused
 * cell, a header sorts from the keyboard and says so in aria-sort, Enter opens the drawer, the
 * live region says the row count and the sort, and axe-core finds no WCAG 2.1 A/AA violation in it.
 */
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from './fixtures'
import { simTasks, sortTasks } from './support/sim-data'
import {
  columnHeader,
  connectServer,
  expectCount,
  expectTopRows,
  motionSettled,
  openCampaign,
  sortShown,
} from './support/ui'

const CAMPAIGN = { id: '5401', name: 'Grid campaign', taskCount: 120, seed: 41, withBlackNum: true }

test('the task grid is one tab stop driven by the keyboard: move, sort, open, announce', async ({
  appPage: page,
  app,
}) => {
  const sim = await app.startSimulator({ campaigns: [CAMPAIGN] })
  const all = simTasks(sim, CAMPAIGN.id)
  await connectServer(page, app, sim)
  await openCampaign(page, CAMPAIGN.id)
  await expectCount(page, all.length, all.length)
  const grid = page.getByTestId('task-table')
  await expect(grid).toHaveAttribute('role', 'grid')
  await expect(grid).toHaveAttribute('aria-rowcount', String(all.length + 1))

  // One tab stop: Tab from the element before the grid lands in it, the next Tab leaves it.
  await expect(grid.locator('[tabindex="0"]')).toHaveCount(1)
  const stop = grid.locator('[tabindex="0"]')
  await stop.focus()
  await expect(stop).toBeFocused()
  const focusedRow = async () =>
    Number(await grid.locator('[role=row]:has(:focus)').getAttribute('aria-rowindex'))
  expect(await focusedRow()).toBe(2)

  // Arrow and page keys move the focus; the focused row is on screen.
  await page.keyboard.press('ArrowDown')
  expect(await focusedRow()).toBe(3)
  await page.keyboard.press('PageDown')
  const afterPage = await focusedRow()
  expect(afterPage).toBeGreaterThan(8)
  await expect(page.locator(':focus')).toBeInViewport()
  await page.keyboard.press('Control+End')
  expect(await focusedRow()).toBe(all.length + 1)
  await expect(page.locator(':focus')).toBeInViewport()
  await page.keyboard.press('Control+Home')
  expect(await focusedRow()).toBe(2)

  // Up to the header, right to "Failed", Enter sorts (largest first), Space the other way.
  await page.keyboard.press('ArrowUp')
  const failed = columnHeader(page, 'failNum')
  const keys = await grid
    .locator('[role=columnheader]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-col-key')))
  for (let i = 0; i < keys.indexOf('failNum'); i++) await page.keyboard.press('ArrowRight')
  await expect(failed.getByRole('button')).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(failed).toHaveAttribute('aria-sort', 'descending')
  expect(await sortShown(failed)).toBe('descend')
  await expectTopRows(page, sortTasks(all, 'failNum', 'descend'))
  await expect(page.getByTestId('task-table-status')).toHaveText(
    /^Sorted by Failed, descending\u200b?$/,
  )
  await page.keyboard.press(' ')
  await expect(failed).toHaveAttribute('aria-sort', 'ascending')
  await expectTopRows(page, sortTasks(all, 'failNum', 'ascend'))

  // Down into the rows and Enter: the drawer opens on that task.
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('ArrowDown')
  const second = sortTasks(all, 'failNum', 'ascend')[1]!
  await page.keyboard.press('Enter')
  const drawer = page.getByTestId('task-drawer')
  await expect(drawer).toBeVisible()
  await expect(drawer.getByTestId('drawer-id')).toContainText(second.id)
  await page.keyboard.press('Escape')
  await expect(drawer).toBeHidden()

  // The live region says the row count after a filter.
  await page.getByTestId('filter-only-failed').click()
  const withFailures = all.filter((t) => t.failNum > 0 || t.status === '3')
  await expectCount(page, withFailures.length, all.length)
  await expect(page.getByTestId('task-table-status')).toHaveText(
    new RegExp(`^${withFailures.length} tasks? shown\u200b?$`),
  )
})

test('axe-core finds no WCAG 2.1 A/AA violation in the task grid', async ({
  appPage: page,
  app,
}) => {
  const sim = await app.startSimulator({ campaigns: [CAMPAIGN] })
  await connectServer(page, app, sim)
  await openCampaign(page, CAMPAIGN.id)
  await expect(page.getByTestId('task-row').first()).toBeVisible()
  // With a cell focused and its tooltip shown, as a keyboard user sees it.
  await page.getByTestId('task-table').locator('[tabindex="0"]').focus()
  await motionSettled(page)
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .include('[data-testid=task-table]')
    .analyze()
  const found = result.violations.map((v) => ({
    id: v.id,
    nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
  }))
  // Every rule, colour contrast included (the theme's overrides, naive-config.ts).
  expect(found).toEqual([])
})
