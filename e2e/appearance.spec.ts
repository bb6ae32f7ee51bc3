/**
 * The window in Chinese (the OS language, through the browser context's locale) and in the dark
 * theme (the OS colour scheme, and the Settings choice over it).
 */
import type { Locator, Page } from '@playwright/test'
import { MESSAGES } from '../src/shared/messages'
import { expect, test, type AppControls } from './fixtures'
import { saveScreenshot } from './support/screenshots'
import { simTasks, summarize } from './support/sim-data'
import { connectServer, openBeginRangePicker, openCampaign } from './support/ui'

const CAMPAIGN = { id: '8001', name: '春季续费活动', taskCount: 80, seed: 81, inProgress: 2 }

async function showCampaign(page: Page, app: AppControls, name = '上海呼叫中心') {
  const sim = await app.startSimulator({ campaigns: [CAMPAIGN] })
  await connectServer(page, app, sim, { name })
  await openCampaign(page, CAMPAIGN.id)
  return sim
}

/** Latin words in a text, minus names that stay as they are in Chinese (AK, SK, CSV, iSales…). */
function latinWords(text: string): string[] {
  const kept = new Set(['AK', 'SK', 'CSV', 'iSales', 'Ctrl', 'JSON', 'VDN', 'ID', 'Excel', 'xlsx'])
  const withoutUrls = text.replace(/https?:\/\/\S+/g, '')
  return (withoutUrls.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !kept.has(w))
}

/** Visible text, and placeholders, titles and aria-labels of rendered elements, under a locator. */
async function chromeText(root: Locator): Promise<string> {
  return root.evaluate((target) => {
    // (e2e/ is typechecked without the DOM library: the little of it used here.)
    interface Node {
      innerText: string
      querySelectorAll(selector: string): ArrayLike<Node>
      getAttribute(name: string): string | null
      checkVisibility(): boolean
      classList: { contains(name: string): boolean }
    }
    const el = target as unknown as Node
    const parts = [el.innerText]
    const attrs = ['placeholder', 'title', 'aria-label']
    for (const node of Array.from(el.querySelectorAll('*'))) {
      // Only what is rendered; Naive UI's spinners carry its own fixed aria-label "loading".
      if (!node.checkVisibility()) continue
      if (node.classList.contains('n-base-loading')) continue
      for (const a of attrs) {
        const v = node.getAttribute(a)
        if (v) parts.push(v)
      }
    }
    return parts.join('\n')
  })
}

test.describe('Chinese', () => {
  test.use({ locale: 'zh-CN' })

  test('first start in Chinese', async ({ appPage: page }) => {
    const empty = page.getByTestId('empty-no-profiles')
    await expect(empty).toContainText('还没有服务器')
    await expect(page.getByTestId('empty-open-demo')).toHaveText('打开演示')
    await expect(page.getByTestId('header-title')).toHaveText('未选择活动')
    expect(latinWords(await chromeText(page.locator('body')))).toEqual([])
    await expect(page).toHaveTitle('iSales 导入监控')

    // The demo server goes by its Chinese name (main stores the English one).
    await page.getByTestId('empty-open-demo').click()
    await expect(page.getByTestId('profile-item')).toContainText('演示服务器（内置）')
    await expect(page.getByTestId('profile-item')).not.toContainText('Demo server')
    // (The demo's big campaign takes a while to load on a busy machine.)
    await expect(page.getByTestId('filter-count')).toBeVisible({ timeout: 30_000 })
    await saveScreenshot(page, 'demo-zh-cn')
  })

  test('the monitor in Chinese: strings, numbers and no English left in the main chrome', async ({
    appPage: page,
    app,
  }) => {
    const sim = await showCampaign(page, app)
    const all = simTasks(sim, CAMPAIGN.id)
    const s = summarize(all)
    await expect(page.getByTestId('filter-count')).toHaveText(
      `${all.length} / ${all.length} 个任务`,
    )
    await expect(page.getByTestId('summary-status-2')).toHaveText(
      s.byStatus['2'].toLocaleString('zh-CN'),
    )
    await expect(
      page.getByTestId('task-table').locator('[role=columnheader][data-col-key="status"]'),
    ).toHaveText('状态')
    await expect(page.getByTestId('task-status').first()).toHaveText(
      /^(准备中|导入中|已导入|导入失败)$/,
    )
    await expect(page.getByTestId('connection-state')).toContainText('在线')
    await expect(page.getByTestId('refresh-button')).toHaveText(/刷新/)

    for (const id of ['sidebar', 'header', 'filter-bar', 'summary'] as const) {
      const words = latinWords(await chromeText(page.getByTestId(id)))
      expect(words, `English words in ${id}`).toEqual([])
    }
    const headRow = page.getByTestId('task-table').locator('[role=row][aria-rowindex="1"]')
    expect(latinWords(await chromeText(headRow)), 'English words in the table header').toEqual([])
    await saveScreenshot(page, 'tasks-zh-cn')

    // Naive UI's own parts follow the language too (the date range panel).
    await openBeginRangePicker(page)
    const panel = page.locator('.n-date-panel')
    await expect(panel).toBeVisible()
    expect(latinWords(await chromeText(panel)), 'English words in the date panel').toEqual([])
    await page.keyboard.press('Escape')

    // Settings: each switch on the line of its label; the CSV label no wider than the others
    // (a sentence-long one widened the label column and stood out of line).
    await page.getByTestId('open-settings').click()
    const dialog = page.getByTestId('settings-dialog')
    const labelOf = (id: string) =>
      dialog
        .locator('.n-form-item')
        .filter({ has: page.getByTestId(id) })
        .locator('.n-form-item-label__text')
    const middle = (b: { y: number; height: number } | null) => (b ? b.y + b.height / 2 : NaN)
    for (const id of ['settings-notifications', 'settings-csv-bom']) {
      // The dialog scrolls now (alert settings below): measure each row where it can be seen.
      await page.getByTestId(id).scrollIntoViewIfNeeded()
      const label = await labelOf(id).boundingBox()
      const control = await page.getByTestId(id).boundingBox()
      expect(Math.abs(middle(label) - middle(control)), id).toBeLessThan(4)
    }
    const csv = await labelOf('settings-csv-bom').boundingBox()
    const notifications = await labelOf('settings-notifications').boundingBox()
    expect(csv!.x).toBeGreaterThanOrEqual(notifications!.x)
    expect(csv!.height).toBeLessThan(notifications!.height * 1.5) // one line
    await saveScreenshot(page, 'settings-zh-cn')
    await dialog.getByTestId('settings-close').click()
  })

  test('main’s own message about a failure is shown in Chinese too', async ({
    appPage: page,
    app,
  }) => {
    const sim = await showCampaign(page, app)
    await expect(page.getByTestId('filter-count')).toHaveText(/^80 \/ 80/)
    await sim.close()
    await page.getByTestId('refresh-button').click()
    const banner = page.getByTestId('stale-banner')
    await expect(banner).toBeVisible({ timeout: 15_000 })
    // The detail line is main's message (a network failure), rendered from its id in Chinese.
    const detail = banner.getByTestId('stale-banner-detail')
    const network = (['netRefused', 'netDropped', 'requestFailed', 'connectTimeout'] as const).map(
      (id) => MESSAGES['zh-CN'][id],
    )
    await expect(detail).toHaveText(new RegExp(`^(${network.map(escapeRegExp).join('|')})$`))
    expect(latinWords(await detail.innerText())).toEqual([])
  })
})

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

test.describe('dark theme', () => {
  test.use({ colorScheme: 'dark' })

  test('follows a dark OS theme; Settings can force light', async ({ appPage: page, app }) => {
    await showCampaign(page, app, 'Dark server')
    const background = () => styleOf(page.locator('body'), 'backgroundColor')
    const cell = page.getByTestId('task-table').getByRole('gridcell').first()
    await expect.poll(async () => luminance(await background())).toBeLessThan(0.1)
    expect(luminance(await styleOf(cell, 'color'))).toBeGreaterThan(0.5)
    await saveScreenshot(page, 'tasks-dark')

    // Settings: Light wins over the OS.
    await page.getByTestId('open-settings').click()
    const dialog = page.getByTestId('settings-dialog')
    await dialog.getByTestId('settings-theme').click()
    await page.locator('.n-base-select-option:visible', { hasText: /^Light$/ }).click()
    await dialog.getByTestId('settings-close').click()
    await expect.poll(async () => luminance(await background())).toBeGreaterThan(0.9)
    if (app.mode === 'browser') {
      expect((await app.call('settings:get', {})).theme).toBe('light')
    }
  })
})

function styleOf(target: Locator, property: 'color' | 'backgroundColor'): Promise<string> {
  return target.evaluate((el, p) => {
    type Styles = { getComputedStyle(e: unknown): Record<string, string> }
    return (globalThis as unknown as Styles).getComputedStyle(el)[p] ?? ''
  }, property)
}

/** Relative luminance (0 black … 1 white) of a CSS rgb()/rgba() colour. */
function luminance(css: string): number {
  const [r, g, b] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number) as [number, number, number]
  const lin = (c: number) => {
    const v = c / 255
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}
