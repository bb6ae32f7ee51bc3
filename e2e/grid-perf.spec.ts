/**
 * 100,000 tasks in the task grid (issue 13): the grid stays virtual (a screenful of rows in the
 * DOM after load, sort, filter and a scroll to the end) and answers with the right first row.
 * Timings (input → settled paint, scroll frames, heap; e2e/support/grid-timing.ts) are recorded
 * as annotations: speed is judged by `npm run bench`, not by this test. GRID_PERF_TASKS sets the
 * size (e.g. 50000) for a measuring run.
 */
import { expect, test } from './fixtures'
import { simTasks, sortTasks } from './support/sim-data'
import { columnHeader, connectServer, expectCount, openCampaign, renderedIds } from './support/ui'
import { heapMb, median, p95, scrollFrameTimes, timeToSettledPaint } from './support/grid-timing'

const N = Number(process.env['GRID_PERF_TASKS'] ?? 100_000)

test.use({ actionTimeout: 60_000 })

test(`${N.toLocaleString('en')} tasks: the grid stays virtual through sort, filter, clear and scroll`, async ({
  appPage: page,
  app,
}) => {
  test.setTimeout(600_000) // the harness moves the whole list as JSON; 2 busy cores
  const sim = await app.startSimulator({
    campaigns: [{ id: '9101', name: 'Big grid', taskCount: N, seed: 17, withBlackNum: true }],
  })
  const all = simTasks(sim, '9101')
  await connectServer(page, app, sim)
  await openCampaign(page, '9101')
  await expectCount(page, N, N, 300_000)
  await expect(page.getByTestId('task-table')).toHaveAttribute('aria-rowcount', String(N + 1))
  const heap = await heapMb(page)

  const failed = all.filter((t) => t.failNum > 0 || t.status === '3')
  const sortHeader = `[data-testid=task-table] [role=columnheader][data-col-key=failNum] button`
  const onlyFailed = '[data-testid=filter-only-failed]'
  const times: Record<'sort' | 'filter' | 'clear', number[]> = { sort: [], filter: [], clear: [] }
  for (let round = 0; round < 3; round++) {
    // Sort by failed records (largest first), filter to failed ones, clear: back to the default.
    times.sort.push(
      await timeToSettledPaint(page, sortHeader, {
        topId: sortTasks(all, 'failNum', 'descend')[0]!.id,
        rows: N,
      }),
    )
    times.filter.push(
      await timeToSettledPaint(page, onlyFailed, {
        topId: sortTasks(failed, 'failNum', 'descend')[0]!.id,
        rows: failed.length,
      }),
    )
    expect((await renderedIds(page)).length).toBeLessThan(100)
    await expectCount(page, failed.length, N)
    times.clear.push(
      await timeToSettledPaint(page, onlyFailed, {
        topId: sortTasks(all, 'failNum', 'descend')[0]!.id,
        rows: N,
      }),
    )
    // Back to the default order for the next round: ascending, then none.
    await columnHeader(page, 'failNum').getByRole('button').click()
    await expect(columnHeader(page, 'failNum')).toHaveAttribute('aria-sort', 'ascending')
    await columnHeader(page, 'failNum').getByRole('button').click()
    await expect(columnHeader(page, 'beginAt')).toHaveAttribute('aria-sort', 'descending')
  }
  const small = await scrollFrameTimes(page, 108, 120)
  const jumps = await scrollFrameTimes(page, -1, 120)
  await page.getByTestId('task-table').evaluate((el) => {
    el.scrollTop = el.scrollHeight
  })
  const oldest = sortTasks(all).at(-1)!
  await expect(page.locator(`[data-testid=task-row][data-task-id="${oldest.id}"]`)).toBeInViewport()
  expect((await renderedIds(page)).length).toBeLessThan(100)

  const fmt = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(', ')
  test.info().annotations.push({
    type: 'grid timing',
    description:
      `${N} tasks. input → settled paint ms (median of 3; all): ` +
      `sort ${median(times.sort).toFixed(1)} (${fmt(times.sort)}); ` +
      `filter ${median(times.filter).toFixed(1)} (${fmt(times.filter)}); ` +
      `clear ${median(times.clear).toFixed(1)} (${fmt(times.clear)}). ` +
      `Scroll frames ms: 3-row steps median ${median(small).toFixed(1)} p95 ${p95(small).toFixed(1)}; ` +
      `random jumps median ${median(jumps).toFixed(1)} p95 ${p95(jumps).toFixed(1)}. ` +
      `JS heap after load ${heap.toFixed(1)} MB.`,
  })
  console.log(test.info().annotations.at(-1)!.description)
})
