/**
 * The window at the sizes supervisors use: at 1024 × 700 the columns that matter (status, begin,
 * failed, error message) are on screen with no sideways scroll, the filters keep one row, a long
 * campaign name ends in an ellipsis and the sidebar folds away from the keyboard (and stays so);
 * at 1280 a long error message keeps its row one line high and is whole in the shared tooltip.
 */
import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { saveScreenshot } from './support/screenshots'
import { connectServer, openCampaign, search } from './support/ui'

const NAME =
  'Outbound campaign for overdue consumer-loan reminders, southern region, second quarter'
const CAMPAIGN = { id: '5101', name: NAME, taskCount: 160, seed: 33, withBlackNum: true }
const LONG_ERROR =
  'File format error: column 7 (customer phone number) holds 14 digits in row 3,482; each number must have 11 digits and no spaces, dashes or a country prefix'

async function setUp(page: Page, app: Parameters<typeof connectServer>[1]) {
  const sim = await app.startSimulator({ campaigns: [{ ...CAMPAIGN, inProgress: 2 }] })
  sim.addTask(CAMPAIGN.id, {
    status: '3',
    errMsg: LONG_ERROR,
    beginTime: new Date(Date.now() - 60_000).toISOString(),
    endTime: new Date().toISOString(),
  })
  await connectServer(page, app, sim)
  await openCampaign(page, CAMPAIGN.id)
  await expect(page.getByTestId('task-row').first()).toBeVisible()
}

/** The table's header cell of a column (the grid marks each with its key). */
const header = (page: Page, key: string): Locator =>
  page.getByTestId('task-table').locator(`[role=columnheader][data-col-key="${key}"]`)

async function expectOnScreen(page: Page, keys: string[]): Promise<void> {
  const width = page.viewportSize()!.width
  for (const key of keys) {
    const box = await header(page, key).boundingBox()
    expect(box, `column ${key}`).not.toBeNull()
    expect(box!.x, `column ${key} starts on screen`).toBeGreaterThanOrEqual(0)
    expect(box!.x + box!.width, `column ${key} ends on screen`).toBeLessThanOrEqual(width)
  }
}

/** Scrolling boxes under `root` whose content is wider than they are (none: no sideways scroll). */
function sidewaysScrollers(root: Locator): Promise<string[]> {
  return root.evaluate((target) => {
    // (e2e/ is typechecked without the DOM library: the little of it used here.)
    interface Box {
      scrollWidth: number
      clientWidth: number
      className: unknown
      querySelectorAll(selector: string): ArrayLike<Box>
    }
    type Styles = { getComputedStyle(e: unknown): { overflowX: string } }
    const overflowX = (b: Box) => (globalThis as unknown as Styles).getComputedStyle(b).overflowX
    const el = target as unknown as Box
    return [el, ...Array.from(el.querySelectorAll('*'))]
      .filter((b) => ['auto', 'scroll'].includes(overflowX(b)))
      .filter((b) => b.scrollWidth > b.clientWidth + 1)
      .map((b) => `${String(b.className)}: ${b.scrollWidth} > ${b.clientWidth}`)
  })
}

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  expect(await sidewaysScrollers(page.getByTestId('task-table'))).toEqual([])
}

/** Every control of the filter bar sits on one line, and the bar is one control high. */
async function expectFiltersOnOneRow(page: Page): Promise<void> {
  const bar = page.getByTestId('filter-bar')
  const tops = await bar.evaluate((el) =>
    [...el.children].map((c) => {
      // A wrapper with no box of its own (.a11y-host, display: contents): what it holds.
      const view = c.ownerDocument.defaultView!
      const box = view.getComputedStyle(c).display === 'contents' ? (c.firstElementChild ?? c) : c
      const r = box.getBoundingClientRect()
      return r.top + r.height / 2
    }),
  )
  expect(Math.max(...tops) - Math.min(...tops)).toBeLessThan(8)
  expect((await bar.boundingBox())!.height).toBeLessThanOrEqual(36)
}

test('at 1024 × 700 status, begin, failed and error stay on screen, filters keep one row, the sidebar folds by keyboard', async ({
  appPage: page,
  app,
}) => {
  await page.setViewportSize({ width: 1024, height: 700 })
  await setUp(page, app)

  const essentials = ['status', 'beginAt', 'failNum', 'errMsg']
  await expectOnScreen(page, essentials)
  await expectNoSidewaysScroll(page)
  await expectFiltersOnOneRow(page)
  // The long campaign name keeps to one line, cut with an ellipsis, whole in its tooltip.
  const title = page.getByTestId('header-title')
  await expect(title).toHaveAttribute('title', NAME)
  const t = await title.evaluate((el) => ({
    h: el.clientHeight,
    cut: el.scrollWidth > el.clientWidth,
  }))
  expect(t.cut).toBe(true)
  expect(t.h).toBeLessThan(30)
  // The id gave way to the columns that matter; the drawer still has it.
  await expect(header(page, 'id')).toHaveCount(0)
  await saveScreenshot(page, 'narrow-window')

  // The begin-time presets live in the "Begin time" menu, whose button then names the range;
  // "Failed today" sets a range too, and the filters still keep one row.
  const begin = page.getByTestId('filter-begin')
  await begin.click()
  await page.getByTestId('filter-preset-last7Days').click()
  await expect(begin).toHaveText(/Last 7 days/)
  await begin.click()
  await expect(page.getByTestId('filter-preset-last7Days')).toHaveAttribute('aria-pressed', 'true')
  await page.getByTestId('filter-range-clear').click()
  await expect(begin).toHaveText(/Begin time/)
  await page.getByTestId('filter-failed-today').click()
  await expect(begin).toHaveText(/Today/)
  await expectFiltersOnOneRow(page)
  await page.getByTestId('filter-clear').click()

  // The sidebar folds away and back from the keyboard; its button says what it does.
  const toggle = page.getByTestId('sidebar-toggle')
  await expect(toggle).toHaveAccessibleName('Hide the sidebar')
  await toggle.focus()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('sidebar')).toBeHidden()
  await expect(toggle).toHaveAttribute('aria-expanded', 'false')
  await expect(toggle).toHaveAccessibleName('Show the sidebar')
  // The width it gave goes to the table: the id column is back, the essentials still on screen.
  await expect(header(page, 'id')).toHaveCount(1)
  await expectOnScreen(page, essentials)
  await expectNoSidewaysScroll(page)
  await expectFiltersOnOneRow(page)

  // Remembered: the window opens again with the sidebar folded.
  await page.reload()
  await expect(page.getByTestId('sidebar-toggle')).toHaveAttribute('aria-expanded', 'false')
  await expect(page.getByTestId('sidebar')).toBeHidden()

  await page.getByTestId('sidebar-toggle').focus()
  await page.keyboard.press(' ')
  await expect(page.getByTestId('sidebar')).toBeVisible()
  await expect(page.getByTestId('sidebar-toggle')).toHaveAttribute('aria-expanded', 'true')

  // The overview at this size: which campaign, its health and today's failures, no sideways scroll.
  await page.getByTestId('nav-overview').click()
  const overview = page.getByTestId('overview-table')
  await expect(overview.getByTestId('overview-row')).toHaveCount(1)
  for (const key of ['health', 'campaign', 'failedToday']) {
    const box = await overview.locator(`[role=columnheader][data-col-key="${key}"]`).boundingBox()
    expect(box, `overview column ${key}`).not.toBeNull()
    expect(box!.x + box!.width, `overview column ${key} ends on screen`).toBeLessThanOrEqual(1024)
  }
  expect(await sidewaysScrollers(overview)).toEqual([])
})

test('at 1280 a long error message keeps its row one line high and is whole in the shared tooltip', async ({
  appPage: page,
  app,
}) => {
  await setUp(page, app)
  await search(page, 'customer phone number')
  const cell = page.getByTestId('task-errMsg')
  await expect(cell).toHaveCount(1)
  await expect(cell).toHaveText(LONG_ERROR)
  // Cut with an ellipsis on one line (every row has the grid's fixed height) ...
  const fit = await cell.evaluate((el) => ({
    cut: el.scrollWidth > el.clientWidth,
    oneLine: el.clientHeight < 24,
  }))
  expect(fit).toEqual({ cut: true, oneLine: true })
  // ... and whole in the one shared tooltip, by mouse and by keyboard focus.
  const tip = page.getByTestId('task-table-tooltip')
  await cell.hover()
  await expect(tip).toHaveText(LONG_ERROR)
  await page.mouse.move(0, 0)
  await expect(tip).toHaveCount(0)
  const gridCell = page.getByRole('gridcell').filter({ has: cell })
  await gridCell.focus()
  await expect(tip).toHaveText(LONG_ERROR)
  await expect(gridCell).toHaveAttribute('aria-describedby', (await tip.getAttribute('id'))!)
  await expectOnScreen(page, ['status', 'beginAt', 'failNum', 'errMsg'])
})
