/**
 * Text a server chose (an iSales resultDesc or code, a value quoted from a reply, a certificate's
 * names) made safe to log and show, in one place: line breaks become spaces; other control and
 * invisible characters go (C0, C1, bidi embeddings, overrides and isolates such as U+202E,
 * zero-width ones, soft hyphen, BOM), so the text cannot forge log lines or reorder what a
 * dialog shows; any echoed C2 signature, Authorization value or form of a given secret is masked
 * (log/redact.ts); and it is cut to MAX_SERVER_TEXT_CHARS, ellipsis included. Idempotent.
 * Plain Node.
 */
import { MAX_SERVER_CODE_CHARS, MAX_SERVER_TEXT_CHARS } from '../../shared/limits'
import { redactText } from '../log/redact'

export const ELLIPSIS = '…'

/** Tab, line feed, vertical tab, form feed, carriage return, NEL, line and paragraph separators. */
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]/g
/** C0, DEL and C1 controls, soft hyphen, Arabic letter mark, Mongolian vowel separator,
 * zero-width space/joiners and LRM/RLM, bidi embeddings/overrides (U+202A–E), word joiner and
 * invisible operators, bidi isolates (U+2066–9) and deprecated format controls, BOM,
 * interlinear annotation controls. */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- removing them is the point
  /[\u0000-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]/g
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** The text, stripped, masked and cut as above. */
export function serverText(
  text: string,
  secrets: readonly string[] = [],
  maxChars = MAX_SERVER_TEXT_CHARS,
): string {
  // Far longer input is cut first (in code units, generously) so a huge body costs nothing more.
  const head = text.length > maxChars * 4 ? text.slice(0, maxChars * 4) : text
  const clean = head
    .replace(BREAKS, ' ')
    .replace(INVISIBLE, '')
    .replace(LONE_SURROGATE, '\uFFFD')
    .trim()
  const masked = redactText(clean, secrets)
  const chars = [...masked]
  if (chars.length <= maxChars && head.length === text.length) return masked
  return (
    chars
      .slice(0, Math.max(0, maxChars - 1))
      .join('')
      .trimEnd() + ELLIPSIS
  )
}

/** A result code the server chose, made safe the same way and cut shorter. */
export function serverCode(text: string): string {
  return serverText(text, [], MAX_SERVER_CODE_CHARS)
}
