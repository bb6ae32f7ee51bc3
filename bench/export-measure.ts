/**
 * Measuring the exports (issue 13, target 5). A MINIMAL STAND-IN with the interface of the
 * p13-export branch's bench/export-measure.ts (exportTasks, measureExport, ExportSample): at merge
 * that file replaces this one, and bench/export.measure.ts keeps working.
 *
 * N generated tasks written the way the window's export does it (export-service.ts) against the
 * naive way (CSV: the whole file built as one string, then written; xlsx: here the product's own
 * writer, which before the p13-export merge is the exceljs one the issue names as the naive way).
 * Memory growth: the peak of JS heap + external (sampled every few ms) minus the value before.
 */
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { formatCsvRow, UTF8_BOM } from '../src/main/export/csv-writer'
import { exportTasksCsv, exportTasksXlsx, selectTasks } from '../src/main/export/export-service'
import { hasBlackNum, taskColumns } from '../src/main/export/task-columns'
import type { TaskExportContext } from '../src/main/export/task-workbook'
import { parseImportTaskPage } from '../src/main/isales/schemas'
import { generateCampaignTasks } from '../src/main/simulator/dataset'
import type { ImportTask } from '../src/shared/import-task'

export type ExportFormat = 'csv' | 'xlsx'
export type ExportWay = 'streamed' | 'naive'

export interface ExportSample {
  format: ExportFormat
  way: ExportWay
  rows: number
  ms: number
  cpuMs: number
  /** Peak growth of JS heap + external memory, MB. */
  growthMb: number
  heapGrowthMb: number
  externalGrowthMb: number
  rssGrowthMb: number
  bytes: number
}

export interface MeasureOptions {
  format: ExportFormat
  way?: ExportWay
  tasks: readonly ImportTask[]
  taskIds?: readonly string[] | null
  dir?: string
  sampleMs?: number
}

const CONTEXT: TaskExportContext = {
  title: 'Bench — 100,000 tasks',
  server: '10.0.0.1:28443',
  campaign: 'Bench (1001)',
  exportedAt: Date.UTC(2026, 0, 1),
}

/** `count` tasks as the app holds them: the simulator's data set, parsed like a server reply. */
export function exportTasks(count: number, seed = 3): ImportTask[] {
  const raw = generateCampaignTasks({ seed, count, now: Date.UTC(2026, 0, 1) })
  return parseImportTaskPage({ resultCode: '0200000', returnCode: '0200000', result: raw }).tasks
}

/** The window's view: every id, in an order other than the cache's (as after a sort). */
export function screenOrder(tasks: readonly ImportTask[]): string[] {
  return tasks.map((t) => t.id).reverse()
}

export async function measureExport(options: MeasureOptions): Promise<ExportSample> {
  const { format, tasks } = options
  const way = options.way ?? 'streamed'
  const taskIds = options.taskIds === undefined ? screenOrder(tasks) : options.taskIds
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'export-measure-')))
  const path = join(dir, `export-${way}.${format}`)
  try {
    const gc = (globalThis as { gc?: () => void }).gc
    gc?.()
    const before = process.memoryUsage()
    let peakTotal = before.heapUsed + before.external
    let peakHeap = before.heapUsed
    let peakExternal = before.external
    let peakRss = before.rss
    const sample = () => {
      const m = process.memoryUsage()
      peakTotal = Math.max(peakTotal, m.heapUsed + m.external)
      peakHeap = Math.max(peakHeap, m.heapUsed)
      peakExternal = Math.max(peakExternal, m.external)
      peakRss = Math.max(peakRss, m.rss)
    }
    const timer = setInterval(sample, options.sampleMs ?? 5)
    const cpu0 = process.cpuUsage()
    const t0 = performance.now()
    let rows: number
    try {
      rows = await run(format, way, tasks, taskIds, path)
    } finally {
      clearInterval(timer)
    }
    const ms = performance.now() - t0
    const cpu = process.cpuUsage(cpu0)
    sample()
    const mb = (n: number) => Math.max(0, n) / 2 ** 20
    return {
      format,
      way,
      rows,
      ms,
      cpuMs: (cpu.user + cpu.system) / 1000,
      growthMb: mb(peakTotal - before.heapUsed - before.external),
      heapGrowthMb: mb(peakHeap - before.heapUsed),
      externalGrowthMb: mb(peakExternal - before.external),
      rssGrowthMb: mb(peakRss - before.rss),
      bytes: (await stat(path)).size,
    }
  } finally {
    if (options.dir === undefined) await rm(dir, { recursive: true, force: true })
  }
}

async function run(
  format: ExportFormat,
  way: ExportWay,
  tasks: readonly ImportTask[],
  taskIds: readonly string[] | null,
  path: string,
): Promise<number> {
  if (way === 'naive' && format === 'csv') {
    const rows = selectTasks(tasks, taskIds)
    const columns = taskColumns({ withBlackNum: hasBlackNum(rows) })
    let text = UTF8_BOM + formatCsvRow(columns.map((c) => c.header))
    for (const t of rows) text += formatCsvRow(columns.map((c) => c.value(t)))
    await writeFile(path, text)
    return rows.length
  }
  const result =
    format === 'csv'
      ? await exportTasksCsv({ tasks, taskIds, path })
      : await exportTasksXlsx({ tasks, taskIds, path, context: CONTEXT })
  return result.rowCount
}
