/**
 * 10,000 tasks in one campaign: they load, the table renders only what is visible and scrolls to
 * the last task, and filtering answers with the right numbers from the top of the list.
 */
import { expect, test } from './fixtures'
import { saveScreenshot } from './support/screenshots'
import { simTasks, sortTasks, summarize } from './support/sim-data'
import {
  connectServer,
  expectCount,
  expectSummary,
  expectTopRows,
  openCampaign,
  renderedIds,
  search,
  selectStatuses,
} from './support/ui'

const N = 10_000

// Every click and check waits on a window re-rendering 10,000 rows: on 2 loaded cores that can
// outlast the suite's 10 s defaults without anything being wrong.
test.use({ actionTimeout: 30_000 })

test('10,000 tasks render, scroll and filter', async ({ appPage: page, app }) => {
  test.setTimeout(120_000) // loading, scrolling and filtering 10,000 rows on 2 busy cores
  const sim = await app.startSimulator({
    campaigns: [{ id: '9001', name: 'Ten thousand', taskCount: N, seed: 91, withBlackNum: true }],
  })
  const all = simTasks(sim, '9001')
  const started = Date.now()
  await connectServer(page, app, sim)
  await openCampaign(page, '9001')
  // 10,000 tasks cross the harness as JSON (several MB): allow a loaded machine its time.
  await expectCount(page, N, N, 60_000)
  const loadMs = Date.now() - started
  await expectSummary(page, summarize(all), { black: true })
  await expectTopRows(page, sortTasks(all))
  // Virtual scroll: a screenful of rows in the DOM, not ten thousand.
  expect((await renderedIds(page)).length).toBeLessThan(100)
  await saveScreenshot(page, 'tasks-10k')

  // Scroll to the end: the oldest task is rendered and visible.
  const oldest = sortTasks(all).at(-1)!
  const body = page.getByTestId('task-table') // the grid is its own scroller
  await expect(async () => {
    await body.hover()
    await page.mouse.wheel(0, 1_000_000)
    await expect(
      page.locator(`[data-testid="task-row"][data-task-id="${oldest.id}"]`),
    ).toBeInViewport({ timeout: 5_000 })
  }).toPass({ timeout: 60_000 })
  expect((await renderedIds(page)).length).toBeLessThan(100)

  // Filters over all 10,000.
  const filterStarted = Date.now()
  await selectStatuses(page, ['3'])
  const failed = all.filter((t) => t.status === '3')
  await expectCount(page, failed.length, N, 60_000)
  await expectSummary(page, summarize(failed), { black: true })
  // A new filter starts at the top of the filtered list, not where the old one was scrolled to.
  await expectTopRows(page, sortTasks(failed))
  await search(page, 'encoding')
  const encoding = failed.filter((t) => t.errMsg.toLowerCase().includes('encoding'))
  await expectCount(page, encoding.length, N, 60_000)
  await expectTopRows(page, sortTasks(encoding))
  test.info().annotations.push({
    type: 'timing',
    description: `10,000 tasks on screen in ${loadMs} ms; two filters answered in ${Date.now() - filterStarted} ms`,
  })
})
