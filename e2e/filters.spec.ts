/**
 * Filters (status, begin-time range and its presets, "Failed today", text, only failed), sort and
 * the detail drawer, each checked against the simulator's data: the count, the summary and the
 * rows at the top of the table.
 */
import type { Page } from '@playwright/test'
import type { Simulator } from '../src/main/simulator/server'
import { expect, test } from './fixtures'
import { saveScreenshot } from './support/screenshots'
import { simTasks, sortTasks, summarize, type ExpectedTask, type SortKey } from './support/sim-data'
import {
  clickSort,
  connectServer,
  expectCount,
  expectSummary,
  expectTopRows,
  openCampaign,
  search,
  selectStatuses,
  setBeginRange,
} from './support/ui'

const CAMPAIGN = { id: '5001', name: 'Filter test campaign', taskCount: 400, seed: 21 }
/**
 * Wide enough for the full filter bar, its preset buttons and range inputs always on screen (a
 * narrower window folds them into the "Begin time" menu: e2e/layout.spec.ts).
 */
const WIDE = { width: 2080, height: 800 }

async function setUp(page: Page, app: Parameters<typeof connectServer>[1]) {
  await page.setViewportSize(WIDE)
  const sim = await app.startSimulator({
    campaigns: [{ ...CAMPAIGN, withBlackNum: true, inProgress: 3 }],
  })
  // A task whose error message has a distinctive word, to find it by text.
  sim.addTask(CAMPAIGN.id, {
    status: '3',
    errMsg: 'Import interrupted: Quota EXCEEDED on the file server',
    endTime: new Date().toISOString(),
  })
  await connectServer(page, app, sim)
  await openCampaign(page, CAMPAIGN.id)
  return sim
}

/** The view shows exactly `tasks`: count, summary and the first rows, in the default order. */
async function expectView(page: Page, all: ExpectedTask[], shown: ExpectedTask[], key?: SortKey) {
  await expectCount(page, shown.length, all.length)
  await expectSummary(page, summarize(shown), { black: true })
  if (shown.length === 0) await expect(page.getByTestId('empty-filtered')).toBeVisible()
  else await expectTopRows(page, sortTasks(shown, key))
}

test('filters by status, time range, text and only failed match the server data', async ({
  appPage: page,
  app,
}) => {
  const sim: Simulator = await setUp(page, app)
  const all = simTasks(sim, CAMPAIGN.id)
  await expectView(page, all, all)

  // Status: failed only, then failed or imported.
  await selectStatuses(page, ['3'])
  const failed = all.filter((t) => t.status === '3')
  expect(failed.length).toBeGreaterThan(5)
  await expectView(page, all, failed)
  await selectStatuses(page, ['2'])
  await expectView(
    page,
    all,
    all.filter((t) => t.status === '3' || t.status === '2'),
  )
  await page.getByTestId('filter-clear').click()
  await expectView(page, all, all)

  // Only tasks with failed records (or a failed import).
  await page.getByTestId('filter-only-failed').click()
  const withFailures = all.filter((t) => t.failNum > 0 || t.status === '3')
  expect(withFailures.length).toBeLessThan(all.length)
  await expectView(page, all, withFailures)
  await saveScreenshot(page, 'filter-only-failed')
  await page.getByTestId('filter-only-failed').click()

  // Text: case-insensitive, over the error message...
  await search(page, 'QUOTA exceeded')
  await expectView(
    page,
    all,
    all.filter((t) => t.errMsg.toLowerCase().includes('quota exceeded')),
  )
  await expect(page.getByTestId('task-errMsg').first()).toHaveText(
    'Import interrupted: Quota EXCEEDED on the file server',
  )
  // ... and the task id (part of one).
  const part = all[123]!.id.slice(13, 24)
  await search(page, part)
  await expectView(
    page,
    all,
    all.filter((t) => t.id.includes(part) || t.errMsg.toLowerCase().includes(part)),
  )
  await search(page, '')
  await expectView(page, all, all)

  // Begin-time range (inclusive), typed with second precision.
  const byBegin = sortTasks(all)
  const to = byBegin[60]!.beginAt!
  const from = byBegin[140]!.beginAt!
  await setBeginRange(page, from, to)
  const inRange = all.filter((t) => t.beginAt !== null && t.beginAt >= from && t.beginAt <= to)
  expect(inRange.length).toBeGreaterThanOrEqual(81)
  await expectView(page, all, inRange)

  // Combined with a status: both apply.
  await selectStatuses(page, ['2'])
  await expectView(
    page,
    all,
    inRange.filter((t) => t.status === '2'),
  )
  await page.getByTestId('filter-clear').click()
  await expectView(page, all, all)
})

const DAY = 86_400_000

test('time presets and "Failed today" show the rows of the local day, computed from the server data', async ({
  appPage: page,
  app,
}) => {
  await page.setViewportSize(WIDE)
  const sim = await app.startSimulator({
    campaigns: [{ ...CAMPAIGN, withBlackNum: true, inProgress: 3 }],
  })
  // The window runs in TZ=UTC (playwright.config.ts): its local day is the UTC day. Imports on
  // both sides of this midnight, so a range one second off shows in the rows.
  const dayStart = Math.floor(Date.now() / DAY) * DAY
  const dayEnd = dayStart + DAY - 1
  const iso = (ms: number) => new Date(ms).toISOString()
  sim.addTask(CAMPAIGN.id, {
    status: '3',
    beginTime: iso(dayStart - 1000),
    endTime: iso(dayStart + 3000),
    errMsg: 'Failed one second before midnight',
  })
  sim.addTask(CAMPAIGN.id, {
    status: '3',
    beginTime: iso(dayStart),
    endTime: iso(dayStart + 2000),
    errMsg: 'Failed at midnight',
  })
  sim.addTask(CAMPAIGN.id, {
    status: '2',
    beginTime: iso(dayStart + 1000),
    endTime: iso(dayStart + 5000),
    succNum: 40,
  })
  await connectServer(page, app, sim)
  await openCampaign(page, CAMPAIGN.id)
  const all = simTasks(sim, CAMPAIGN.id)
  const began = (from: number, to: number) =>
    all.filter((t) => t.beginAt !== null && t.beginAt >= from && t.beginAt <= to)
  const inputs = page.getByTestId('filter-begin-range').locator('input')
  const shown = (ms: number) => iso(ms).slice(0, 19).replace('T', ' ')

  // With no range, the picker opens on this month at the right, last month at the left.
  await inputs.nth(0).click()
  const month = (ms: number) => new Date(ms).toLocaleString('en-US', { month: 'short' })
  const panel = page.locator('.n-date-panel')
  await expect(panel.locator('.n-date-panel-calendar--end .n-date-panel-month')).toContainText(
    month(dayStart),
  )
  await expect(panel.locator('.n-date-panel-calendar--start .n-date-panel-month')).toContainText(
    month(new Date(dayStart).setUTCDate(0)),
  )
  await saveScreenshot(page, 'filter-range-picker')
  await page.keyboard.press('Escape')
  await expect(panel).toHaveCount(0)

  // Last 7 days: today and the six days before, to the second in the inputs.
  await page.getByTestId('filter-preset-last7Days').click()
  await expect(inputs.nth(0)).toHaveValue(shown(dayStart - 6 * DAY))
  await expect(inputs.nth(1)).toHaveValue(shown(dayEnd))
  await expect(page.getByTestId('filter-preset-last7Days')).toHaveAttribute('aria-pressed', 'true')
  const week = began(dayStart - 6 * DAY, dayEnd)
  expect(week.length).toBeGreaterThan(3)
  expect(week.length).toBeLessThan(all.length)
  await expectView(page, all, week)

  // Yesterday ends one millisecond before midnight: the import begun at 23:59:59 is in it.
  await page.getByTestId('filter-preset-yesterday').click()
  const yesterday = began(dayStart - DAY, dayStart - 1)
  expect(yesterday.map((t) => t.errMsg)).toContain('Failed one second before midnight')
  await expectView(page, all, yesterday)

  // Failed today: status "import failed" begun today, whatever else was set before.
  await search(page, 'no such text')
  await page.getByTestId('filter-failed-today').click()
  const failedToday = began(dayStart, dayEnd).filter((t) => t.status === '3')
  expect(failedToday.map((t) => t.errMsg)).toContain('Failed at midnight')
  expect(failedToday.map((t) => t.errMsg)).not.toContain('Failed one second before midnight')
  await expectView(page, all, failedToday)
  await expect(page.getByTestId('filter-search').locator('input')).toHaveValue('')
  await expect(page.getByTestId('filter-failed-today')).toHaveAttribute('aria-pressed', 'true')
  await expect(inputs.nth(0)).toHaveValue(shown(dayStart))
  await expect(inputs.nth(1)).toHaveValue(shown(dayEnd))
  await page.mouse.move(0, 0) // the button's tooltip would cover the summary
  await saveScreenshot(page, 'filter-failed-today')

  await page.getByTestId('filter-clear').click()
  await expectView(page, all, all)
})

test('sorting by a column, both directions, then back to newest first', async ({
  appPage: page,
  app,
}) => {
  const sim = await setUp(page, app)
  const all = simTasks(sim, CAMPAIGN.id)

  // Each click moves the header's sort icon; the rows follow what it shows, and a column goes
  // through both directions before the default order (begin time, newest first) comes back.
  for (const column of ['failNum', 'endAt'] as const) {
    const seen: string[] = []
    for (let click = 0; click < 3; click++) {
      const order = await clickSort(page, column)
      seen.push(order ?? 'default')
      await expectTopRows(page, order ? sortTasks(all, column, order) : sortTasks(all))
    }
    expect(seen.slice(0, 2).sort()).toEqual(['ascend', 'descend'])
    // The first click shows the largest or newest first (TESTIDS.md).
    expect(seen[0]).toBe('descend')
    expect(seen[2]).toBe('default')
  }

  // The sort applies to the filtered rows too.
  const order = (await clickSort(page, 'id'))!
  await selectStatuses(page, ['3'])
  await expectTopRows(
    page,
    sortTasks(
      all.filter((t) => t.status === '3'),
      'id',
      order,
    ),
  )
})

test('the detail drawer shows every field of the task, extra server fields included', async ({
  appPage: page,
  app,
}) => {
  const sim = await setUp(page, app)
  const raw = sim.campaigns[0]!.tasks.find(
    (t) => typeof t['fileName'] === 'string' && String(t.status) === '2',
  )!
  expect(raw).toBeDefined()
  await search(page, raw.id)
  await page.locator(`[data-testid="task-row"][data-task-id="${raw.id}"]`).click()

  const drawer = page.getByTestId('task-drawer')
  await expect(drawer.getByTestId('drawer-id')).toHaveText(raw.id)
  await expect(drawer.getByTestId('drawer-status')).toHaveText('Imported (2)')
  await expect(drawer.getByTestId('drawer-succNum')).toHaveText(raw.succNum.toLocaleString('en-US'))
  await expect(drawer.getByTestId('drawer-failNum')).toHaveText(raw.failNum.toLocaleString('en-US'))
  await expect(drawer.getByTestId('drawer-extra')).toHaveText([
    String(raw['fileName']),
    String(raw['operator']),
  ])
  await expect(drawer).toContainText(raw.beginTime)
  const json = JSON.parse((await drawer.getByTestId('drawer-json').textContent()) ?? '') as Record<
    string,
    unknown
  >
  expect(json).toMatchObject({
    id: raw.id,
    status: '2',
    beginTime: raw.beginTime,
    endTime: raw.endTime,
    succNum: raw.succNum,
    repeatNum: raw.repeatNum,
    failNum: raw.failNum,
    blackNum: raw.blackNum,
    extra: { fileName: raw['fileName'], operator: raw['operator'] },
  })
  await saveScreenshot(page, 'task-drawer')
  await page.keyboard.press('Escape')
  await expect(drawer).toBeHidden()
})
