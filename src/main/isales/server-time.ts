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

/**
 * Below this disagreement with the server's Date header a 401 is not put down to the clock: the
 * header has whole seconds (cut down, so up to 1 s early) and the reply's moment within the round
 * trip is unknown, so a smaller gap is measurement noise, not skew.
 */
export const CLOCK_RESYNC_MS = 2_000

/** How a 401's Date header was received: the header and the local clock around the request. */
export interface DateSample {
  dateHeader: string | undefined
  /** Local epoch ms when the request was signed and sent. */
  sentMs: number
  /** Local epoch ms when the reply's headers arrived. */
  receivedMs: number
}

/**
 * The server-minus-local offset to adopt, or null when the header is unreadable or agrees with
 * `currentOffsetMs` within the header's rounding, the round trip and CLOCK_RESYNC_MS.
 */
export function learnClockOffset(sample: DateSample, currentOffsetMs: number): number | null {
  const { dateHeader, sentMs, receivedMs } = sample
  const headerMs = dateHeader === undefined ? NaN : Date.parse(dateHeader)
  if (Number.isNaN(headerMs)) return null
  // The server stamped its reply somewhere within the round trip, at some moment of its second.
  const localMidMs = (sentMs + receivedMs) / 2
  const serverMidMs = headerMs + 500
  const measured = Math.round(serverMidMs - localMidMs)
  const halfRoundTrip = Math.max(0, receivedMs - sentMs) / 2
  if (Math.abs(measured - currentOffsetMs) <= CLOCK_RESYNC_MS + halfRoundTrip) return null
  return measured
}
