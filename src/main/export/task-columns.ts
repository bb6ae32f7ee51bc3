import { STATUS_LABELS, type Campaign, type ImportTask } from '../../shared/import-task'
import { exportFields, hasOptionalFields, type FieldKind } from '../../shared/task-fields'
import { finishedDuration, successRate } from '../../shared/task-measures'
import { rememberedCells, type CsvColumn, type CsvValue } from './csv-writer'
import {
  excelSerial,
  formatLocalIso,
  localOffset,
  rememberedOffsets,
  type OffsetOf,
} from './local-time'
import type { XlsxCell } from './xlsx-writer'

/**
 * The one table of exported task columns (CSV, xlsx), and the CLI's JSON task records, all from
 * the field table (shared/task-fields.ts). Order: the JSON fields in the JSON order (id, status,
 * beginTime, endTime, succNum, repeatNum, failNum, errMsg, then blackNum when the server sends
 * it), then the derived columns statusText, durationSec, successRate, so scripts reading the
 * JSON-named columns by position are not disturbed.
 *
 * Each column has one canonical value; each format renders it its own way:
 * - id: CSV writes a leading `'` (a spreadsheet would turn 30 digits into 1.79E+29; README
 *   "Exports" says why this way); xlsx writes a text cell.
 * - time: the parsed instant in the workstation's zone, CSV as ISO 8601 with offset, xlsx as a
 *   date-time cell; a text no format matched is kept as the server sent it.
 * - durationSec: end − begin of a finished import; CSV in whole seconds, xlsx as [h]:mm:ss.
 * - successRate: succ / (succ + duplicates + failed); CSV a 0–1 fraction, xlsx a % cell.
 * Counts are numbers (never neutralised); text goes through the formula guard (csv-writer.ts).
 */

export type ColumnKind = FieldKind | 'statusText' | 'duration' | 'rate'

/** id/text/status: text; time: epoch ms (or the unparsed text); count: number; duration: ms; rate: 0–1. */
export type TaskColumnValue = string | number | null

export interface TaskColumn {
  /** CSV header; also the xlsx header, with the unit or zone added there. */
  key: string
  kind: ColumnKind
  value: (task: ImportTask) => TaskColumnValue
}

export interface TaskColumnOptions {
  /**
   * Include the optional fields (blackNum, sent by 2025 servers); use hasBlackNum(tasks) to
   * decide.
   */
  withBlackNum?: boolean
}

/** Whether any task carries the fields only newer servers send (blackNum). */
export function hasBlackNum(tasks: Iterable<ImportTask>): boolean {
  return hasOptionalFields(tasks)
}

/** A field's value: a time's parsed instant when there is one, else what the server sent. */
function fieldReader(key: string, at: string | undefined): (task: ImportTask) => TaskColumnValue {
  const plain = (task: ImportTask): TaskColumnValue => {
    const value = (task as unknown as Record<string, unknown>)[key]
    return typeof value === 'string' || typeof value === 'number' ? value : null
  }
  if (at === undefined) return plain
  return (task) => {
    const instant = (task as unknown as Record<string, unknown>)[at]
    return typeof instant === 'number' ? instant : plain(task)
  }
}

export function taskExportColumns(opts: TaskColumnOptions = {}): TaskColumn[] {
  const fields = exportFields().filter((f) => !f.optional || opts.withBlackNum)
  return [
    ...fields.map((f): TaskColumn => ({
      key: f.key,
      kind: f.kind,
      value: fieldReader(f.key, 'at' in f ? f.at : undefined),
    })),
    { key: 'statusText', kind: 'statusText', value: (t) => STATUS_LABELS[t.status] ?? t.status },
    { key: 'durationSec', kind: 'duration', value: finishedDuration },
    { key: 'successRate', kind: 'rate', value: successRate },
  ]
}

const MINUS = 0x2d

/** All digits: an id a spreadsheet would read as a number (and round). */
const DIGITS = /^\d+$/
/** Marks a digit id as text for spreadsheets opening the CSV (README: "Exports"). */
export const CSV_ID_PREFIX = "'"

/** The CSV rendering of a column's value. */
export function csvValue(
  kind: ColumnKind,
  value: TaskColumnValue,
  offsetOf: OffsetOf = localOffset,
): CsvValue {
  return csvRenderer(kind, offsetOf)(value)
}

/** The CSV rendering of one kind of column, chosen once per column rather than once per cell. */
function csvRenderer(kind: ColumnKind, offsetOf: OffsetOf): (value: TaskColumnValue) => CsvValue {
  switch (kind) {
    case 'id':
      return (v) => (typeof v === 'string' && DIGITS.test(v) ? CSV_ID_PREFIX + v : v)
    case 'time':
      return (v) => (typeof v === 'number' ? formatLocalIso(v, offsetOf) : v === '' ? null : v)
    case 'duration':
      return (v) => (typeof v === 'number' ? Math.round(v / 1000) : null)
    case 'rate':
      return (v) => (typeof v === 'number' ? Math.round(v * 10_000) / 10_000 : null)
    default:
      return (v) => v
  }
}

export interface CsvTaskColumnOptions extends TaskColumnOptions {
  /** The zone times are written in; default the workstation's. */
  offsetOf?: OffsetOf
}

/** The CSV columns of the table above. */
export function taskColumns(opts: CsvTaskColumnOptions = {}): CsvColumn<ImportTask>[] {
  const offsetOf = rememberedOffsets(opts.offsetOf ?? localOffset)
  return taskExportColumns(opts).map((c) => {
    const render = csvRenderer(c.kind, offsetOf)
    const format = csvCellFormatter(c.kind, offsetOf)
    const value = c.value
    return { header: c.key, value: (t) => render(value(t)), cell: (t) => format(value(t)) }
  })
}

/**
 * The finished CSV cell of one kind of column: formatCsvCell(csvRenderer(kind)(value)), without
 * the formula guard where the text cannot be a formula (a digit id behind its `'`, an ISO time,
 * a number); everything else, server text included, goes through formatCsvCell.
 */
function csvCellFormatter(
  kind: ColumnKind,
  offsetOf: OffsetOf,
): (value: TaskColumnValue) => string {
  const render = csvRenderer(kind, offsetOf)
  const slow = rememberedCells()
  const other = (v: TaskColumnValue) => slow(render(v))
  switch (kind) {
    case 'id':
      return (v) => (typeof v === 'string' && DIGITS.test(v) ? CSV_ID_PREFIX + v : other(v))
    case 'time':
      return (v) => {
        if (typeof v !== 'number') return other(v)
        const text = formatLocalIso(v, offsetOf)
        // A year before 1 BC starts with '-': rare enough for the slow way.
        return text.charCodeAt(0) === MINUS ? slow(text) : text
      }
    case 'count':
    case 'duration':
    case 'rate':
      return (v) => {
        const cell = render(v)
        return typeof cell === 'number' && Number.isFinite(cell) ? String(cell) : slow(cell)
      }
    default:
      return other
  }
}

const EXPORT_FIELDS = exportFields()

/** A task as the CLI's JSON prints it: known fields first and authoritative, then the extras. */
export function taskRecord(t: ImportTask): Record<string, unknown> {
  const record: Record<string, unknown> = {}
  for (const f of EXPORT_FIELDS) {
    if (!f.optional || t[f.key] !== undefined) record[f.key] = t[f.key]
  }
  // Nearly every task has no extras: no second copy of the record for those.
  return hasKeys(t.extra) ? { ...record, ...t.extra } : record
}

function hasKeys(o: object): boolean {
  for (const _ in o) return true
  return false
}

export function campaignColumns(): CsvColumn<Campaign>[] {
  return [
    { header: 'id', value: (c) => c.id },
    { header: 'name', value: (c) => c.name },
  ]
}

// --- xlsx --------------------------------------------------------------------------------------

export const XLSX_DATE_TIME = 'yyyy-mm-dd hh:mm:ss'
export const XLSX_DURATION = '[h]:mm:ss'
export const XLSX_PERCENT = '0.0%'

/** The xlsx header of a column: the CSV name, with the zone of times and the unit of durations. */
export function xlsxHeader(column: TaskColumn, zone: string): string {
  if (column.kind === 'time') return `${column.key} (${zone})`
  if (column.kind === 'duration') return `duration (h:mm:ss)`
  return column.key
}

/** The xlsx rendering of a column's value. */
export function xlsxValue(
  kind: ColumnKind,
  value: TaskColumnValue,
  offsetOf: OffsetOf = localOffset,
): XlsxCell {
  if (value === null || value === '') return null
  switch (kind) {
    case 'status':
      return typeof value === 'string' && DIGITS.test(value) ? Number(value) : value
    case 'time':
      return typeof value === 'number'
        ? { number: excelSerial(value, offsetOf), format: XLSX_DATE_TIME }
        : value
    case 'duration':
      return typeof value === 'number'
        ? { number: value / 86_400_000, format: XLSX_DURATION }
        : null
    case 'rate':
      return typeof value === 'number' ? { number: value, format: XLSX_PERCENT } : null
    default:
      return value
  }
}

/** Column widths in characters, by kind. */
export const XLSX_WIDTHS: Readonly<Record<ColumnKind, number>> = {
  id: 34,
  status: 8,
  time: 21,
  count: 11,
  text: 60,
  statusText: 14,
  duration: 12,
  rate: 11,
}
