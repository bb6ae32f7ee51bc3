/**
 * Small steps on the app's window, by the data-testids of src/renderer/TESTIDS.md. Assertions wait
 * for the UI (expect polling); nothing sleeps.
 */
import { expect, type Locator, type Page } from '@playwright/test'
import type { Simulator } from '../../src/main/simulator/server'
import type { AppControls } from '../fixtures/app-controls'
import { en, type ExpectedSummary, type ExpectedTask } from './sim-data'

export const STATUS_LABEL = {
  '0': 'Preparing',
  '1': 'Importing',
  '2': 'Imported',
  '3': 'Import failed',
} as const

export function campaignItem(page: Page, campaignId: string, profileId?: string): Locator {
  const profile = profileId ? `[data-profile-id="${profileId}"]` : ''
  return page.locator(`[data-testid="campaign-item"][data-campaign-id="${campaignId}"]${profile}`)
}

export async function openCampaign(page: Page, campaignId: string, profileId?: string) {
  const item = campaignItem(page, campaignId, profileId)
  await item.click()
  await expect(item).toHaveAttribute('aria-current', 'true')
}

/** "N of M tasks" under the filters. */
export async function expectCount(
  page: Page,
  shown: number,
  total: number,
  /** Longer for a first load of many tasks on a busy 2-core CI machine. */
  timeout?: number,
): Promise<void> {
  await expect(page.getByTestId('filter-count')).toHaveText(
    `${en(shown)} of ${en(total)} tasks`,
    timeout === undefined ? {} : { timeout },
  )
}

/** The summary strip shows exactly these numbers. */
export async function expectSummary(
  page: Page,
  s: ExpectedSummary,
  opts: { black?: boolean } = {},
): Promise<void> {
  const strip = page.getByTestId('summary')
  await expect(strip.getByTestId('summary-total')).toHaveText(en(s.total))
  for (const status of ['0', '1', '2', '3'] as const) {
    await expect(strip.getByTestId(`summary-status-${status}`)).toHaveText(en(s.byStatus[status]))
  }
  await expect(strip.getByTestId('summary-succ')).toHaveText(en(s.succ))
  await expect(strip.getByTestId('summary-repeat')).toHaveText(en(s.repeat))
  await expect(strip.getByTestId('summary-fail')).toHaveText(en(s.fail))
  if (opts.black) await expect(strip.getByTestId('summary-black')).toHaveText(en(s.black))
  else await expect(strip.getByTestId('summary-black')).toHaveCount(0)
}

/** Ids of the rows the virtual table has rendered, top to bottom. */
export async function renderedIds(page: Page): Promise<string[]> {
  const rows = page.getByTestId('task-table').getByTestId('task-row')
  return rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-task-id') ?? ''))
}

/**
 * The rendered rows are the first rows of `expected` (in order): the table shows the expected
 * tasks from the top. Retries until it holds (the table re-renders after a change).
 */
export async function expectTopRows(page: Page, expected: readonly ExpectedTask[]): Promise<void> {
  await expect(async () => {
    const ids = await renderedIds(page)
    expect(ids.length).toBeGreaterThan(Math.min(expected.length, 5) - 1)
    expect(ids).toEqual(expected.slice(0, ids.length).map((t) => t.id))
  }).toPass({ timeout: 10_000 })
}

/**
 * The rendered rows are a contiguous run of `expected`, wherever the table is scrolled to: the
 * order and the content are right, whatever the scroll offset.
 */
export async function expectRowWindow(
  page: Page,
  expected: readonly ExpectedTask[],
): Promise<string[]> {
  let shown: string[] = []
  await expect(async () => {
    shown = await renderedIds(page)
    expect(shown.length).toBeGreaterThan(0)
    const at = expected.findIndex((t) => t.id === shown[0])
    expect(at).toBeGreaterThanOrEqual(0)
    expect(shown).toEqual(expected.slice(at, at + shown.length).map((t) => t.id))
  }).toPass({ timeout: 10_000 })
  return shown
}

export async function selectStatuses(
  page: Page,
  statuses: readonly (keyof typeof STATUS_LABEL)[],
): Promise<void> {
  // Open it by the empty space left of the arrow: the middle may hold a tag's close button, and
  // the arrow turns into "clear all" under the mouse once something is selected.
  const select = page.getByTestId('filter-status')
  const box = (await select.boundingBox())!
  await select.click({ position: { x: box.width - 40, y: box.height / 2 } })
  const menu = page.locator('.n-base-select-menu:visible')
  for (const s of statuses) {
    await menu.locator('.n-base-select-option', { hasText: STATUS_LABEL[s] }).click()
  }
  // Close the menu by clicking outside it (Escape is not handled by a multiple select).
  await page.getByTestId('filter-count').click()
  await expect(menu).toBeHidden()
}

/** The task table's header cell of a column (the grid marks each with its key). */
export function columnHeader(page: Page, column: string): Locator {
  return page.getByTestId('task-table').locator(`[role=columnheader][data-col-key="${column}"]`)
}

/**
 * Clicks a column header's sort button; returns the direction its aria-sort now says (null: not
 * sorted by it), so a test can check the rows against what the header claims.
 */
export async function clickSort(page: Page, column: string): Promise<'ascend' | 'descend' | null> {
  const th = columnHeader(page, column)
  const before = await sortShown(th)
  await th.getByRole('button').click()
  await expect.poll(() => sortShown(th)).not.toBe(before)
  return sortShown(th)
}

export async function sortShown(th: Locator): Promise<'ascend' | 'descend' | null> {
  const sort = await th.getAttribute('aria-sort')
  return sort === 'ascending' ? 'ascend' : sort === 'descending' ? 'descend' : null
}

export async function search(page: Page, text: string): Promise<void> {
  await page.getByTestId('filter-search').locator('input').fill(text)
}

/**
 * Opens the begin-time range picker's panel. A compact filter bar (any window short of a very wide
 * one) shows the picker from its "Begin time" menu's "Custom range…".
 */
export async function openBeginRangePicker(page: Page): Promise<Locator> {
  const inputs = page.getByTestId('filter-begin-range').locator('input')
  if (await page.getByTestId('filter-begin').isVisible()) {
    await page.getByTestId('filter-begin').click()
    await page.getByTestId('filter-preset-custom').click()
  } else await inputs.nth(0).click()
  await expect(page.locator('.n-date-panel')).toBeVisible()
  return inputs
}

/** Sets the begin-time range by typing both ends (yyyy-MM-dd HH:mm:ss) and confirming. */
export async function setBeginRange(page: Page, from: number, to: number): Promise<void> {
  const fmt = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ')
  const inputs = await openBeginRangePicker(page)
  await inputs.nth(0).click()
  await inputs.nth(0).fill(fmt(from))
  await inputs.nth(1).click()
  await inputs.nth(1).fill(fmt(to))
  await page.locator('.n-date-panel').getByRole('button', { name: 'Confirm' }).click()
  await expect(page.locator('.n-date-panel')).toHaveCount(0)
}

/**
 * A profile for `sim` watching its campaigns, SK stored, certificate trusted. In the browser
 * harness it is saved through the bridge as an earlier session would have; through Electron it is
 * entered in the profile dialog. Then the window shows it (reload in the harness).
 */
export async function connectServer(
  page: Page,
  app: AppControls,
  sim: Simulator,
  opts: { campaigns?: { id: string; label: string }[]; name?: string } = {},
): Promise<void> {
  const campaigns = opts.campaigns ?? sim.campaigns.map((c) => ({ id: c.id, label: c.name }))
  if (app.mode === 'browser') {
    await app.addProfile(sim, { campaigns, ...(opts.name ? { name: opts.name } : {}) })
    await page.reload()
  } else {
    await addProfileInDialog(page, sim, { name: opts.name ?? 'E2E server', campaigns })
  }
  await expect(page.getByTestId('profile-item')).toHaveCount(1)
}

/** The whole profile dialog: fields, Test connection, Trust, campaigns typed in, Save. */
export async function addProfileInDialog(
  page: Page,
  sim: Simulator,
  opts: { name: string; sk?: string; campaigns: { id: string; label: string }[] },
): Promise<Locator> {
  await page.getByTestId('profile-add').click()
  const dialog = page.getByTestId('profile-dialog')
  await fillProfile(dialog, sim, { name: opts.name, sk: opts.sk ?? sim.sk })
  await dialog.getByTestId('profile-test-connection').click()
  await expect(dialog.getByTestId('cert-fingerprint')).toHaveText(sim.fingerprint256)
  await dialog.getByTestId('cert-trust').click()
  await expect(dialog.getByTestId('profile-pin-info')).toContainText(sim.fingerprint256)
  for (const c of opts.campaigns) {
    await dialog.getByTestId('campaign-picker-id').locator('input').fill(c.id)
    await dialog.getByTestId('campaign-picker-label').locator('input').fill(c.label)
    await dialog.getByTestId('campaign-picker-add').click()
    await expect(
      dialog.locator(`[data-testid="profile-campaign-row"][data-campaign-id="${c.id}"]`),
    ).toBeVisible()
  }
  await dialog.getByTestId('profile-save').click()
  await expect(dialog).toBeHidden()
  return dialog
}

export async function fillProfile(
  dialog: Locator,
  sim: Simulator,
  opts: { name: string; sk: string },
): Promise<void> {
  await dialog.getByTestId('profile-name').locator('input').fill(opts.name)
  await dialog.getByTestId('profile-url').locator('input').fill(sim.url)
  await dialog.getByTestId('profile-vdn').locator('input').fill('1')
  await dialog.getByTestId('profile-ak').locator('input').fill(sim.ak)
  await dialog.getByTestId('profile-sk').locator('input').fill(opts.sk)
}

/** Settings dialog: the auto-refresh interval (applied on blur). */
export async function setRefreshInterval(page: Page, seconds: number): Promise<void> {
  await setSeconds(page, 'settings-refresh-interval', seconds)
}

/** How often watched campaigns with nothing in progress are checked (30 s at least). */
export async function setIdleCheckInterval(page: Page, seconds: number): Promise<void> {
  await setSeconds(page, 'settings-idle-check-interval', seconds)
}

async function setSeconds(page: Page, testId: string, seconds: number): Promise<void> {
  await page.getByTestId('open-settings').click()
  const dialog = page.getByTestId('settings-dialog')
  const input = dialog.getByTestId(testId).locator('input')
  await input.fill(String(seconds))
  await input.press('Enter')
  await dialog.getByTestId('settings-close').click()
  await expect(dialog).toBeHidden()
}

/**
 * Waits until no fade or slide is running: a dialog, drawer or menu that has just become visible is
 * still fading in, and its half-transparent colours are not the ones a user reads (axe measured
 * 3.6:1 on text that is 7:1 once shown). Vue starts an enter transition a frame after the element
 * is inserted, hence the frames before looking; endless animations (spinners, the pulsing dot) are
 * not waited for.
 */
export async function motionSettled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    // (e2e/ is typechecked without the DOM library: the little of it used here.)
    interface Anim {
      playState: string
      finished: Promise<unknown>
      effect: { getComputedTiming(): { endTime?: number | string } } | null
    }
    const w = globalThis as unknown as {
      requestAnimationFrame(cb: () => void): void
      document: { getAnimations(): Anim[] }
    }
    const frame = () => new Promise<void>((done) => w.requestAnimationFrame(done))
    for (;;) {
      await frame()
      await frame()
      const running = w.document.getAnimations().filter((a) => {
        const end = Number(a.effect?.getComputedTiming().endTime ?? Infinity)
        return a.playState === 'running' && Number.isFinite(end)
      })
      if (running.length === 0) return
      await Promise.allSettled(running.map((a) => a.finished))
    }
  })
}
