import { STATUS_LABELS, TASK_STATUSES, type ImportTask } from '../../shared/import-task'
import {
  excelSerial,
  localOffset,
  rememberedOffsets,
  zoneDescription,
  type OffsetOf,
} from './local-time'
import {
  XLSX_DATE_TIME,
  XLSX_PERCENT,
  XLSX_WIDTHS,
  taskExportColumns,
  xlsxHeader,
  xlsxValue,
  type TaskColumnOptions,
} from './task-columns'
import { writeXlsxFile, type XlsxCell, type XlsxRow, type XlsxSheet } from './xlsx-writer'

/**
 * The tasks workbook: sheet "Imports" (one row per task, the columns of task-columns.ts) and sheet
 * "Summary" (what was exported, counts, and the failure causes when the caller has them). Takes a
 * list of tasks and a context, never a campaign: the blacklist imports export through it too.
 * The summary counts are gathered while the rows stream by, so the tasks are read once.
 */

/** One failure cause (triage group), as the Summary lists it. */
export interface TriageGroupRow {
  cause: string
  fix?: string
  imports: number
  failedRecords: number
  /** ISO 8601 instants; shown as local date-times (text when unreadable). */
  firstSeen?: string
  lastSeen?: string
}

export interface TaskExportContext {
  /** What the rows are, e.g. the campaign's or "Blacklist imports". */
  title: string
  /** The server's host (and port). */
  server?: string
  /** The campaign's name or id; absent for imports of no campaign. */
  campaign?: string
  /** The window's filter in words; absent: every task. */
  filter?: string
  /** When the export was made (epoch ms). */
  exportedAt: number
  groups?: readonly TriageGroupRow[]
}

export interface TaskWorkbookOptions extends TaskColumnOptions {
  /** The zone times are written in; default the workstation's. */
  offsetOf?: OffsetOf
  /** The zone's name in headers; default the workstation's. */
  zoneName?: string
}

interface Tally {
  imports: number
  byStatus: Map<string, number>
  succeeded: number
  duplicates: number
  failed: number
}

function count(tally: Tally, t: ImportTask): void {
  tally.imports++
  tally.byStatus.set(t.status, (tally.byStatus.get(t.status) ?? 0) + 1)
  tally.succeeded += t.succNum
  tally.duplicates += t.repeatNum
  tally.failed += t.failNum
}

export async function writeTasksXlsx(
  path: string,
  tasks: Iterable<ImportTask> | AsyncIterable<ImportTask>,
  context: TaskExportContext,
  opts: TaskWorkbookOptions = {},
): Promise<{ path: string; rowCount: number; bytes: number }> {
  const { bytes, rowCounts } = await writeXlsxFile(path, taskWorkbookSheets(tasks, context, opts))
  return { path, rowCount: rowCounts[0] ?? 0, bytes }
}

/** The workbook's sheets, their rows produced as they are read (the tasks are read once). */
export function taskWorkbookSheets(
  tasks: Iterable<ImportTask> | AsyncIterable<ImportTask>,
  context: TaskExportContext,
  opts: TaskWorkbookOptions = {},
): XlsxSheet[] {
  const offsetOf = rememberedOffsets(opts.offsetOf ?? localOffset)
  const zone = zoneDescription(context.exportedAt, offsetOf, opts.zoneName)
  const columns = taskExportColumns(opts)
  const tally: Tally = { imports: 0, byStatus: new Map(), succeeded: 0, duplicates: 0, failed: 0 }
  const row = (t: ImportTask): XlsxRow => {
    count(tally, t)
    return columns.map((c) => xlsxValue(c.kind, c.value(t), offsetOf))
  }
  // A list (the window's) is read without an await per row.
  function* listRows(list: Iterable<ImportTask>): Generator<XlsxRow> {
    for (const t of list) yield row(t)
  }
  async function* streamRows(stream: AsyncIterable<ImportTask>): AsyncGenerator<XlsxRow> {
    for await (const t of stream) yield row(t)
  }
  const imports: XlsxSheet = {
    name: 'Imports',
    header: columns.map((c) => xlsxHeader(c, zone)),
    widths: columns.map((c) => XLSX_WIDTHS[c.kind]),
    filter: true,
    rows: Symbol.iterator in tasks ? listRows(tasks) : streamRows(tasks),
  }
  // A generator: read only once "Imports" is written, when the tally is complete.
  function* summaryRows(): Generator<XlsxRow> {
    yield* summaryLines(context, tally, zone, offsetOf)
  }
  const summary: XlsxSheet = {
    name: 'Summary',
    widths: [28, 60, 10, 14, 21, 21],
    rows: summaryRows(),
  }
  return [imports, summary]
}

function dateCell(ms: number, offsetOf: OffsetOf): XlsxCell {
  return { number: excelSerial(ms, offsetOf), format: XLSX_DATE_TIME }
}

function* summaryLines(
  context: TaskExportContext,
  tally: Tally,
  zone: string,
  offsetOf: OffsetOf,
): Generator<XlsxRow> {
  yield { cells: [context.title], bold: true }
  if (context.server !== undefined) yield ['Server', context.server]
  if (context.campaign !== undefined) yield ['Campaign', context.campaign]
  yield ['Filter', context.filter ?? 'All tasks']
  yield [`Exported at (${zone})`, dateCell(context.exportedAt, offsetOf)]
  yield []
  yield ['Imports', tally.imports]
  for (const status of TASK_STATUSES)
    yield [`  ${STATUS_LABELS[status]}`, tally.byStatus.get(status) ?? 0]
  yield ['Records succeeded', tally.succeeded]
  yield ['Records duplicates', tally.duplicates]
  yield ['Records failed', tally.failed]
  const records = tally.succeeded + tally.duplicates + tally.failed
  yield [
    'Success rate',
    records > 0 ? { number: tally.succeeded / records, format: XLSX_PERCENT } : null,
  ]
  if (context.groups === undefined) return
  yield []
  yield {
    cells: ['Failure cause', 'What to fix', 'Imports', 'Failed records', 'First seen', 'Last seen'],
    bold: true,
  }
  const seen = (iso: string | undefined): XlsxCell => {
    if (iso === undefined) return null
    const ms = Date.parse(iso)
    return Number.isNaN(ms) ? iso : dateCell(ms, offsetOf)
  }
  for (const g of context.groups) {
    yield [g.cause, g.fix ?? null, g.imports, g.failedRecords, seen(g.firstSeen), seen(g.lastSeen)]
  }
}
