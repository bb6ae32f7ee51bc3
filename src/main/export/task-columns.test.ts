import { parse } from 'csv-parse/sync'
import type { ImportTask } from '../../shared/import-task'
import { buildTask } from '../../shared/testing/task-builder'
import { writeCsv } from './csv-writer'
import { campaignColumns, hasBlackNum, taskColumns } from './task-columns'

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
    ])
  })

  it('writes the raw values, the 30-digit id intact, and the status label', async () => {
    const rows = await csv(taskColumns({ withBlackNum: true }), [
      task({ blackNum: 3, errMsg: '=HYPERLINK("x")' }),
      task({ status: '1', endTime: '' }),
    ])
    expect(rows[1]).toEqual([
      '202203110727090001234567890123',
      '2',
      '2022-03-11T07:27:09.000+00:00',
      '2022-03-11 15:30:00',
      '10',
      '2',
      '1',
      `'=HYPERLINK("x")`,
      '3',
      'Imported',
    ])
    expect(rows[2]?.[3]).toBe('')
    expect(rows[2]?.[7]).toBe('')
    expect(rows[2]?.[9]).toBe('Importing')
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
