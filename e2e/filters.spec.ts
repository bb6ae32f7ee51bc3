/**
 * Filters (status, begin-time range, text, only failed), sort and the detail drawer, each checked
 * against the simulator's data: the count, the summary and the rows at the top of the table.
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

async function setUp(page: Page, app: Parameters<typeof connectServer>[1]) {
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
