import { once } from 'node:events'
import type { Writable } from 'node:stream'
import { writeFileAtomic } from '../fs/atomic-write'

/**
 * The one CSV writer, shared by the CLI and the app's export.
 *
 * - RFC 4180: a cell is quoted when it contains `"`, `,`, CR or LF, or starts or ends with
 *   whitespace (so no reader trims it); quotes inside are doubled. Rows end with CRLF.
 * - Optional UTF-8 BOM: Excel needs it to read UTF-8 (CJK campaign names, error texts) correctly.
 * - Formula injection (CSV injection): a text cell a spreadsheet would evaluate gets a leading `'`
 *   (OWASP's advice), the rest of its text kept as it is, e.g. "=cmd" → "'=cmd", "-1+1" → "'-1+1".
 *   A cell is neutralised when it starts with tab or CR, or when, after Unicode NFKC normalisation
 *   (full-width ＝＋－＠ and other look-alikes become = + - @) and after any leading whitespace,
 *   control or invisible characters (line feed, CR, tab, spaces, NBSP, U+3000, zero-width, bidi),
 *   it starts with `=`, `+`, `-` or `@`, or when any of its `;`-separated parts does (a spreadsheet
 *   in a locale whose list separator is `;` splits the cell there). A cell with `;` is also quoted,
 *   so such a reader keeps it whole. The apostrophe is visible in the cell; that is the price of
 *   never running a server-supplied formula on a supervisor's workstation.
 *   Numbers: values of JS type number are written as plain numbers and never altered (a finite
 *   number cannot carry a formula; -5 stays -5). Strings are always checked, even numeric-looking
 *   ones: the string "-5" becomes "'-5" (our numeric columns come as numbers, ids and texts as
 *   strings, so a number-looking text is server text and is treated as text).
 */

export type CsvValue = string | number | null | undefined

export interface CsvColumn<T> {
  header: string
  value: (row: T) => CsvValue
  /**
   * A faster way to the same text: the finished cell, exactly formatCsvCell(value(row)). A column
   * whose values are mostly known safe (digit ids, formatted times, numbers) skips the formula
   * guard for those and calls formatCsvCell for the rest; tests hold it equal to the slow way.
   */
  cell?: (row: T) => string
}

export interface CsvOptions {
  /** Prefix the output with a UTF-8 byte-order mark (for Excel). */
  bom?: boolean
}

export const UTF8_BOM = '\uFEFF'
export const CSV_EOL = '\r\n'

/** Evaluated as a formula start by Excel / LibreOffice even before normalisation. */
const RAW_FORMULA_START = /^[\t\r]/
/** Whitespace, controls and invisible format characters a reader may skip before a formula. */
const LEADING_IGNORED = /^[\s\p{Cc}\p{Cf}]+/u
const FORMULA_CHARS = /^[=+\-@]/
const NEEDS_QUOTES = /[",;\r\n]|^\s|\s$/

const TAB = 0x09
const CR = 0x0d
const SPACE = 0x20
const DEL = 0x7f
const SEMICOLON = 0x3b
const EQUALS = 0x3d
const PLUS = 0x2b
const MINUS = 0x2d
const AT = 0x40

/**
 * True when a spreadsheet could evaluate the cell (see the module comment).
 * ASCII text, almost every cell, is decided by one scan of its characters with the same rules
 * (NFKC leaves ASCII unchanged; in ASCII, the skipped leading characters are exactly the controls
 * and the space); text with any other character where it matters takes the general path.
 */
export function looksLikeFormula(text: string): boolean {
  let partStart = true
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c > DEL) return looksLikeFormulaUnicode(text)
    if (c === SEMICOLON) partStart = true
    else if (partStart) {
      if (i === 0 && (c === TAB || c === CR)) return true
      if (c === EQUALS || c === PLUS || c === MINUS || c === AT) {
        // Decided unless a non-ASCII mark follows, which NFKC may compose with it (= + U+0338: ≠).
        return text.charCodeAt(i + 1) > DEL ? looksLikeFormulaUnicode(text) : true
      }
      if (c > SPACE && c !== DEL) partStart = false
    }
  }
  return false
}

function looksLikeFormulaUnicode(text: string): boolean {
  if (RAW_FORMULA_START.test(text)) return true
  return text
    .normalize('NFKC')
    .split(';')
    .some((part) => FORMULA_CHARS.test(part.replace(LEADING_IGNORED, '')))
}

/** Neutralizes a formula with a leading `'` (see the module comment). */
export function neutralizeFormula(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text
}

export function formatCsvCell(value: CsvValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  const text = neutralizeFormula(String(value))
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** One record, CRLF-terminated. */
export function formatCsvRow(values: readonly CsvValue[]): string {
  // A lone empty cell would be an empty line, which readers skip or misread: quote it.
  if (values.length === 1 && formatCsvCell(values[0]) === '') return `""${CSV_EOL}`
  let line = ''
  for (let i = 0; i < values.length; i++) line += (i > 0 ? ',' : '') + formatCsvCell(values[i])
  return line + CSV_EOL
}

export type CsvSink = Writable | ((chunk: string) => void | Promise<void>)

/** Flush to the sink once this many characters are buffered (fewer, larger writes). */
const CHUNK_CHARS = 64 * 1024

/**
 * Writes the header and one record per row to `out`, respecting backpressure (waits for 'drain'
 * when the stream asks). Does not end the stream: the caller owns it (stdout must stay open).
 * Returns the number of data rows written.
 */
export async function writeCsv<T>(
  out: CsvSink,
  columns: readonly CsvColumn<T>[],
  rows: Iterable<T> | AsyncIterable<T>,
  options: CsvOptions = {},
): Promise<number> {
  const emit = typeof out === 'function' ? out : (chunk: string) => writeToStream(out, chunk)
  const values: CsvValue[] = new Array<CsvValue>(columns.length)
  let buffer = (options.bom ? UTF8_BOM : '') + formatCsvRow(columns.map((c) => c.header))
  let count = 0
  const cells = columns.map((c): ((row: T) => string) => {
    if (c.cell) return c.cell
    const format = rememberedCells()
    return (row) => format(c.value(row))
  })
  const add = (row: T) => {
    if (columns.length === 1) {
      values[0] = columns[0]!.value(row)
      buffer += formatCsvRow(values)
    } else {
      let line = cells[0]!(row)
      for (let i = 1; i < cells.length; i++) line += ',' + cells[i]!(row)
      buffer += line + CSV_EOL
    }
    count++
  }
  // A sync iterable (the window's array) is read without an await per row.
  if (Symbol.iterator in rows) {
    for (const row of rows) {
      add(row)
      if (buffer.length >= CHUNK_CHARS) {
        await emit(buffer)
        buffer = ''
      }
    }
  } else {
    for await (const row of rows) {
      add(row)
      if (buffer.length >= CHUNK_CHARS) {
        await emit(buffer)
        buffer = ''
      }
    }
  }
  if (buffer) await emit(buffer)
  return count
}

/** Distinct texts remembered per column; a column with more (ids, times) stops being remembered. */
const MEMO_SIZE = 256

/**
 * formatCsvCell for one column, remembering its texts while they repeat (status names, the
 * handful of failure messages): the formula guard and the quoting run once per distinct text.
 */
export function rememberedCells(): (value: CsvValue) => string {
  let memo: Map<string, string> | null = new Map()
  return (value) => {
    if (typeof value !== 'string' || memo === null) return formatCsvCell(value)
    let text = memo.get(value)
    if (text === undefined) {
      text = formatCsvCell(value)
      if (memo.size < MEMO_SIZE) memo.set(value, text)
      else memo = null
    }
    return text
  }
}

async function writeToStream(stream: Writable, chunk: string): Promise<void> {
  if (stream.destroyed) throw stream.errored ?? new Error('The output stream is closed')
  if (!stream.write(chunk, 'utf8')) {
    // `once` rejects if the stream emits 'error' while we wait.
    await once(stream, 'drain')
  }
}

export interface CsvFileResult {
  path: string
  rowCount: number
  bytes: number
}

/** Writes a CSV file atomically: readers see the old file or the complete new one, never half. */
export async function writeCsvFile<T>(
  path: string,
  columns: readonly CsvColumn<T>[],
  rows: Iterable<T> | AsyncIterable<T>,
  options: CsvOptions = {},
): Promise<CsvFileResult> {
  let rowCount = 0
  const { bytes } = await writeFileAtomic(path, async (stream) => {
    rowCount = await writeCsv(stream, columns, rows, options)
  })
  return { path, rowCount, bytes }
}
