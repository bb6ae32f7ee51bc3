/**
 * Parses the two time formats iSales servers send:
 * - ISO-8601 with an offset, as in the interface's sample (docs/isales-interface.md#quirks): `2022-03-11T07:27:09.000+00:00`;
 * - `yyyy-MM-dd HH:mm:ss`, as other iSales interfaces send it, in the server's local time.
 *
 * A text without an offset carries no zone, and the interface offers no way to ask the server for
 * its zone, so it is read as the workstation's local time: right when the workstation and the server
 * share a time zone (the usual case in one contact center), off by the zone difference otherwise.
 */

const TIME_RE =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(?:(Z)|([+-])(\d{2}):?(\d{2}))?$/

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** Epoch ms, or null when the text is empty or in no known format. */
export function parseServerTime(text: string): number | null {
  const m = TIME_RE.exec(text.trim())
  if (!m) return null
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null
  if (hour > 23 || minute > 59 || second > 59) return null

  if (m[8] === 'Z' || m[9] !== undefined) {
    let offsetMinutes = 0
    if (m[9] !== undefined) {
      const oh = Number(m[10])
      const om = Number(m[11])
      if (oh > 18 || om > 59) return null
      offsetMinutes = (m[9] === '-' ? -1 : 1) * (oh * 60 + om)
    }
    const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms)
    // Date.UTC maps years 0–99 to 1900–1999; iSales never sends those, but stay exact anyway.
    return year < 100 ? null : utc - offsetMinutes * 60_000
  }
  if (year < 100) return null
  return new Date(year, month - 1, day, hour, minute, second, ms).getTime()
}
