/**
 * XML text for the xlsx writer (SpreadsheetML, ECMA-376): escaping of element text and
 * attributes, inline-string cells, column names.
 *
 * Element text is an ST_Xstring: characters XML 1.0 cannot carry at all (most C0 controls,
 * U+FFFE, U+FFFF) are written as Excel's `_xHHHH_` escape, and a literal `_xHHHH_` in the text is
 * itself escaped (`_x005F_xHHHH_`) so Excel shows it as written. A CR is a character reference, so
 * XML's end-of-line handling cannot turn it into a LF.
 */

/** Anything needing more than a copy; most cells have none, and are one regex test. */
// Control characters are exactly what must be found here.
// eslint-disable-next-line no-control-regex
const SPECIAL = /[&<>\r\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|_x[0-9a-fA-F]{4}_/
const SPECIAL_ALL = new RegExp(SPECIAL.source, 'g')

const hex4 = (code: number) => code.toString(16).toUpperCase().padStart(4, '0')

function escapeChar(match: string): string {
  switch (match) {
    case '&':
      return '&amp;'
    case '<':
      return '&lt;'
    case '>':
      return '&gt;'
    case '\r':
      return '&#13;'
    default:
      // `_xHHHH_` written by the text itself, or a character XML cannot hold.
      return match.length > 1 ? `_x005F${match}` : `_x${hex4(match.charCodeAt(0))}_`
  }
}

/** Element text (see the module comment). */
export function xmlText(text: string): string {
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, escapeChar) : text
}

/** An attribute value in double quotes. */
export function xmlAttr(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;')
}

/** Leading or trailing whitespace, which a reader would drop without xml:space="preserve". */
const EDGE_SPACE = /^\s|\s$/

/** The `<is>` of an inline-string cell. */
export function inlineString(text: string): string {
  const t = EDGE_SPACE.test(text) ? '<t xml:space="preserve">' : '<t>'
  return `<is>${t}${xmlText(text)}</t></is>`
}

/** A, B, … Z, AA, AB, … for the 0-based column `index`. */
export function columnName(index: number): string {
  let name = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name
  }
  return name
}
