import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ImportTask } from '../../shared/import-task'
import { buildTask } from '../../shared/testing/task-builder'
import { writeCsvFile } from './csv-writer'
import { taskColumns } from './task-columns'
import { writeTasksXlsx } from './task-workbook'

/**
 * Bounded memory: 100,000 rows stream through each writer while the heap is sampled. The rows
 * are generated one at a time, so whatever the heap gains is the writer's own buffering. Held
 * whole, the sheet's XML alone would be about 80 MB (some 800 bytes a row; twice that as JS
 * strings); streamed, the heap stays within a band of a few tens of MB (exceljs's row objects,
 * garbage between collections).
 */

const ROWS = 100_000
const BAND_MB = 64

/**
 * The JS heap, where the rows, their XML and exceljs's row objects live. (Buffers outside it,
 * process.memoryUsage().external, grow too with exceljs 4.4.0's zip path: about 30 MB at
 * 100,000 rows, measured with --expose-gc; README "Exports" notes it.)
 */
const used = () => process.memoryUsage().heapUsed

/** The highest memory use seen, sampled as the writer pulls rows (whether or not it yields). */
let peak = 0

function* tasks(): Generator<ImportTask> {
  for (let i = 0; i < ROWS; i++) {
    if (i % 500 === 0) peak = Math.max(peak, used())
    const beginAt = Date.UTC(2026, 0, 1) + i * 1000
    yield buildTask({
      id: String(100000000000000000000000000000n + BigInt(i) * 104729n),
      status: i % 5 === 0 ? '3' : '2',
      beginTime: new Date(beginAt).toISOString(),
      endTime: new Date(beginAt + 60_000).toISOString(),
      beginAt,
      endAt: beginAt + 60_000,
      succNum: i % 1000,
      repeatNum: i % 7,
      failNum: i % 5 === 0 ? 13 : 0,
      errMsg: i % 5 === 0 ? `Row ${i}: the file is not encoded in UTF-8, found GBK bytes` : '',
    })
  }
}

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'export-memory-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** Runs `write` (which pulls tasks()); returns the heap's peak growth in MB. */
async function peakGrowthMb(write: () => Promise<unknown>): Promise<number> {
  const base = used()
  peak = base
  await write()
  peak = Math.max(peak, used())
  return (peak - base) / 1024 / 1024
}

describe('exports stream with bounded memory', () => {
  it(`writes ${ROWS.toLocaleString('en')} rows to xlsx with the heap growing less than ${BAND_MB} MB`, async () => {
    const path = join(dir, 'big.xlsx')
    let rowCount = 0
    const growth = await peakGrowthMb(async () => {
      ;({ rowCount } = await writeTasksXlsx(path, tasks(), {
        title: 'big',
        exportedAt: Date.now(),
      }))
    })
    expect(rowCount).toBe(ROWS)
    expect((await stat(path)).size).toBeGreaterThan(2 * 1024 * 1024)
    expect(growth).toBeLessThan(BAND_MB)
  }, 120_000)

  it(`writes ${ROWS.toLocaleString('en')} rows to CSV with the heap growing less than ${BAND_MB} MB`, async () => {
    const path = join(dir, 'big.csv')
    let rowCount = 0
    const growth = await peakGrowthMb(async () => {
      ;({ rowCount } = await writeCsvFile(path, taskColumns(), tasks(), { bom: true }))
    })
    expect(rowCount).toBe(ROWS)
    expect((await stat(path)).size).toBeGreaterThan(10 * 1024 * 1024)
    expect(growth).toBeLessThan(BAND_MB)
  }, 60_000)
})
