/**
 * Measuring the exports (issue 13, target 5): N generated tasks written to CSV or xlsx the way the
 * window's export does it (handlers/export.ts: the window's ids parsed by the contract, the list
 * the window feed holds with its lookup by id, the rows on screen in screen order, an atomic
 * file), against the naive way (CSV: the whole file built as one string, then written; xlsx: the
 * previous writer, exceljs's streaming WorkbookWriter with a number format on every dated, duration
 * or percent cell, bench/naive-xlsx.ts). Returns time (wall and CPU), memory growth and file size.
 *
 * Memory growth: the peak of process.memoryUsage() while the export runs (sampled every few ms
 * and at the end) minus the value just before it, after a full GC when the process runs with
 * --expose-gc. `growthMb` is JS heap + external (Buffers, zlib): what the export itself holds;
 * RSS is reported too but moves with the allocator's mood. Run each measurement in a fresh
 * process for memory numbers that do not depend on what ran before.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { formatCsvRow, UTF8_BOM } from '../src/main/export/csv-writer'
import { exportTasksCsv, exportTasksXlsx, selectTasks } from '../src/main/export/export-service'
import { hasBlackNum, taskColumns } from '../src/main/export/task-columns'
import { taskWorkbookSheets, type TaskExportContext } from '../src/main/export/task-workbook'
import { writeFileAtomic } from '../src/main/fs/atomic-write'
import { parseImportTaskPage } from '../src/main/isales/schemas'
import { generateCampaignTasks } from '../src/main/simulator/dataset'
import { CHANNELS } from '../src/shared/contract'
import type { ImportTask } from '../src/shared/import-task'
import { tasksById } from '../src/shared/task-diff'
import { writeXlsxWithExceljs } from './naive-xlsx'

export type ExportFormat = 'csv' | 'xlsx'
/** 'streamed': the product's export; 'naive': the way to compare against (module comment). */
export type ExportWay = 'streamed' | 'naive'

export interface ExportSample {
  format: ExportFormat
  way: ExportWay
  rows: number
  /** Wall-clock time of the export, ms. */
  ms: number
  /** CPU time (user + system) the process spent during the export, ms (all threads, zlib's too). */
  cpuMs: number
  /** Peak growth of JS heap + external memory, MB. */
  growthMb: number
  heapGrowthMb: number
  externalGrowthMb: number
  rssGrowthMb: number
  /** Size of the file written, bytes. */
  bytes: number
}

/** `count` tasks as the app holds them: the simulator's data set, parsed like a server reply. */
export function exportTasks(count: number, seed = 3): ImportTask[] {
  const raw = generateCampaignTasks({ seed, count, now: Date.UTC(2026, 0, 1) })
  return parseImportTaskPage({ resultCode: '0200000', returnCode: '0200000', result: raw }).tasks
}

/** The window's view of `tasks`: every id, in an order other than the cache's (a sort). */
export function screenOrder(tasks: readonly ImportTask[]): string[] {
  return tasks.map((t) => t.id).reverse()
}

export interface MeasureOptions {
  format: ExportFormat
  way?: ExportWay
  /** The cached list; the export writes the rows of `taskIds` (default: screenOrder(tasks)). */
  tasks: readonly ImportTask[]
  taskIds?: readonly string[] | null
  /** Folder for the file (default: a fresh temp folder, removed afterwards). */
  dir?: string
  /** Sampling period of the memory peak, ms (default 5). */
  sampleMs?: number
}

const CONTEXT: TaskExportContext = {
  title: 'Bench — 100,000 tasks',
  server: '10.0.0.1:28443',
  campaign: 'Bench (1001)',
  exportedAt: Date.UTC(2026, 0, 1),
}

/** Runs one export (see the module comment) and measures it. */
export async function measureExport(options: MeasureOptions): Promise<ExportSample> {
  const { format, tasks } = options
  const way = options.way ?? 'streamed'
  const taskIds = options.taskIds === undefined ? screenOrder(tasks) : options.taskIds
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'export-measure-')))
  const path = join(dir, `export-${way}.${format}`)
  try {
    // The window feed holds the list by id already (it diffs refreshes with it): not timed.
    const byId = tasksById(tasks)
    const gc = (globalThis as { gc?: () => void }).gc
    gc?.()
    gc?.()
    const before = process.memoryUsage()
    const peak = { ...before, total: before.heapUsed + before.external }
    const sample = () => {
      const m = process.memoryUsage()
      peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed)
      peak.external = Math.max(peak.external, m.external)
      peak.rss = Math.max(peak.rss, m.rss)
      peak.total = Math.max(peak.total, m.heapUsed + m.external)
    }
    const timer = setInterval(sample, options.sampleMs ?? 5)
    const cpu0 = process.cpuUsage()
    const t0 = performance.now()
    let rows: number
    try {
      rows = await run(format, way, tasks, taskIds, path, byId)
    } finally {
      clearInterval(timer)
    }
    const ms = performance.now() - t0
    const cpu = process.cpuUsage(cpu0)
    sample()
    const mb = (n: number) => Math.max(0, n) / 1024 / 1024
    return {
      format,
      way,
      rows,
      ms,
      cpuMs: (cpu.user + cpu.system) / 1000,
      growthMb: mb(peak.total - before.heapUsed - before.external),
      heapGrowthMb: mb(peak.heapUsed - before.heapUsed),
      externalGrowthMb: mb(peak.external - before.external),
      rssGrowthMb: mb(peak.rss - before.rss),
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
  screenIds: readonly string[] | null,
  path: string,
  byId: ReadonlyMap<string, ImportTask> | null,
): Promise<number> {
  // What main's dispatcher does with the window's arguments before the handler runs.
  const { taskIds } = CHANNELS['export:csv'].parse({
    profileId: 'bench',
    campaignId: '1001',
    taskIds: screenIds,
  })
  if (way === 'streamed') {
    const result =
      format === 'csv'
        ? await exportTasksCsv({ tasks, byId, taskIds, path })
        : await exportTasksXlsx({ tasks, byId, taskIds, path, context: CONTEXT })
    return result.rowCount
  }
  const rows = selectTasks(tasks, taskIds)
  const withBlackNum = hasBlackNum(rows)
  if (format === 'csv') {
    // The whole file as one string, then one write.
    const columns = taskColumns({ withBlackNum })
    let text = UTF8_BOM + formatCsvRow(columns.map((c) => c.header))
    for (const t of rows) text += formatCsvRow(columns.map((c) => c.value(t)))
    await writeFileAtomic(path, text)
    return rows.length
  }
  const { rowCounts } = await writeXlsxWithExceljs(
    path,
    taskWorkbookSheets(rows, CONTEXT, { withBlackNum }),
  )
  return rowCounts[0] ?? 0
}

/** The median of `runs` measurements (by wall time; each field its own median). */
export async function medianExport(options: MeasureOptions, runs = 3): Promise<ExportSample> {
  const samples: ExportSample[] = []
  for (let i = 0; i < runs; i++) samples.push(await measureExport(options))
  const median = (pick: (s: ExportSample) => number) => {
    const sorted = samples.map(pick).sort((a, b) => a - b)
    return sorted[Math.floor(sorted.length / 2)]!
  }
  return {
    ...samples[0]!,
    ms: median((s) => s.ms),
    cpuMs: median((s) => s.cpuMs),
    growthMb: median((s) => s.growthMb),
    heapGrowthMb: median((s) => s.heapGrowthMb),
    externalGrowthMb: median((s) => s.externalGrowthMb),
    rssGrowthMb: median((s) => s.rssGrowthMb),
    bytes: median((s) => s.bytes),
  }
}
