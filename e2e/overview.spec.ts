/**
 * The overview against the simulator: today's numbers of every campaign equal those computed from
 * the server's own data (sim-data.ts todayOf), a campaign watched by id only gets its name and
 * status from the server's campaign list, and "Failed today" opens the campaign with exactly
 * today's failed imports. Screenshots in English, Chinese and dark.
 */
import type { Locator, Page } from '@playwright/test'
import type { Simulator } from '../src/main/simulator/server'
import { expect, test, type AppControls } from './fixtures'
import { saveScreenshot } from './support/screenshots'
import { en, simTasks, sortTasks, todayOf } from './support/sim-data'
import { campaignItem, connectServer, expectCount, expectTopRows } from './support/ui'

const LOANS = { id: '6001', name: 'Spring loan renewals', taskCount: 60, seed: 61, inProgress: 2 }
const CARDS = {
  id: '6002',
  name: 'Credit card upgrade',
  taskCount: 40,
  seed: 62,
  status: 3 as const,
}
const QUIET = {
  id: '6003',
  name: 'Insurance cross-sell',
  taskCount: 12,
  seed: 63,
  status: 4 as const,
}

/** A maximised window: wide enough for every column in the README's pictures. */
const WIDE = { width: 2080, height: 560 }

const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 })

function row(page: Page, campaignId: string): Locator {
  return page.locator(`[data-testid="overview-row"][data-campaign-id="${campaignId}"]`)
}

/** A server whose campaigns had something happen today, whatever the hour. */
async function setUp(page: Page, app: AppControls, serverName = 'Shanghai contact center') {
  const sim = await app.startSimulator({ campaigns: [LOANS, CARDS, QUIET] })
  const now = Date.now()
  const iso = (ms: number) => new Date(ms).toISOString()
  sim.addTask(LOANS.id, {
    status: '3',
    beginTime: iso(now - 60_000),
    endTime: iso(now - 30_000),
    succNum: 30,
    failNum: 70,
    errMsg: 'Quota exceeded on the file server',
  })
  sim.addTask(LOANS.id, {
    status: '3',
    beginTime: iso(now - 50_000),
    endTime: iso(now - 20_000),
    failNum: 12,
    errMsg: 'Malformed row 12',
  })
  sim.addTask(CARDS.id, {
    status: '2',
    beginTime: iso(now - 40_000),
    endTime: iso(now - 10_000),
    succNum: 500,
    repeatNum: 20,
    failNum: 3,
  })
  // The cards campaign is watched by id only: its name comes from the server.
  await connectServer(page, app, sim, {
    name: serverName,
    campaigns: [
      { id: LOANS.id, label: LOANS.name },
      { id: CARDS.id, label: '' },
      { id: QUIET.id, label: QUIET.name },
    ],
  })
  await page.setViewportSize(WIDE)
  await expect(page.getByTestId('overview')).toBeVisible()
  // Every campaign checked once (the window reads them one after another at start-up).
  await expect(page.locator('[data-testid="overview-row"]:not([data-health="stale"])')).toHaveCount(
    3,
  )
  return sim
}

async function expectToday(page: Page, sim: Simulator, campaignId: string) {
  const want = todayOf(simTasks(sim, campaignId), Date.now())
  const r = row(page, campaignId)
  const cell = (key: string) => r.getByTestId(`overview-cell-${key}`)
  await expect(cell('preparing')).toHaveText(en(want.preparing))
  await expect(cell('importing')).toHaveText(en(want.importing))
  await expect(cell('failedToday')).toHaveText(en(want.failedToday))
  await expect(cell('importedToday')).toHaveText(en(want.importedToday))
  await expect(cell('succeeded')).toHaveText(en(want.succ))
  await expect(cell('duplicates')).toHaveText(en(want.repeat))
  await expect(cell('failed')).toHaveText(en(want.fail))
  await expect(cell('successRate')).toHaveText(want.rate === null ? '—' : percent.format(want.rate))
  return want
}

test("the overview's numbers for today equal the simulator's data", async ({
  appPage: page,
  app,
}) => {
  const sim = await setUp(page, app)
  await expect(page.getByTestId('header-title')).toHaveText('Overview')
  await expect(page.getByTestId('overview-row')).toHaveCount(3)

  const loans = await expectToday(page, sim, LOANS.id)
  expect(loans.failedToday).toBeGreaterThanOrEqual(2)
  await expectToday(page, sim, CARDS.id)
  await expectToday(page, sim, QUIET.id)

  // Health: failures today make a campaign failing, whatever else runs.
  await expect(row(page, LOANS.id)).toHaveAttribute('data-health', 'failing')
  await expect(campaignItem(page, LOANS.id)).toHaveAttribute('data-state', 'failing')
  await expect(page.getByTestId('nav-count-failing')).toContainText(/\d/)

  // Name and status from the server's campaign list.
  await expect(row(page, CARDS.id).getByTestId('overview-cell-campaign')).toHaveText(CARDS.name)
  await expect(row(page, CARDS.id).getByTestId('overview-cell-campaignStatus')).toHaveText(
    'Suspended',
  )
  await expect(campaignItem(page, CARDS.id)).toContainText(CARDS.name)
  await expect(row(page, QUIET.id).getByTestId('overview-cell-campaignStatus')).toHaveText(
    'Completed',
  )
  await expect(row(page, LOANS.id).getByTestId('overview-cell-lastCheckedAt')).not.toHaveText(
    'Not yet',
  )

  // Filters: by health, then by text.
  await page.getByTestId('overview-search').locator('input').fill('credit')
  await expect(page.getByTestId('overview-row')).toHaveCount(1)
  await expect(page.getByTestId('overview-count')).toHaveText('1 of 3 campaigns')
  await page.getByTestId('overview-filter-clear').click()
  await expect(page.getByTestId('overview-row')).toHaveCount(3)

  await saveScreenshot(page, 'overview')
})

test('"Failed today" on the overview opens the campaign with exactly today\'s failed imports', async ({
  appPage: page,
  app,
}) => {
  const sim = await setUp(page, app)
  const all = simTasks(sim, LOANS.id)
  const want = todayOf(all, Date.now())
  await row(page, LOANS.id).getByTestId('overview-failed-today').click()
  await expect(campaignItem(page, LOANS.id)).toHaveAttribute('aria-current', 'true')
  await expect(page.getByTestId('header-title')).toHaveText(LOANS.name)
  await expectCount(page, want.failed.length, all.length)
  await expectTopRows(page, sortTasks(want.failed))

  // And back: the sidebar leads to the overview; a click on a row opens its campaign unfiltered.
  await page.getByTestId('nav-overview').click()
  await expect(page.getByTestId('overview')).toBeVisible()
  await row(page, QUIET.id).click()
  await expect(campaignItem(page, QUIET.id)).toHaveAttribute('aria-current', 'true')
  const quiet = simTasks(sim, QUIET.id)
  await expectCount(page, quiet.length, quiet.length)
})

test('the overview by keyboard: one tab stop, arrows between cells, a header sorts, Enter opens or presses "Failed today"', async ({
  appPage: page,
  app,
}) => {
  const sim = await setUp(page, app)
  const grid = page.getByTestId('overview-table')
  const header = (key: string) => grid.locator(`[role=columnheader][data-col-key="${key}"]`)
  const focusedCell = () =>
    page.locator(':focus').evaluate((el) => {
      const cell = el.closest('[aria-colindex]')
      const row = cell?.closest('[aria-rowindex]')
      return {
        row: Number(row?.getAttribute('aria-rowindex')),
        col: Number(cell?.getAttribute('aria-colindex')),
        campaign: row?.getAttribute('data-campaign-id') ?? null,
      }
    })

  // Into the grid from the search box, onto its first cell: the grid is one tab stop.
  await page.getByTestId('overview-search').locator('input').focus()
  const stops = await grid.locator('[tabindex="0"]').count()
  expect(stops).toBe(1)
  // Past the triage panel's controls: Tab reaches the grid on its first cell.
  for (let n = 0; n < 15; n++) {
    await page.keyboard.press('Tab')
    if (await grid.evaluate((el) => el.contains(el.ownerDocument.activeElement))) break
  }
  await expect.poll(focusedCell).toMatchObject({ row: 2, col: 1 })

  // Up to the header and right to "Failed today": Enter sorts by it, most first.
  const cols = await grid
    .locator('[role=columnheader]')
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-col-key')))
  await page.keyboard.press('ArrowUp')
  for (let i = 0; i < cols.indexOf('failedToday'); i++) await page.keyboard.press('ArrowRight')
  await expect(header('failedToday').locator('button')).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(header('failedToday')).toHaveAttribute('aria-sort', 'descending')
  await expect(page.getByTestId('overview-table-status')).toHaveText(
    /Sorted by Failed today, descending/,
  )
  await expect(grid.getByTestId('overview-row').first()).toHaveAttribute(
    'data-campaign-id',
    LOANS.id,
  )
  await page.keyboard.press('Space')
  await expect(header('failedToday')).toHaveAttribute('aria-sort', 'ascending')
  await page.keyboard.press('Enter')
  await expect(header('failedToday')).toHaveAttribute('aria-sort', 'none')
  await page.keyboard.press('Enter')
  await expect(header('failedToday')).toHaveAttribute('aria-sort', 'descending')

  // Down into the loans row (first now): Enter on its "Failed today" cell presses the button.
  await page.keyboard.press('ArrowDown')
  await expect.poll(focusedCell).toMatchObject({ row: 2, campaign: LOANS.id })
  await page.keyboard.press('Enter')
  await expect(campaignItem(page, LOANS.id)).toHaveAttribute('aria-current', 'true')
  const all = simTasks(sim, LOANS.id)
  await expectCount(page, todayOf(all, Date.now()).failed.length, all.length)

  // Back on the overview, Enter on any other cell opens the campaign unfiltered.
  await page.getByTestId('nav-overview').click()
  await expect(page.getByTestId('overview')).toBeVisible()
  await grid.locator('[role=gridcell][tabindex="0"]').focus()
  await page.keyboard.press('Home')
  await page.keyboard.press('ArrowDown')
  const target = (await focusedCell()).campaign!
  await page.keyboard.press('Enter')
  await expect(campaignItem(page, target)).toHaveAttribute('aria-current', 'true')
  const tasks = simTasks(sim, target)
  await expectCount(page, tasks.length, tasks.length)
})

test.describe('in Chinese', () => {
  test.use({ locale: 'zh-CN' })

  test('the overview in Chinese', async ({ appPage: page, app }) => {
    await setUp(page, app, '上海呼叫中心')
    await expect(page.getByTestId('header-title')).toHaveText('总览')
    await expect(row(page, CARDS.id).getByTestId('overview-cell-campaignStatus')).toHaveText(
      '已暂停',
    )
    await expect(page.getByTestId('overview-legend')).toContainText('有失败')
    await saveScreenshot(page, 'overview-zh-cn')
  })
})

test.describe('dark', () => {
  test.use({ colorScheme: 'dark' })

  test('the overview in the dark theme', async ({ appPage: page, app }) => {
    await setUp(page, app)
    await expect(row(page, LOANS.id)).toHaveAttribute('data-health', 'failing')
    await saveScreenshot(page, 'overview-dark')
  })
})
