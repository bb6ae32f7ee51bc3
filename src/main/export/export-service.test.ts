import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parse } from 'csv-parse/sync'
import { AppError } from '../../shared/errors'
import type { ImportTask } from '../../shared/import-task'
import { buildTask } from '../../shared/testing/task-builder'
import { DEFAULT_SETTINGS } from '../../shared/profile'
import {
  defaultExportName,
  exportTasksCsv,
  ExportedFiles,
  safeFileNamePart,
  selectTasks,
} from './export-service'

const BOM = Buffer.from([0xef, 0xbb, 0xbf])

let dir: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'export-service-'))
})

afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

function task(n: number, over: Partial<ImportTask> = {}): ImportTask {
  return buildTask({
    id: String(202611270000000000000000000000n + BigInt(n)),
    status: '2',
    beginTime: '2026-11-27 09:00:00',
    endTime: '2026-11-27 09:05:00',
    beginAt: null,
    endAt: null,
    succNum: n * 10,
    repeatNum: n,
    failNum: 0,
    errMsg: '',
    extra: {},
    ...over,
  })
}

const quoted = (id: string) => `'${id}`

async function readRows(path: string): Promise<string[][]> {
  const text = await readFile(path, 'utf8')
  return parse(text, { bom: true, relax_column_count: false }) as string[][]
}

describe('selectTasks', () => {
  const tasks = [task(1), task(2), task(3)]

  it('follows taskIds, skipping unknown ids and repeats', () => {
    const ids = [tasks[2]!.id, '999', tasks[0]!.id, tasks[2]!.id]
    expect(selectTasks(tasks, ids)).toEqual([tasks[2], tasks[0]])
  })

  it('picks the same rows through a lookup by id the caller already has', () => {
    const byId = new Map(tasks.map((t) => [t.id, t]))
    const ids = [tasks[2]!.id, '999', tasks[0]!.id, tasks[2]!.id, tasks[1]!.id]
    expect(selectTasks(tasks, ids, byId)).toEqual([tasks[2], tasks[0], tasks[1]])
    // A lookup that is not of these tasks is not trusted.
    expect(selectTasks(tasks, ids, new Map([[tasks[0]!.id, task(9)]]))).toEqual([
      tasks[2],
      tasks[0],
      tasks[1],
    ])
  })

  it('takes the first of two cached tasks with one id', () => {
    const twin = { ...task(1), succNum: 999_999 }
    expect(selectTasks([tasks[0]!, twin, tasks[1]!], [tasks[1]!.id, twin.id])).toEqual([
      tasks[1],
      tasks[0],
    ])
  })

  it('takes every task in cache order for null', () => {
    expect(selectTasks(tasks, null)).toEqual(tasks)
  })
})

describe('exportTasksCsv', () => {
  it('writes the rows in screen order and reports the row count', async () => {
    const tasks = [task(1), task(2), task(3), task(4)]
    const path = join(dir, 'out.csv')
    const taskIds = [tasks[3]!.id, tasks[0]!.id, 'gone-since', tasks[2]!.id]
    const result = await exportTasksCsv({ tasks, taskIds, path, bom: true, withBlackNum: false })
    expect(result).toEqual({ path, rowCount: 3 })

    const [header, ...rows] = await readRows(path)
    expect(header).toEqual([
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
    // Ids carry the leading ' that keeps all 30 digits in a spreadsheet (task-columns.ts).
    expect(rows.map((r) => r[0])).toEqual([tasks[3]!.id, tasks[0]!.id, tasks[2]!.id].map(quoted))
    expect(rows[0]).toEqual([
      quoted(tasks[3]!.id),
      '2',
      '2026-11-27 09:00:00',
      '2026-11-27 09:05:00',
      '40',
      '4',
      '0',
      '',
      'Imported',
      '', // no duration: these times were not parsed (beginAt/endAt null)
      '0.9091', // 40 / (40 + 4 + 0)
    ])
  })

  it('exports every task in cache order for null, and an empty selection as a header', async () => {
    const tasks = Array.from({ length: 2500 }, (_, i) =>
      task(i, { status: i % 7 === 0 ? '3' : '2' }),
    )
    const all = join(dir, 'all.csv')
    expect(await exportTasksCsv({ tasks, taskIds: null, path: all, bom: true })).toEqual({
      path: all,
      rowCount: 2500,
    })
    const rows = await readRows(all)
    expect(rows).toHaveLength(2501)
    expect(rows.slice(1).map((r) => r[0])).toEqual(tasks.map((t) => quoted(t.id)))

    const none = join(dir, 'none.csv')
    const empty = await exportTasksCsv({ tasks, taskIds: ['1'], path: none, bom: false })
    expect(empty.rowCount).toBe(0)
    expect(await readRows(none)).toHaveLength(1)
  })

  it('starts with a UTF-8 BOM by default (the settings default), none when turned off', async () => {
    expect(DEFAULT_SETTINGS.csvBom).toBe(true)
    const tasks = [task(1, { errMsg: '导入失败：号码格式错误' })]
    const withDefault = join(dir, 'default.csv')
    await exportTasksCsv({ tasks, taskIds: null, path: withDefault })
    const bytes = await readFile(withDefault)
    expect(bytes.subarray(0, 3)).toEqual(BOM)
    expect(bytes.toString('utf8')).toContain('导入失败：号码格式错误')

    const without = join(dir, 'nobom.csv')
    await exportTasksCsv({ tasks, taskIds: null, path: without, bom: false })
    expect((await readFile(without)).subarray(0, 2).toString()).toBe('id')
  })

  it('adds blackNum when asked, or by default when the tasks carry it', async () => {
    const tasks = [task(1, { blackNum: 7 }), task(2, { blackNum: 0 })]
    const auto = join(dir, 'auto.csv')
    await exportTasksCsv({ tasks, taskIds: null, path: auto })
    const [header, first] = await readRows(auto)
    expect(header).toContain('blackNum')
    expect(first![header!.indexOf('blackNum')]).toBe('7')

    const off = join(dir, 'off.csv')
    await exportTasksCsv({ tasks, taskIds: null, path: off, withBlackNum: false })
    expect((await readRows(off))[0]).not.toContain('blackNum')
  })

  it('parses back to the same values, with formula cells neutralized', async () => {
    const tasks = [
      task(1, { status: '3', errMsg: '=HYPERLINK("http://evil","click")' }),
      task(2, { status: '3', errMsg: '+1,"quoted"\r\nnext line' }),
      task(3, { status: '3', errMsg: '@SUM(A1)' }),
      task(4, { status: '1', endTime: '', errMsg: '-2' }),
    ]
    const path = join(dir, 'formula.csv')
    await exportTasksCsv({ tasks, taskIds: null, path, bom: true })
    const rows = (await readRows(path)).slice(1)
    expect(rows.map((r) => r[7])).toEqual([
      `'=HYPERLINK("http://evil","click")`,
      `'+1,"quoted"\r\nnext line`,
      `'@SUM(A1)`,
      `'-2`,
    ])
    expect(rows.map((r) => r[8])).toEqual([
      'Import failed',
      'Import failed',
      'Import failed',
      'Importing',
    ])
    expect(rows[3]![3]).toBe('')
  })

  it('leaves nothing half-written when a write fails part-way', async () => {
    const path = join(dir, 'target.csv')
    await writeFile(path, 'previous export\r\n')
    let reads = 0
    const poisoned = task(99)
    Object.defineProperty(poisoned, 'errMsg', {
      get() {
        reads++
        throw Object.assign(new Error('disk went away'), { code: 'EIO' })
      },
    })
    // Enough rows before the failure that the writer has flushed chunks to the temp file.
    const tasks = [...Array.from({ length: 3000 }, (_, i) => task(i)), poisoned]
    const err = await exportTasksCsv({ tasks, taskIds: null, path, bom: true }).catch(
      (e: unknown) => e,
    )
    expect(reads).toBe(1)
    expect(err).toBeInstanceOf(AppError)
    expect((err as AppError).message).toContain('Nothing was written')
    expect((err as AppError).detail).toMatchObject({ cause: 'EIO', field: 'path' })
    expect(await readFile(path, 'utf8')).toBe('previous export\r\n')
    expect(await readdir(dir)).toEqual(['target.csv'])
  })

  it('reports an unwritable location in plain words and creates nothing', async () => {
    const path = join(dir, 'missing-folder', 'out.csv')
    const err = await exportTasksCsv({ tasks: [task(1)], taskIds: null, path }).catch(
      (e: unknown) => e,
    )
    expect(err).toBeInstanceOf(AppError)
    expect((err as AppError).message).toContain('the folder does not exist')
    expect((err as AppError).detail.cause).toBe('ENOENT')
    expect(await readdir(dir)).toEqual([])
  })
})

describe('ExportedFiles', () => {
  it('only vouches for paths this session exported', async () => {
    const files = new ExportedFiles('linux')
    const path = join(dir, 'mine.csv')
    const result = await exportTasksCsv({ tasks: [task(1)], taskIds: null, path })
    files.remember(result.path)

    expect(files.has(path)).toBe(true)
    expect(files.has(join(dir, '.', 'sub', '..', 'mine.csv'))).toBe(true)
    expect(files.check(path)).toBe(resolve(path))
    expect(files.has(join(dir, 'other.csv'))).toBe(false)
    expect(files.has(join(dir, 'MINE.csv'))).toBe(false)
    expect(files.has('/etc/passwd')).toBe(false)
    expect(files.has('')).toBe(false)
    expect(() => files.check('/etc/passwd')).toThrow(AppError)
    expect(() => files.check(dir)).toThrow(
      expect.objectContaining({ code: 'validation' }) as unknown as Error,
    )
  })

  it('ignores case where the file system does', () => {
    const files = new ExportedFiles('win32')
    files.remember(join(dir, 'Mine.csv'))
    expect(files.has(join(dir, 'MINE.CSV'))).toBe(true)
  })
})

describe('defaultExportName', () => {
  const at = new Date(2026, 10, 27, 14, 3, 59)
  const name = (campaign: string, date = at, server = '10.0.0.1:28443') =>
    defaultExportName({ server, campaign, date, format: 'csv' })

  it('names the server, the campaign and the local date and time', () => {
    expect(name('Spring Renewal Offers 2024')).toBe(
      'imports-10.0.0.1-28443-Spring-Renewal-Offers-2024-2026-11-27-1403.csv',
    )
    expect(name('导入 活动', new Date(2026, 0, 5, 9, 7))).toBe(
      'imports-10.0.0.1-28443-导入-活动-2026-01-05-0907.csv',
    )
  })

  it('takes the extension of the format and the host of a server URL', () => {
    const xlsx = defaultExportName({
      server: 'https://[fe80::1]:28443/',
      campaign: '1001',
      date: at,
      format: 'xlsx',
    })
    expect(xlsx).toBe('imports-fe80-1-28443-1001-2026-11-27-1403.xlsx')
  })

  it('replaces characters no file system accepts', () => {
    const n = name('Q3 / Renewals: "VIP" <A|B>? *\\ ..\u0007', at, 'host:1/..\\x')
    expect(n).toBe('imports-host-1-..-x-Q3-Renewals-VIP-A-B-2026-11-27-1403.csv')
    // eslint-disable-next-line no-control-regex
    expect(n).not.toMatch(/[<>:"/\\|?*\u0000-\u001f]/)
  })

  it('never produces an empty or overlong campaign or server part', () => {
    expect(name('///')).toBe('imports-10.0.0.1-28443-campaign-2026-11-27-1403.csv')
    expect(name('', at, '')).toBe('imports-server-campaign-2026-11-27-1403.csv')
    expect(safeFileNamePart('x'.repeat(500))).toHaveLength(60)
    expect([...safeFileNamePart('活'.repeat(100))]).toHaveLength(60)
    expect(safeFileNamePart('../../etc')).toBe('etc')
  })
})
