/**
 * Export CSV: the file holds exactly the rows on screen (filtered and sorted), in screen order,
 * parses back with a CSV reader, and cells that would start a spreadsheet formula are neutralized.
 */
import { readFile } from 'node:fs/promises'
import { parse } from 'csv-parse/sync'
import { expect, test } from './fixtures'
import { saveScreenshot } from './support/screenshots'
import { simTasks, sortTasks } from './support/sim-data'
import {
  clickSort,
  connectServer,
  expectCount,
  expectTopRows,
  openCampaign,
  renderedIds,
} from './support/ui'

const FORMULAS = ['=HYPERLINK("x")', '+SUM(1,2)', '-2+3', '@cmd|" /C calc"!A0']

test('export the view as CSV: the rows on screen, formulas neutralized', async ({
  appPage: page,
  app,
}) => {
  const sim = await app.startSimulator({
    campaigns: [{ id: '6001', name: 'Export campaign', taskCount: 120, seed: 61 }],
  })
  const formulaIds = FORMULAS.map(
    (errMsg, k) =>
      sim.addTask('6001', {
        status: '3',
        errMsg,
        failNum: 10 + k,
        endTime: new Date().toISOString(),
      }).id,
  )
  await connectServer(page, app, sim)
  await openCampaign(page, '6001')

  // On screen: only tasks with failed records, most failed records first.
  const all = simTasks(sim, '6001')
  await page.getByTestId('filter-only-failed').click()
  const order = (await clickSort(page, 'failNum'))!
  const shown = sortTasks(
    all.filter((t) => t.failNum > 0 || t.status === '3'),
    'failNum',
    order,
  )
  await expectCount(page, shown.length, all.length)
  await expectTopRows(page, shown)

  await page.getByTestId('export-view').click()
  const toastTitle = page.getByTestId('toast-exported')
  await expect(toastTitle).toHaveText(`Exported ${shown.length} tasks`)
  const [save] = app.saves
  expect(save).toMatchObject({ extension: 'csv' })
  expect(save!.defaultName).toMatch(/\.csv$/)
  await expect(page.getByTestId('toast-exported-lines')).toHaveText(save!.path)
  await saveScreenshot(page, 'export-done')

  const text = await readFile(save!.path, 'utf8')
  expect(text.startsWith('\uFEFF')).toBe(true) // the default: a BOM for Excel
  const rows = parse(text, { bom: true, columns: true, skip_empty_lines: false }) as Record<
    string,
    string
  >[]
  // Exactly the rows of the view, in its order; every field as the server sent it.
  expect(rows.map((r) => r['id'])).toEqual(shown.map((t) => t.id))
  const onScreen = await renderedIds(page)
  expect(rows.slice(0, onScreen.length).map((r) => r['id'])).toEqual(onScreen)
  for (const [k, t] of shown.entries()) {
    const r = rows[k]!
    expect(r).toMatchObject({
      status: t.status,
      beginTime: t.beginTime,
      endTime: t.endTime,
      succNum: String(t.succNum),
      repeatNum: String(t.repeatNum),
      failNum: String(t.failNum),
    })
    if (!formulaIds.includes(t.id)) expect(r['errMsg']).toBe(t.errMsg)
  }
  // Formula cells: kept readable, but never starting with = + - @.
  for (const [k, id] of formulaIds.entries()) {
    const cell = rows.find((r) => r['id'] === id)!['errMsg']!
    expect(cell).not.toMatch(/^[=+\-@\t\r]/)
    expect(cell).toBe(`'${FORMULAS[k]}`)
  }

  await page.getByTestId('toast-show-in-folder').click()
  await expect.poll(() => app.shownInFolder).toEqual([save!.path])
})

test('export all: every task of the campaign, whatever the filter', async ({
  appPage: page,
  app,
}) => {
  const sim = await app.startSimulator({
    campaigns: [{ id: '6002', name: 'Export all', taskCount: 75, seed: 62, withBlackNum: true }],
  })
  await connectServer(page, app, sim)
  await openCampaign(page, '6002')
  await page.getByTestId('filter-only-failed').click()
  await page.getByTestId('export-all').click()
  await expect(page.getByTestId('toast-exported')).toHaveText('Exported 75 tasks')
  const rows = parse(await readFile(app.saves[0]!.path, 'utf8'), {
    bom: true,
    columns: true,
  }) as Record<string, string>[]
  const all = simTasks(sim, '6002')
  expect(new Set(rows.map((r) => r['id']))).toEqual(new Set(all.map((t) => t.id)))
  const byId = new Map(all.map((t) => [t.id, t]))
  for (const r of rows) expect(r['blackNum']).toBe(String(byId.get(r['id']!)!.blackNum))
})
