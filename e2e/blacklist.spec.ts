/**
 * Blacklist imports: listed for every server as "Blacklist imports", watched on first open, shown
 * in the same table with the same filters, exported with the rows on screen, and in the overview.
 * The expected rows come from the simulator's own blacklist data (support/sim-data.ts).
 */
import { readFile } from 'node:fs/promises'
import { parse } from 'csv-parse/sync'
import { BLACKLIST_CAMPAIGN_ID } from '../src/shared/blacklist'
import { expect, test } from './fixtures'
import { expectedTask } from './support/sim-data'
import { connectServer, expectCount, renderedIds, selectStatuses } from './support/ui'

test('blacklist imports: listed, watched on open, filtered and exported', async ({
  appPage: page,
  app,
}) => {
  const sim = await app.startSimulator({
    campaigns: [{ id: '7001', name: 'Campaign beside the blacklist', taskCount: 12, seed: 71 }],
    blacklistTasks: 90,
  })
  await connectServer(page, app, sim)
  const all = sim.blacklistTasks(1).map(expectedTask)

  // Listed for the server without being watched; the first click watches and opens it.
  const entry = page.getByTestId('blacklist-watch')
  await expect(entry).toContainText('Blacklist imports')
  await entry.click()
  const item = page.locator(
    `[data-testid="campaign-item"][data-campaign-id="${BLACKLIST_CAMPAIGN_ID}"]`,
  )
  await expect(item).toHaveAttribute('aria-current', 'true')
  await expect(entry).toHaveCount(0)
  await expect(page.getByTestId('header-title')).toHaveText('Blacklist imports')
  await expectCount(page, all.length, all.length)

  // The same filters: only the failed ones.
  const failed = all.filter((t) => t.status === '3')
  expect(failed.length).toBeGreaterThan(0)
  await selectStatuses(page, ['3'])
  await expectCount(page, failed.length, all.length)

  await page.getByTestId('export-view').click()
  await expect(page.getByTestId('toast-exported')).toHaveText(`Exported ${failed.length} tasks`)
  const [save] = app.saves
  // Server (host-port), then the blacklist's name, then the date and time.
  expect(save!.defaultName).toMatch(/^imports-127\.0\.0\.1-\d+-Blacklist-imports-[\d-]+\.csv$/)
  const rows = parse(await readFile(save!.path, 'utf8'), { bom: true, columns: true }) as Record<
    string,
    string
  >[]
  // Ids carry the export's leading apostrophe (a spreadsheet keeps all 30 digits).
  expect(rows.every((r) => r['id']!.startsWith("'"))).toBe(true)
  const idOf = (r: Record<string, string>) => r['id']!.slice(1)
  expect(new Set(rows.map(idOf))).toEqual(new Set(failed.map((t) => t.id)))
  expect(rows).toHaveLength(failed.length)
  const onScreen = await renderedIds(page)
  expect(rows.slice(0, onScreen.length).map(idOf)).toEqual(onScreen)
  const byId = new Map(failed.map((t) => [t.id, t]))
  for (const r of rows) expect(r['errMsg']).toBe(byId.get(idOf(r))!.errMsg)
  expect(rows.some((r) => r['errMsg']!.includes('already in the blacklist'))).toBe(true)

  // Watched now: the overview has its row, by name.
  await page.getByTestId('nav-overview').click()
  const row = page.locator(
    `[data-testid="overview-row"][data-campaign-id="${BLACKLIST_CAMPAIGN_ID}"]`,
  )
  await expect(row.getByTestId('overview-cell-campaign')).toHaveText('Blacklist imports')
})
