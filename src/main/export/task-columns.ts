import { STATUS_LABELS, type Campaign, type ImportTask } from '../../shared/import-task'
import type { CsvColumn } from './csv-writer'

/**
 * The standard CSV columns. Headers are the JSON field names, in exactly the order of the JSON
 * keys (`--format json`: id, status, beginTime, endTime, succNum, repeatNum, failNum, errMsg, then
 * blackNum when the server sends it), so `--format csv` names the same fields in the same places;
 * `statusText` ("Imported") is an extra, human column kept last so scripts reading the JSON-named
 * columns by position are not disturbed.
 * Times are the raw server text; counts are numbers (never neutralized, never negative).
 */

export interface TaskColumnOptions {
  /** Include blackNum (2025 servers); use hasBlackNum(tasks) to decide. */
  withBlackNum?: boolean
}

export function hasBlackNum(tasks: Iterable<ImportTask>): boolean {
  for (const task of tasks) if (task.blackNum !== undefined) return true
  return false
}

export function taskColumns(opts: TaskColumnOptions = {}): CsvColumn<ImportTask>[] {
  return [
    { header: 'id', value: (t) => t.id },
    { header: 'status', value: (t) => t.status },
    { header: 'beginTime', value: (t) => t.beginTime },
    { header: 'endTime', value: (t) => t.endTime },
    { header: 'succNum', value: (t) => t.succNum },
    { header: 'repeatNum', value: (t) => t.repeatNum },
    { header: 'failNum', value: (t) => t.failNum },
    { header: 'errMsg', value: (t) => t.errMsg },
    ...(opts.withBlackNum
      ? [
          {
            header: 'blackNum',
            value: (t: ImportTask) => t.blackNum,
          } satisfies CsvColumn<ImportTask>,
        ]
      : []),
    { header: 'statusText', value: (t) => STATUS_LABELS[t.status] ?? t.status },
  ]
}

export function campaignColumns(): CsvColumn<Campaign>[] {
  return [
    { header: 'id', value: (c) => c.id },
    { header: 'name', value: (c) => c.name },
  ]
}
