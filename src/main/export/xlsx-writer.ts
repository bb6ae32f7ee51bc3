import { writeFileAtomic } from '../fs/atomic-write'
import {
  ROOT_RELS,
  XlsxStyles,
  contentTypes,
  sheetPath,
  workbookRels,
  workbookXml,
} from './xlsx-parts'
import { sheetXml, type SheetResult, type XlsxSheet } from './xlsx-sheet'
import { ZipWriter } from './zip-writer'

export type { XlsxCell, XlsxRow, XlsxSheet } from './xlsx-sheet'

/**
 * The one xlsx writer: a small streaming SpreadsheetML writer (sheet XML in xlsx-sheet.ts, the
 * other package parts in xlsx-parts.ts, the zip in zip-writer.ts) into the atomic writer
 * (fs/atomic-write: a temp file, fsync, rename), so the file is complete or absent and memory
 * stays bounded whatever the row count: rows become XML, the XML is deflated and written while
 * they stream by, and the producer waits for the file to catch up.
 *
 * Why not a library (measured at 100,000 tasks × 11 columns on the project's 2-core machine, see
 * bench/export-measure.ts): exceljs 4.4's streaming WorkbookWriter, with a style object on every
 * dated or percent cell, took about 4 s and grew memory by about 85 MB (about 2 s without
 * styles); SheetJS builds the sheet in memory (8.7 s, 464 MB). The export needs a handful of
 * things (inline strings, numbers, four number formats, bold, a frozen header, an autofilter),
 * and writing them directly is a few hundred lines and several times faster.
 *
 * Sheets are written one after the other (the zip takes one entry at a time); workbook.xml and
 * styles.xml come last, once the sheets have said which styles and filter ranges they use.
 */

export interface XlsxFileResult {
  path: string
  bytes: number
  /** Rows written per sheet, header excluded. */
  rowCounts: number[]
}

/** Writes the sheets to `path` atomically (see the module comment). */
export async function writeXlsxFile(
  path: string,
  sheets: readonly XlsxSheet[],
): Promise<XlsxFileResult> {
  const results: SheetResult[] = []
  const { bytes } = await writeFileAtomic(path, async (stream) => {
    const zip = new ZipWriter(stream)
    const styles = new XlsxStyles()
    await zip.addFile('[Content_Types].xml', contentTypes(sheets.length))
    await zip.addFile('_rels/.rels', ROOT_RELS)
    for (const [i, sheet] of sheets.entries()) {
      const result: SheetResult = { rowCount: 0, filter: null }
      await zip.addStream(sheetPath(i), sheetXml(sheet, styles, result))
      results.push(result)
    }
    await zip.addFile(
      'xl/workbook.xml',
      workbookXml(sheets.map((s, i) => ({ name: s.name, filter: results[i]!.filter }))),
    )
    await zip.addFile('xl/_rels/workbook.xml.rels', workbookRels(sheets.length))
    await zip.addFile('xl/styles.xml', styles.xml())
    await zip.finish()
  })
  return { path, bytes, rowCounts: results.map((r) => r.rowCount) }
}
