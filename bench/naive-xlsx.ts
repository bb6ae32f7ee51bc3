/**
 * The naive way for the xlsx benchmark: the export's previous writer, exceljs 4.4's streaming
 * WorkbookWriter, each text cell a rich-text value (exceljs's way to an inline string), each dated,
 * duration or percent cell given its number format (exceljs then keeps a style object per cell),
 * atomically written like the real one. Same sheets, same rows: only the writer differs.
 */
import { once } from 'node:events'
import type { Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import { writeFileAtomic } from '../src/main/fs/atomic-write'
import { neutralizeFormula } from '../src/main/export/csv-writer'
import type { XlsxCell, XlsxRow, XlsxSheet } from '../src/main/export/xlsx-writer'

export async function writeXlsxWithExceljs(
  path: string,
  sheets: readonly XlsxSheet[],
): Promise<{ bytes: number; rowCounts: number[] }> {
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
  return { bytes, rowCounts }
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
  for await (const row of sheet.rows as AsyncIterable<XlsxRow>) {
    if (Array.isArray(row)) addRow(ws, row as readonly XlsxCell[], false)
    else addRow(ws, (row as { cells: readonly XlsxCell[] }).cells, true)
    if (++count % 256 === 0) {
      await new Promise<void>((resolve) => setImmediate(resolve))
      while (out.writableNeedDrain && !out.destroyed) await once(out, 'drain')
    }
  }
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
