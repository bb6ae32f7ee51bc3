import { neutralizeFormula } from './csv-writer'
import type { XlsxStyles } from './xlsx-parts'
import { columnName, inlineString } from './xlsx-xml'

/**
 * One worksheet's XML, produced in chunks while its rows stream by (xlsx-writer.ts zips them).
 *
 * - Text: an inline string (no shared-string table, which would keep every distinct text in
 *   memory), through the same formula guard as CSV (csv-writer.ts): a 30-digit id stays exact
 *   text.
 * - Numbers are numbers; a cell with a format (date-time, duration, %) is a number with that
 *   number format (a style shared by every cell of that format).
 * - Cheap per cell: references, styles and the XML of repeated texts (status names, the few
 *   failure messages) are computed once.
 */

export type XlsxCell =
  | string
  | number
  | null
  | undefined
  /** A number shown through an Excel number format (e.g. yyyy-mm-dd hh:mm:ss, [h]:mm:ss, 0.0%). */
  | { number: number; format: string }

export type XlsxRow = readonly XlsxCell[] | { cells: readonly XlsxCell[]; bold: true }

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

/** What a written sheet tells the workbook: its data rows and its autofilter range. */
export interface SheetResult {
  rowCount: number
  filter: string | null
}

/** Flush to the zip once this many characters are buffered. */
const CHUNK_CHARS = 64 * 1024
/** Texts remembered per column (their cell XML); past that, a column's texts are not cached. */
const TEXT_CACHE_SIZE = 512

const HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"' +
  ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'

/** Writes one sheet; `result` is filled in when the last chunk has been produced. */
export async function* sheetXml(
  sheet: XlsxSheet,
  styles: XlsxStyles,
  result: SheetResult,
): AsyncGenerator<Buffer> {
  const header = sheet.header
  const cells = new CellWriter(styles)
  let xml = HEAD
  if (header) {
    xml +=
      '<sheetViews><sheetView workbookViewId="0">' +
      '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
      '<selection pane="bottomLeft"/></sheetView></sheetViews>'
  }
  if (sheet.widths && sheet.widths.length > 0) {
    xml += '<cols>'
    sheet.widths.forEach((w, i) => {
      xml += `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`
    })
    xml += '</cols>'
  }
  xml += '<sheetData>'
  let r = 0
  if (header) xml += cells.row(++r, { cells: header, bold: true })
  let count = 0
  const rows = sheet.rows
  if (Symbol.iterator in rows) {
    // The window's array: no await per row.
    for (const row of rows) {
      xml += cells.row(++r, row)
      count++
      if (xml.length >= CHUNK_CHARS) {
        yield Buffer.from(xml, 'utf8')
        xml = ''
      }
    }
  } else {
    for await (const row of rows) {
      xml += cells.row(++r, row)
      count++
      if (xml.length >= CHUNK_CHARS) {
        yield Buffer.from(xml, 'utf8')
        xml = ''
      }
    }
  }
  xml += '</sheetData>'
  result.rowCount = count
  result.filter = null
  if (header && sheet.filter && header.length > 0) {
    result.filter = `A1:${columnName(header.length - 1)}${count + 1}`
    xml += `<autoFilter ref="${result.filter}"/>`
  }
  xml += '</worksheet>'
  yield Buffer.from(xml, 'utf8')
}

/** Cell XML, with what repeats computed once per column. */
class CellWriter {
  readonly #styles: XlsxStyles
  readonly #names: string[] = []
  readonly #texts: (Map<string, string> | null)[] = []
  readonly #lastFormat: string[] = []
  readonly #lastStyle: number[] = []

  constructor(styles: XlsxStyles) {
    this.#styles = styles
  }

  row(r: number, row: XlsxRow): string {
    const bold = !Array.isArray(row)
    const cells = bold
      ? (row as { cells: readonly XlsxCell[] }).cells
      : (row as readonly XlsxCell[])
    let xml = `<row r="${r}">`
    for (let i = 0; i < cells.length; i++) {
      const value = cells[i]
      if (value === null || value === undefined || value === '') continue
      const ref = `<c r="${this.#name(i)}${r}"`
      if (typeof value === 'string') {
        xml += `${ref}${bold ? this.#styleAttr(i, '', true) : ''} t="inlineStr">${this.#text(i, value)}</c>`
      } else if (typeof value === 'number') {
        if (Number.isFinite(value))
          xml += `${ref}${bold ? this.#styleAttr(i, '', true) : ''}><v>${value}</v></c>`
      } else if (Number.isFinite(value.number)) {
        xml += `${ref}${this.#styleAttr(i, value.format, bold)}><v>${value.number}</v></c>`
      }
    }
    return `${xml}</row>`
  }

  #name(i: number): string {
    return (this.#names[i] ??= columnName(i))
  }

  /** ` s="n"`; the column's last format is remembered (a column has one format). */
  #styleAttr(i: number, format: string, bold: boolean): string {
    if (!bold && this.#lastFormat[i] === format) return ` s="${this.#lastStyle[i]}"`
    const style = this.#styles.index(format, bold)
    if (!bold) {
      this.#lastFormat[i] = format
      this.#lastStyle[i] = style
    }
    return style === 0 ? '' : ` s="${style}"`
  }

  #text(i: number, value: string): string {
    const cache = this.#texts[i] === undefined ? (this.#texts[i] = new Map()) : this.#texts[i]
    if (cache === null) return inlineString(neutralizeFormula(value))
    let xml = cache.get(value)
    if (xml === undefined) {
      xml = inlineString(neutralizeFormula(value))
      // A column of distinct texts (ids) stops being looked up once the cache is full.
      if (cache.size < TEXT_CACHE_SIZE) cache.set(value, xml)
      else this.#texts[i] = null
    }
    return xml
  }
}
