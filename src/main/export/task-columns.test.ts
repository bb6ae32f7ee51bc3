import { parse } from 'csv-parse/sync'
import fc from 'fast-check'
import type { ImportTask } from '../../shared/import-task'
import { buildTask } from '../../shared/testing/task-builder'
import { formatCsvCell, writeCsv } from './csv-writer'
import {
  XLSX_DATE_TIME,
  XLSX_DURATION,
  XLSX_PERCENT,
  campaignColumns,
  hasBlackNum,
  taskColumns,
  taskExportColumns,
  taskRecord,
  xlsxHeader,
  xlsxValue,
} from './task-columns'

function task(over: Partial<ImportTask> = {}): ImportTask {
  return buildTask({
    id: '202203110727090001234567890123',
    status: '2',
    beginTime: '2022-03-11T07:27:09.000+00:00',
    endTime: '2022-03-11 15:30:00',
    beginAt: 0,
    endAt: 0,
    succNum: 10,
    repeatNum: 2,
    failNum: 1,
    errMsg: '',
    extra: { other: 1 },
    ...over,
  })
}

async function csv<T>(columns: Parameters<typeof writeCsv<T>>[1], rows: T[]): Promise<string[][]> {
  let text = ''
  await writeCsv((c) => void (text += c), columns, rows)
  return parse(text) as string[][]
}

describe('taskColumns', () => {
  it('uses the JSON field names, statusText last', () => {
    expect(taskColumns().map((c) => c.header)).toEqual([
      'id',
      'status',
      'beginTime',
      'endTime',
      'succNum',
      'repeatNum',
      'failNum',
      'errMsg',
      'statusText',
      'durationSec',
      'successRate',
    ])
  })

  it('adds blackNum after errMsg (where the JSON has it) only when asked', () => {
    expect(taskColumns({ withBlackNum: true }).map((c) => c.header)).toEqual([
      'id',
      'status',
      'beginTime',
      'endTime',
      'succNum',
      'repeatNum',
      'failNum',
      'errMsg',
      'blackNum',
      'statusText',
      'durationSec',
      'successRate',
    ])
  })

  const plus8 = () => 480
  const begin = Date.parse('2022-03-11T07:27:09.000+00:00')
  const end = Date.parse('2022-03-11T07:30:00+08:00') + 8 * 3_600_000 // 15:30:00 at +08:00

  it('writes ids kept whole by spreadsheets, local ISO times, duration and rate', async () => {
    const rows = await csv(taskColumns({ withBlackNum: true, offsetOf: plus8 }), [
      task({ blackNum: 3, errMsg: '=HYPERLINK("x")', beginAt: begin, endAt: end }),
      task({ status: '1', endTime: '', beginAt: begin, endAt: null }),
    ])
    expect(rows[1]).toEqual([
      "'202203110727090001234567890123",
      '2',
      '2022-03-11T15:27:09+08:00', // both server formats, one local format
      '2022-03-11T15:30:00+08:00',
      '10',
      '2',
      '1',
      `'=HYPERLINK("x")`,
      '3',
      'Imported',
      '171', // 15:30:00 − 15:27:09
      '0.7692', // 10 / 13
    ])
    expect(rows[2]?.[3]).toBe('')
    expect(rows[2]?.[7]).toBe('')
    expect(rows[2]?.[9]).toBe('Importing')
    expect(rows[2]?.[10]).toBe('') // still importing: no duration yet
  })

  it('writes each cell its fast way exactly as the formula guard and quoting would (any task)', () => {
    const text = fc.oneof(
      fc.string(),
      fc.constantFrom('=1+1', '-5', '+1', '@x', ' a', 'a;=b', '"q"', '\t=x', '－1', '=\u0338'),
      fc.stringMatching(/^\d{1,40}$/),
    )
    const time = fc.option(
      fc.oneof(
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.integer({ min: -8.64e15 + 1e9, max: 8.64e15 - 1e9 }),
      ),
    )
    const count = fc.oneof(fc.nat(), fc.double(), fc.constant(Number.NaN))
    const anyTask = fc.record({
      id: text,
      status: fc.oneof(fc.constantFrom('0', '1', '2', '3', '4'), text),
      beginTime: text,
      endTime: text,
      beginAt: time,
      endAt: time,
      succNum: count,
      repeatNum: count,
      failNum: count,
      errMsg: text,
      blackNum: count,
    })
    const columns = taskColumns({ withBlackNum: true, offsetOf: plus8 })
    fc.assert(
      fc.property(anyTask, (over) => {
        const t = task(over as Partial<ImportTask>)
        for (const c of columns) expect(c.cell!(t), c.header).toBe(formatCsvCell(c.value(t)))
      }),
      { numRuns: 1500 },
    )
    expect(columns.every((c) => c.cell !== undefined)).toBe(true)
  })

  it('keeps a time no format matched as the server sent it, and no rate without records', async () => {
    const rows = await csv(taskColumns({ offsetOf: plus8 }), [
      task({
        beginTime: '11/03/2022 07:27',
        beginAt: null,
        endAt: null,
        succNum: 0,
        repeatNum: 0,
        failNum: 0,
      }),
    ])
    expect(rows[1]?.[2]).toBe('11/03/2022 07:27')
    expect(rows[1]?.slice(-2)).toEqual(['', ''])
  })

  it('renders the same columns for xlsx: text ids, date-time serials, numbers, formats', () => {
    const columns = taskExportColumns({ withBlackNum: false })
    expect(taskColumns().map((c) => c.header)).toEqual(columns.map((c) => c.key))
    const t = task({ beginAt: begin, endAt: end })
    const cells = Object.fromEntries(
      columns.map((c) => [c.key, xlsxValue(c.kind, c.value(t), plus8)]),
    )
    expect(cells['id']).toBe('202203110727090001234567890123')
    expect(cells['status']).toBe(2)
    // 2022-03-11 15:27:09 wall clock: 44631 days after 1899-12-30, plus the time of day.
    expect(cells['beginTime']).toEqual({
      number: 44631 + (15 * 3600 + 27 * 60 + 9) / 86400,
      format: XLSX_DATE_TIME,
    })
    expect(cells['succNum']).toBe(10)
    expect(cells['durationSec']).toEqual({ number: 171 / 86400, format: XLSX_DURATION })
    expect(cells['successRate']).toEqual({ number: 10 / 13, format: XLSX_PERCENT })
    expect(cells['errMsg']).toBeNull()
  })

  it('names the zone of times and the unit of durations in the xlsx headers', () => {
    const headers = taskExportColumns().map((c) => xlsxHeader(c, 'Asia/Shanghai, UTC+08:00'))
    expect(headers).toContain('beginTime (Asia/Shanghai, UTC+08:00)')
    expect(headers).toContain('duration (h:mm:ss)')
    expect(headers[0]).toBe('id')
  })

  it('keeps the CLI JSON record as it was: server fields and extras, no derived columns', () => {
    expect(Object.keys(taskRecord(task()))).toEqual([
      'id',
      'status',
      'beginTime',
      'endTime',
      'succNum',
      'repeatNum',
      'failNum',
      'errMsg',
      'other',
    ])
  })

  it('detects blackNum in any row', () => {
    expect(hasBlackNum([task(), task()])).toBe(false)
    expect(hasBlackNum([task(), task({ blackNum: 0 })])).toBe(true)
  })
})

describe('campaignColumns', () => {
  it('writes id and name', async () => {
    const rows = await csv(campaignColumns(), [{ id: '7', name: '春季, 回访', extra: {} }])
    expect(rows).toEqual([
      ['id', 'name'],
      ['7', '春季, 回访'],
    ])
  })
})
