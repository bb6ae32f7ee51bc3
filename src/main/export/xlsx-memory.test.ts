import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import type { ImportTask } from '../../shared/import-task'
import { buildTask } from '../../shared/testing/task-builder'
import { writeCsvFile } from './csv-writer'
import { taskColumns } from './task-columns'
import { writeTasksXlsx } from './task-workbook'

/**
 * Bounded memory (issue 13: growth ≤ 64 MB for CSV, ≤ 96 MB for xlsx at 100,000 rows): 100,000
 * rows stream through each writer while memory is sampled. The rows are generated one at a time,
 * so whatever memory gains is the writer's own buffering. Held whole, the sheet's XML alone would
 * be about 50 MB (some 500 bytes a row; twice that as JS strings) and the CSV 12 MB (24 as a
 * string, plus its copies); streamed, both stay within a few tens of MB (the chunk in flight,
 * zlib's window, garbage between collections). Speed is the benchmark's (bench/export-measure.ts).
 */

const ROWS = 100_000
const CSV_BAND_MB = 64
const XLSX_BAND_MB = 96

/**
 * A full collection before the baseline, so garbage of earlier tests is not counted as freed
 * (--expose-gc for this process only, from inside the test).
 */
setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

/** The JS heap and the memory outside it (Buffers, zlib's state): what a writer can hold. */
const used = () => {
  const m = process.memoryUsage()
  return m.heapUsed + m.external
}

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

/** Runs `write` (which pulls tasks()); returns the peak growth of heap + external in MB. */
async function peakGrowthMb(write: () => Promise<unknown>): Promise<number> {
  gc()
  const base = used()
  peak = base
  await write()
  peak = Math.max(peak, used())
  return (peak - base) / 1024 / 1024
}

describe('exports stream with bounded memory', () => {
  it(`writes ${ROWS.toLocaleString('en')} rows to xlsx with memory growing less than ${XLSX_BAND_MB} MB`, async () => {
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
    expect(growth).toBeLessThan(XLSX_BAND_MB)
  }, 120_000)

  it(`writes ${ROWS.toLocaleString('en')} rows to CSV with memory growing less than ${CSV_BAND_MB} MB`, async () => {
    const path = join(dir, 'big.csv')
    let rowCount = 0
    const growth = await peakGrowthMb(async () => {
      ;({ rowCount } = await writeCsvFile(path, taskColumns(), tasks(), { bom: true }))
    })
    expect(rowCount).toBe(ROWS)
    expect((await stat(path)).size).toBeGreaterThan(10 * 1024 * 1024)
    expect(growth).toBeLessThan(CSV_BAND_MB)
  }, 60_000)
})
