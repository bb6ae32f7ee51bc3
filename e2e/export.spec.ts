/**
 * Export CSV: the file holds exactly the rows on screen (filtered and sorted), in screen order,
 * parses back with a CSV reader, and cells that would start a spreadsheet formula are neutralized.
 */
import { readFile } from 'node:fs/promises'
import { parse } from 'csv-parse/sync'
import { expect, test } from './fixtures'
import { formatLocalIso } from '../src/main/export/local-time'
import { readXlsx, rowCells } from '../src/main/testing/xlsx-sheets'
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
  // Exactly the rows of the view, in its order; ids with the ' that keeps 30 digits in Excel,
  // times in one local ISO format, counts as sent.
  const ids = rows.map((r) => r['id']!.replace(/^'/, ''))
  expect(rows.every((r) => r['id']!.startsWith("'"))).toBe(true)
  expect(ids).toEqual(shown.map((t) => t.id))
  const onScreen = await renderedIds(page)
  expect(ids.slice(0, onScreen.length)).toEqual(onScreen)
  for (const [k, t] of shown.entries()) {
    const r = rows[k]!
    expect(r).toMatchObject({
      status: t.status,
      beginTime: t.beginAt === null ? t.beginTime : formatLocalIso(t.beginAt),
      endTime: t.endAt === null ? t.endTime : formatLocalIso(t.endAt),
      succNum: String(t.succNum),
      repeatNum: String(t.repeatNum),
      failNum: String(t.failNum),
    })
    if (!formulaIds.includes(t.id)) expect(r['errMsg']).toBe(t.errMsg)
  }
  // Formula cells: kept readable, but never starting with = + - @.
  for (const [k, id] of formulaIds.entries()) {
    const cell = rows.find((r) => r['id'] === `'${id}`)!['errMsg']!
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
  expect(new Set(rows.map((r) => r['id']!.slice(1)))).toEqual(new Set(all.map((t) => t.id)))
  const byId = new Map(all.map((t) => [t.id, t]))
  for (const r of rows) expect(r['blackNum']).toBe(String(byId.get(r['id']!.slice(1))!.blackNum))
})

test('export the view as xlsx: the rows on screen, ids exact, real date-times', async ({
  appPage: page,
  app,
}) => {
  const sim = await app.startSimulator({
    campaigns: [{ id: '6003', name: 'Workbook campaign', taskCount: 90, seed: 63 }],
  })
  await connectServer(page, app, sim)
  await openCampaign(page, '6003')
  const all = simTasks(sim, '6003')
  await page.getByTestId('filter-only-failed').click()
  const order = (await clickSort(page, 'failNum'))!
  const shown = sortTasks(
    all.filter((t) => t.failNum > 0 || t.status === '3'),
    'failNum',
    order,
  )
  await expectCount(page, shown.length, all.length)

  await page.getByTestId('export-format-xlsx').click()
  await page.getByTestId('export-view').click()
  await expect(page.getByTestId('toast-exported')).toHaveText(`Exported ${shown.length} tasks`)
  const [save] = app.saves
  expect(save).toMatchObject({ extension: 'xlsx' })
  expect(save!.defaultName).toMatch(/^imports-127\.0\.0\.1-\d+-Workbook-campaign-.*\.xlsx$/)

  const [imports, summary] = readXlsx(await readFile(save!.path))
  expect(imports!.rows.size).toBe(shown.length + 1)
  const onScreen = await renderedIds(page)
  const serial = (ms: number) =>
    (ms - new Date(ms).getTimezoneOffset() * 60_000) / 86_400_000 + 25_569
  for (const [k, t] of shown.entries()) {
    const [id, , begin, end, succ, repeat, fail] = rowCells(imports!, k + 2, 7)
    expect(id).toMatchObject({ type: 'inline', raw: t.id })
    if (k < onScreen.length) expect(id!.raw).toBe(onScreen[k])
    for (const [cell, at] of [
      [begin, t.beginAt],
      [end, t.endAt],
    ] as const) {
      if (at === null) continue
      expect(cell).toMatchObject({ type: 'number', format: 'yyyy-mm-dd hh:mm:ss' })
      expect(Math.abs(Number(cell!.raw) - serial(at)) * 86_400_000).toBeLessThan(1)
    }
    expect([succ, repeat, fail].map((c) => [c?.type, Number(c?.raw)])).toEqual([
      ['number', t.succNum],
      ['number', t.repeatNum],
      ['number', t.failNum],
    ])
  }
  const counts = new Map([...summary!.rows.values()].map((r) => [r.get('A')?.raw, r.get('B')?.raw]))
  expect(counts.get('Imports')).toBe(String(shown.length))
})
