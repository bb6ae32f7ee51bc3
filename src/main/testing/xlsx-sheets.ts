import { zipEntries } from './zip-entries'

/**
 * Test support: the cells of an xlsx, read from its XML with zip-entries.ts and regular
 * expressions: no exceljs, no zip library, so a workbook is checked by code that did not write it.
 * Knows the little the export writes: inline and shared strings, numbers, styles with number
 * formats, frozen panes, autofilters.
 */

export interface XlsxReadCell {
  ref: string
  /** 'inline' / 'shared': a text cell; 'number': a numeric cell; 'other': anything else. */
  type: 'inline' | 'shared' | 'number' | 'other'
  /** The text of a string cell, the <v> text of a number (exact, as written). */
  raw: string
  /** The cell's number format code ('' for General). */
  format: string
}

export interface XlsxReadSheet {
  name: string
  /** Rows by their 1-based number; cells by column letters. */
  rows: Map<number, Map<string, XlsxReadCell>>
  frozenRows: number
  autoFilter: string | null
}

const unescape = (xml: string) =>
  xml
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&')

const texts = (xml: string) =>
  [...xml.matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>/g)].map((m) => unescape(m[1]!)).join('')

/** Built-in number formats (ECMA-376 Part 1, 18.8.30) a writer may use without declaring them. */
const BUILT_IN_FORMATS: Record<string, string> = {
  '0': '',
  '9': '0%',
  '10': '0.00%',
  '14': 'mm-dd-yy',
  '21': 'h:mm:ss',
  '22': 'm/d/yy h:mm',
  '46': '[h]:mm:ss',
}

export function readXlsx(zip: Buffer): XlsxReadSheet[] {
  const files = zipEntries(zip)
  const text = (name: string) => {
    const file = files.get(name)
    if (!file) throw new Error(`xlsx: no ${name}`)
    return file.toString('utf8')
  }
  const styles = text('xl/styles.xml')
  const formats = new Map<string, string>(Object.entries(BUILT_IN_FORMATS))
  for (const m of styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]*)"/g)) {
    formats.set(m[1]!, unescape(m[2]!))
  }
  const cellXfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? ''
  const xfFormats = [...cellXfs.matchAll(/<xf\b([^>]*)/g)].map(
    (m) => formats.get(/numFmtId="(\d+)"/.exec(m[1]!)?.[1] ?? '0') ?? '?',
  )
  const shared = files.has('xl/sharedStrings.xml')
    ? [...text('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => texts(m[1]!))
    : []
  const book = text('xl/workbook.xml')
  const rels = text('xl/_rels/workbook.xml.rels')
  return [...book.matchAll(/<sheet\b[^>]*name="([^"]*)"[^>]*r:id="([^"]*)"/g)].map((m) => {
    const target =
      new RegExp(`Id="${m[2]}"[^>]*Target="([^"]*)"`).exec(rels)?.[1] ??
      new RegExp(`Target="([^"]*)"[^>]*Id="${m[2]}"`).exec(rels)?.[1]
    if (!target) throw new Error(`xlsx: no target for sheet ${m[1]}`)
    const xml = text(target.replace(/^\/?(xl\/)?/, 'xl/'))
    const rows = new Map<number, Map<string, XlsxReadCell>>()
    for (const c of xml.matchAll(/<c r="([A-Z]+)(\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const [, col, row, attrs, body = ''] = c
      const t = /\bt="([^"]*)"/.exec(attrs!)?.[1]
      const s = Number(/\bs="(\d+)"/.exec(attrs!)?.[1] ?? 0)
      const v = /<v>([^<]*)<\/v>/.exec(body)?.[1]
      const cell: XlsxReadCell =
        t === 'inlineStr'
          ? { ref: col! + row, type: 'inline', raw: texts(body), format: xfFormats[s] ?? '?' }
          : t === 's'
            ? {
                ref: col! + row,
                type: 'shared',
                raw: shared[Number(v)] ?? '',
                format: xfFormats[s] ?? '?',
              }
            : t === undefined || t === 'n'
              ? { ref: col! + row, type: 'number', raw: v ?? '', format: xfFormats[s] ?? '?' }
              : { ref: col! + row, type: 'other', raw: v ?? '', format: xfFormats[s] ?? '?' }
      if (!rows.has(Number(row))) rows.set(Number(row), new Map())
      rows.get(Number(row))!.set(col!, cell)
    }
    const pane = /<pane\b[^>]*ySplit="(\d+)"[^>]*state="frozen"/.exec(xml)
    return {
      name: unescape(m[1]!),
      rows,
      frozenRows: pane ? Number(pane[1]) : 0,
      autoFilter: /<autoFilter ref="([^"]*)"/.exec(xml)?.[1] ?? null,
    }
  })
}

/** A row's cells left to right as [A, B, …] (undefined for a missing cell). */
export function rowCells(
  sheet: XlsxReadSheet,
  row: number,
  width: number,
): (XlsxReadCell | undefined)[] {
  const cells = sheet.rows.get(row)
  return Array.from({ length: width }, (_, i) => cells?.get(String.fromCharCode(65 + i)))
}
