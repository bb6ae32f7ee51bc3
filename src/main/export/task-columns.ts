import { STATUS_LABELS, type Campaign, type ImportTask } from '../../shared/import-task'
import { exportFields, hasOptionalFields } from '../../shared/task-fields'
import type { CsvColumn } from './csv-writer'

/**
 * The standard CSV columns and the CLI's JSON task records, both from the field table
 * (shared/task-fields.ts). Headers are the JSON field names, in exactly the order of the JSON keys
 * (`--format json`: id, status, beginTime, endTime, succNum, repeatNum, failNum, errMsg, then
 * blackNum when the server sends it), so `--format csv` names the same fields in the same places;
 * `statusText` ("Imported") is an extra, human column kept last so scripts reading the JSON-named
 * columns by position are not disturbed.
 * Times are the raw server text; counts are numbers (never neutralized, never negative).
 */

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

export function taskColumns(opts: TaskColumnOptions = {}): CsvColumn<ImportTask>[] {
  const fields = exportFields().filter((f) => !f.optional || opts.withBlackNum)
  return [
    ...fields.map((f): CsvColumn<ImportTask> => ({ header: f.key, value: (t) => t[f.key] })),
    { header: 'statusText', value: (t) => STATUS_LABELS[t.status] ?? t.status },
  ]
}

/** A task as the CLI's JSON prints it: known fields first and authoritative, then the extras. */
export function taskRecord(t: ImportTask): Record<string, unknown> {
  const record: Record<string, unknown> = {}
  for (const f of exportFields()) {
    if (!f.optional || t[f.key] !== undefined) record[f.key] = t[f.key]
  }
  return { ...record, ...t.extra }
}

export function campaignColumns(): CsvColumn<Campaign>[] {
  return [
    { header: 'id', value: (c) => c.id },
    { header: 'name', value: (c) => c.name },
  ]
}
