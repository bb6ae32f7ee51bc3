import { xmlAttr } from './xlsx-xml'

/**
 * The package parts of the xlsx writer besides the sheets (ECMA-376 Part 1 and the Open Packaging
 * Conventions): content types, relationships, workbook.xml and styles.xml. Only what the export
 * uses: one font (bold or not), number formats, frozen panes and autofilters on the sheets.
 */

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships'
const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml'

export const sheetPath = (i: number) => `xl/worksheets/sheet${i + 1}.xml`

export function contentTypes(sheetCount: number): string {
  const sheets = Array.from(
    { length: sheetCount },
    (_, i) => `<Override PartName="/${sheetPath(i)}" ContentType="${CT}.worksheet+xml"/>`,
  ).join('')
  return (
    `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/>` +
    `<Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/>` +
    `${sheets}</Types>`
  )
}

export const ROOT_RELS =
  `${XML}<Relationships xmlns="${PKG_REL}">` +
  `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>` +
  '</Relationships>'

export function workbookRels(sheetCount: number): string {
  const sheets = Array.from(
    { length: sheetCount },
    (_, i) =>
      `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  ).join('')
  const styles = `<Relationship Id="rId${sheetCount + 1}" Type="${REL}/styles" Target="styles.xml"/>`
  return `${XML}<Relationships xmlns="${PKG_REL}">${sheets}${styles}</Relationships>`
}

export interface WorkbookSheet {
  name: string
  /** The autofilter's range (A1:K100001), if any: Excel names it _xlnm._FilterDatabase. */
  filter?: string | null
}

/** `'Imports'!$A$1:$K$9` */
function absoluteRange(sheet: string, range: string): string {
  const abs = range.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2')
  return `'${sheet.replace(/'/g, "''")}'!${abs}`
}

export function workbookXml(sheets: readonly WorkbookSheet[]): string {
  const list = sheets
    .map((s, i) => `<sheet name="${xmlAttr(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join('')
  const names = sheets
    .map((s, i) =>
      s.filter
        ? `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">` +
          `${xmlAttr(absoluteRange(s.name, s.filter))}</definedName>`
        : '',
    )
    .join('')
  return (
    `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}">` +
    '<bookViews><workbookView/></bookViews>' +
    `<sheets>${list}</sheets>` +
    (names ? `<definedNames>${names}</definedNames>` : '') +
    '</workbook>'
  )
}

/** First id of a format the file itself declares (0–163 are Excel's built-in ones). */
const FIRST_CUSTOM_FORMAT = 164

/**
 * The cell styles a workbook uses, numbered as the sheets ask for them (style 0: General, not
 * bold), written to styles.xml once every sheet is done.
 */
export class XlsxStyles {
  readonly #formats = new Map<string, number>()
  readonly #styles = new Map<string, number>([['0|', 0]])
  readonly #list: { format: number; bold: boolean }[] = [{ format: 0, bold: false }]

  /** The index of the style with number format `format` ('' = General), bold or not. */
  index(format: string, bold: boolean): number {
    const key = `${bold ? 1 : 0}|${format}`
    let index = this.#styles.get(key)
    if (index === undefined) {
      index = this.#list.length
      this.#list.push({ format: this.#formatId(format), bold })
      this.#styles.set(key, index)
    }
    return index
  }

  #formatId(format: string): number {
    if (format === '') return 0
    let id = this.#formats.get(format)
    if (id === undefined) {
      id = FIRST_CUSTOM_FORMAT + this.#formats.size
      this.#formats.set(format, id)
    }
    return id
  }

  xml(): string {
    const formats = [...this.#formats]
      .map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${xmlAttr(code)}"/>`)
      .join('')
    const font = (bold: boolean) =>
      `<font>${bold ? '<b/>' : ''}<sz val="11"/><name val="Calibri"/><family val="2"/></font>`
    const xfs = this.#list
      .map(
        (s) =>
          `<xf numFmtId="${s.format}" fontId="${s.bold ? 1 : 0}" fillId="0" borderId="0" xfId="0"` +
          `${s.format ? ' applyNumberFormat="1"' : ''}${s.bold ? ' applyFont="1"' : ''}/>`,
      )
      .join('')
    return (
      `${XML}<styleSheet xmlns="${MAIN}">` +
      (this.#formats.size > 0
        ? `<numFmts count="${this.#formats.size}">${formats}</numFmts>`
        : '') +
      `<fonts count="2">${font(false)}${font(true)}</fonts>` +
      '<fills count="2"><fill><patternFill patternType="none"/></fill>' +
      '<fill><patternFill patternType="gray125"/></fill></fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.#list.length}">${xfs}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '</styleSheet>'
    )
  }
}
