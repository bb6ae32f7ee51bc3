import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import type { ImportTask } from '../../shared/import-task'
import { buildTask } from '../../shared/testing/task-builder'
import { readXlsx, rowCells } from '../testing/xlsx-sheets'
import { neutralizeFormula } from './csv-writer'
import { exportTasksXlsx } from './export-service'
import { writeTasksXlsx, type TaskExportContext } from './task-workbook'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'task-workbook-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const plus8 = () => 480
const MS_PER_DAY = 86_400_000
/** Excel serial (1900 system) of the wall-clock time at +08:00: independent of local-time.ts. */
const serialAt8 = (ms: number) => (ms + 8 * 3_600_000) / MS_PER_DAY + 25_569

function task(n: number, over: Partial<ImportTask> = {}): ImportTask {
  const beginAt = Date.UTC(2026, 11, 2, 1, 0, 0) + n * 60_000
  return buildTask({
    id: String(179000000000000000000000000000n + BigInt(n) * 7919n),
    status: n % 3 === 0 ? '3' : '2',
    beginTime: new Date(beginAt).toISOString(),
    endTime: '2026-12-02 09:30:00',
    beginAt,
    endAt: beginAt + 95_000,
    succNum: 100 + n,
    repeatNum: 2,
    failNum: n % 3 === 0 ? 5 : 0,
    errMsg: n === 2 ? '=cmd|" /C calc"!A0' : n % 3 === 0 ? 'File encoding is not UTF-8' : '',
    ...over,
  })
}

const context: TaskExportContext = {
  title: 'Main — Spring offers',
  server: '10.0.0.1:28443',
  campaign: 'Spring offers (1001)',
  filter: 'Status: Import failed',
  exportedAt: Date.UTC(2026, 11, 2, 2, 0, 0),
  groups: [
    {
      cause: 'The file is not UTF-8',
      fix: 'Save the file as UTF-8 and import it again',
      imports: 2,
      failedRecords: 10,
      firstSeen: '2026-12-02T01:00:00.000Z',
      lastSeen: '2026-12-02T01:03:00.000Z',
    },
    { cause: '@SUM(1)', imports: 1, failedRecords: 1 },
  ],
}

describe('the tasks workbook, read back without exceljs', () => {
  const tasks = Array.from({ length: 7 }, (_, i) => task(i + 1))

  async function written() {
    const path = join(dir, 'imports.xlsx')
    const result = await writeTasksXlsx(path, tasks, context, {
      offsetOf: plus8,
      zoneName: 'Asia/Shanghai',
    })
    expect(result.rowCount).toBe(tasks.length)
    return readXlsx(await readFile(path))
  }

  it('keeps every 30-digit id exact, as a text cell', async () => {
    const [imports] = await written()
    expect(imports!.name).toBe('Imports')
    for (const [k, t] of tasks.entries()) {
      const [id] = rowCells(imports!, k + 2, 1)
      expect(id?.type).toBe('inline')
      expect(id?.raw).toBe(t.id)
      expect(id?.raw).toHaveLength(30)
    }
  })

  it('keeps ids and repeated texts exact past the per-column text cache (600 rows)', async () => {
    const many = Array.from({ length: 600 }, (_, i) => task(i + 1))
    const path = join(dir, 'many.xlsx')
    await writeTasksXlsx(path, many, context, { offsetOf: plus8 })
    const [imports] = readXlsx(await readFile(path))
    for (const [k, t] of many.entries()) {
      const cells = rowCells(imports!, k + 2, 9)
      expect(cells[0]?.raw).toBe(t.id)
      expect(cells[7]?.raw).toBe(t.errMsg === '' ? undefined : neutralizeFormula(t.errMsg))
      expect(cells[8]?.raw).toBe(t.status === '3' ? 'Import failed' : 'Imported')
    }
  })

  it('writes begin and end as numeric date-times equal to the source instants, local wall clock', async () => {
    const [imports] = await written()
    const header = rowCells(imports!, 1, 12).map((c) => c?.raw)
    expect(header[2]).toBe('beginTime (Asia/Shanghai, UTC+08:00)')
    expect(header[3]).toBe('endTime (Asia/Shanghai, UTC+08:00)')
    for (const [k, t] of tasks.entries()) {
      const [, , begin, end] = rowCells(imports!, k + 2, 4)
      for (const [cell, at] of [
        [begin, t.beginAt!],
        [end, t.endAt!],
      ] as const) {
        expect(cell?.type).toBe('number')
        expect(cell?.format).toBe('yyyy-mm-dd hh:mm:ss')
        // Equal to the second (a serial day is not exact in binary; 1 ms is far below a second).
        expect(Math.abs(Number(cell!.raw) - serialAt8(at)) * MS_PER_DAY).toBeLessThan(1)
      }
    }
  })

  it('writes counts as numbers, duration as [h]:mm:ss and the rate as a percentage', async () => {
    const [imports] = await written()
    const header = rowCells(imports!, 1, 11).map((c) => c?.raw)
    expect(header.slice(4, 7)).toEqual(['succNum', 'repeatNum', 'failNum'])
    expect(header.slice(8)).toEqual(['statusText', 'duration (h:mm:ss)', 'successRate'])
    const t = tasks[2]!
    const cells = rowCells(imports!, 4, 11)
    expect(cells[1]).toMatchObject({ type: 'number', raw: t.status })
    expect(cells.slice(4, 7).map((c) => [c?.type, Number(c?.raw)])).toEqual([
      ['number', t.succNum],
      ['number', t.repeatNum],
      ['number', t.failNum],
    ])
    expect(cells[9]).toMatchObject({ type: 'number', format: '[h]:mm:ss' })
    expect(Number(cells[9]!.raw) * 86_400).toBeCloseTo(95, 6)
    expect(cells[10]).toMatchObject({ type: 'number', format: '0.0%' })
    expect(Number(cells[10]!.raw)).toBeCloseTo(t.succNum / (t.succNum + 2 + t.failNum), 12)
  })

  it('freezes the header row, filters over every row and neutralises formulas in text', async () => {
    const [imports, summary] = await written()
    expect(imports!.frozenRows).toBe(1)
    expect(imports!.autoFilter).toBe(`A1:K${tasks.length + 1}`)
    expect(rowCells(imports!, 3, 8)[7]?.raw).toBe(`'=cmd|" /C calc"!A0`)
    const causes = [...summary!.rows.values()].map((r) => r.get('A')?.raw)
    expect(causes).toContain("'@SUM(1)")
  })

  it('summarises the rows, the context and the failure causes on the second sheet', async () => {
    const [, summary] = await written()
    expect(summary!.name).toBe('Summary')
    const byLabel = new Map(
      [...summary!.rows.values()].map((r) => [r.get('A')?.raw.trim(), r.get('B')]),
    )
    expect(byLabel.get('Server')?.raw).toBe('10.0.0.1:28443')
    expect(byLabel.get('Campaign')?.raw).toBe('Spring offers (1001)')
    expect(byLabel.get('Filter')?.raw).toBe('Status: Import failed')
    const exportedAt = byLabel.get('Exported at (Asia/Shanghai, UTC+08:00)')
    expect(exportedAt?.format).toBe('yyyy-mm-dd hh:mm:ss')
    expect(Number(exportedAt!.raw)).toBeCloseTo(serialAt8(context.exportedAt), 8)
    const failed = tasks.filter((t) => t.status === '3').length
    expect(Number(byLabel.get('Imports')?.raw)).toBe(tasks.length)
    expect(Number(byLabel.get('Import failed')?.raw)).toBe(failed)
    expect(Number(byLabel.get('Imported')?.raw)).toBe(tasks.length - failed)
    const sum = (f: (t: ImportTask) => number) => tasks.reduce((s, t) => s + f(t), 0)
    expect(Number(byLabel.get('Records succeeded')?.raw)).toBe(sum((t) => t.succNum))
    expect(Number(byLabel.get('Records duplicates')?.raw)).toBe(sum((t) => t.repeatNum))
    expect(Number(byLabel.get('Records failed')?.raw)).toBe(sum((t) => t.failNum))
    const group = [...summary!.rows.values()].find(
      (r) => r.get('A')?.raw === 'The file is not UTF-8',
    )
    expect(group?.get('B')?.raw).toBe('Save the file as UTF-8 and import it again')
    expect([group?.get('C')?.raw, group?.get('D')?.raw]).toEqual(['2', '10'])
    expect(group?.get('E')?.format).toBe('yyyy-mm-dd hh:mm:ss')
    expect(Number(group!.get('E')!.raw)).toBeCloseTo(serialAt8(Date.UTC(2026, 11, 2, 1)), 8)
  })

  it('reads back in exceljs too: ids, dates and numbers as their types', async () => {
    const path = join(dir, 'exceljs.xlsx')
    await writeTasksXlsx(path, tasks, context, { offsetOf: plus8 })
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(path)
    const sheet = book.getWorksheet('Imports')!
    expect(sheet.getCell('A2').text).toBe(tasks[0]!.id)
    const begin = sheet.getCell('C2').value
    expect(begin).toBeInstanceOf(Date)
    // exceljs reads a date cell as the wall clock in UTC fields: the +08:00 time of the instant.
    expect((begin as Date).getTime()).toBe(tasks[0]!.beginAt! + 8 * 3_600_000)
    expect(sheet.getCell('E2').value).toBe(tasks[0]!.succNum)
    expect(book.getWorksheet('Summary')?.getCell('A1').text).toBe(context.title)
  })
})

describe('exportTasksXlsx', () => {
  it('writes the selected rows in screen order, without a Summary cause table when none is given', async () => {
    const tasks = [task(1), task(2), task(3)]
    const path = join(dir, 'view.xlsx')
    const { groups: _none, ...plain } = context
    const result = await exportTasksXlsx({
      tasks,
      taskIds: [tasks[2]!.id, tasks[0]!.id],
      path,
      context: plain,
    })
    expect(result).toEqual({ path, rowCount: 2 })
    const [imports, summary] = readXlsx(await readFile(path))
    expect([2, 3].map((r) => rowCells(imports!, r, 1)[0]?.raw)).toEqual([
      tasks[2]!.id,
      tasks[0]!.id,
    ])
    expect(imports!.rows.has(4)).toBe(false)
    const labels = [...summary!.rows.values()].map((r) => r.get('A')?.raw)
    expect(labels).not.toContain('Failure cause')
  })

  it('reports an unwritable location in plain words and leaves no file behind', async () => {
    const path = join(dir, 'missing', 'out.xlsx')
    await expect(
      exportTasksXlsx({ tasks: [task(1)], taskIds: null, path, context }),
    ).rejects.toMatchObject({
      message: expect.stringMatching(/Excel workbook.*folder does not exist/),
    })
    expect(await readdir(dir)).toEqual([])
  })
})
