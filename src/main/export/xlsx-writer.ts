import { once } from 'node:events'
import type { Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import { writeFileAtomic } from '../fs/atomic-write'
import { neutralizeFormula } from './csv-writer'

/**
 * The one xlsx writer: exceljs's streaming WorkbookWriter into the atomic writer (fs/atomic-write:
 * a temp file, fsync, rename), so the file is complete or absent and memory stays bounded
 * whatever the row count: each row is committed (serialised and handed to the zip) as it is
 * added, and the writer waits for the file to catch up when its buffers fill.
 *
 * - Text cells go through the same formula guard as CSV (csv-writer.ts) and are written as inline
 *   strings (no shared-string table, which would keep every distinct text in memory; exceljs's
 *   plain string cells are `t="str"`, a formula's result type): a 30-digit id stays exact text.
 * - Numbers are numbers; a cell with a format (date-time, duration, %) is a number with that
 *   number format.
 * - Sheets are written one after the other: the zip takes one entry at a time, so a sheet is
 *   committed before the next is begun (else the next would be buffered whole).
 */

export type XlsxCell =
  | string
  | number
  | null
  | undefined
  /** A number shown through an Excel number format (e.g. yyyy-mm-dd hh:mm:ss, [h]:mm:ss, 0.0%). */
  | { number: number; format: string }

export interface XlsxSheet {
  name: string
  /** Column widths in characters, left to right. */
  widths?: readonly number[]
  /** Bold first row, frozen while scrolling; with `filter`, an autofilter over it. */
  header?: readonly string[]
  filter?: boolean
  /** Later rows; bold: a row of headings inside the sheet (e.g. the summary's group table). */
  rows: Iterable<XlsxRow> | AsyncIterable<XlsxRow>
}

export type XlsxRow = readonly XlsxCell[] | { cells: readonly XlsxCell[]; bold: true }

export interface XlsxFileResult {
  path: string
  bytes: number
  /** Rows written per sheet, header excluded. */
  rowCounts: number[]
}

/** Rows between two checks of the output's backpressure. */
const ROWS_PER_YIELD = 256

/** Writes the sheets to `path` atomically (see the module comment). */
export async function writeXlsxFile(
  path: string,
  sheets: readonly XlsxSheet[],
): Promise<XlsxFileResult> {
  const rowCounts: number[] = []
  const { bytes } = await writeFileAtomic(path, async (stream) => {
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream,
      useStyles: true,
      useSharedStrings: false,
    })
    for (const sheet of sheets) rowCounts.push(await writeSheet(book, sheet, stream))
    await book.commit()
  })
  return { path, bytes, rowCounts }
}

async function writeSheet(
  book: ExcelJS.stream.xlsx.WorkbookWriter,
  sheet: XlsxSheet,
  out: Writable,
): Promise<number> {
  const header = sheet.header
  const ws = book.addWorksheet(sheet.name, {
    ...(header ? { views: [{ state: 'frozen' as const, ySplit: 1 }] } : {}),
  })
  if (sheet.widths) ws.columns = sheet.widths.map((width) => ({ width }))
  if (header) addRow(ws, header, true)
  let count = 0
  for await (const row of sheet.rows) {
    if (Array.isArray(row)) addRow(ws, row as readonly XlsxCell[], false)
    else {
      const r = row as { cells: readonly XlsxCell[] }
      addRow(ws, r.cells, true)
    }
    if (++count % ROWS_PER_YIELD === 0) await caughtUp(out)
  }
  // Written at commit: over the header and every row, now that their number is known.
  if (header && sheet.filter && header.length > 0) {
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: count + 1, column: header.length } }
  }
  ws.commit()
  return count
}

function addRow(ws: ExcelJS.Worksheet, cells: readonly XlsxCell[], bold: boolean): void {
  const row = ws.addRow([])
  cells.forEach((value, i) => {
    const cell = row.getCell(i + 1)
    if (value === null || value === undefined) return
    if (typeof value === 'string') {
      if (value === '') return
      // A rich-text value is what makes exceljs write an inline string (see the module comment).
      cell.value = { richText: [{ text: neutralizeFormula(value) }] }
    } else if (typeof value === 'number') {
      if (Number.isFinite(value)) cell.value = value
    } else if (Number.isFinite(value.number)) {
      cell.value = value.number
      cell.numFmt = value.format
    }
    if (bold) cell.font = { bold: true }
  })
  row.commit()
}

/** Lets the zip and the file catch up: bounded memory when rows come faster than the disk. */
async function caughtUp(out: Writable): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve))
  while (out.writableNeedDrain && !out.destroyed) await once(out, 'drain')
}
