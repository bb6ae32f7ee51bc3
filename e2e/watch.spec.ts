/**
 * Always watching, against the simulator, awaiting the window (no clicks, no sleeps): a watched
 * campaign with nothing in progress is still checked every idle-check interval (set to its
 * 30 s minimum in Settings), so
 * - a server stopped while that campaign is open shows offline within one interval;
 * - a new import on it appears by itself.
 * The header says when the server was last checked.
 */
import type { Page } from '@playwright/test'
import type { Simulator } from '../src/main/simulator/server'
import { expect, test, type AppControls } from './fixtures'
import { connectServer, expectCount, openCampaign, setIdleCheckInterval } from './support/ui'

const IDLE = { id: '7101', name: 'Idle campaign', taskCount: 20, seed: 81, inProgress: 0 }
const IDLE_CHECK_SEC = 30
/** One idle interval, plus room for a slow machine. */
const WITHIN_ONE_INTERVAL = { timeout: (IDLE_CHECK_SEC + 10) * 1000 }

async function idleSetUp(page: Page, app: AppControls): Promise<Simulator> {
  await setIdleCheckInterval(page, IDLE_CHECK_SEC)
  const sim = await app.startSimulator({ campaigns: [IDLE] })
  await connectServer(page, app, sim)
  await openCampaign(page, IDLE.id)
  await expectCount(page, IDLE.taskCount, IDLE.taskCount)
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'online')
  await expect(page.getByTestId('last-checked')).toHaveText(/^Server checked /)
  return sim
}

test('a server stopped while an idle campaign is open shows offline within one idle interval', async ({
  appPage: page,
  app,
}) => {
  test.setTimeout(90_000)
  const sim = await idleSetUp(page, app)
  await sim.close()
  await expect(page.getByTestId('connection-state')).toHaveAttribute(
    'data-state',
    'offline',
    WITHIN_ONE_INTERVAL,
  )
  await expect(page.getByTestId('stale-banner')).toBeVisible()
  await expect(page.getByTestId('last-checked')).toHaveText(/^Server checked /)
})

test('a new import on an idle campaign appears without a click', async ({ appPage: page, app }) => {
  test.setTimeout(90_000)
  const sim = await idleSetUp(page, app)
  const added = sim.addTask(IDLE.id, { status: '0' })
  const row = page.locator(`[data-testid="task-row"][data-task-id="${added.id}"]`)
  await expect(row).toBeVisible(WITHIN_ONE_INTERVAL)
  await expect(row.getByTestId('task-status')).toHaveAttribute('data-status', '0')
  await expectCount(page, IDLE.taskCount + 1, IDLE.taskCount + 1)
})
