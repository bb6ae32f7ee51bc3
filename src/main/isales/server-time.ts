/**
 * Parses the two time formats iSales servers send:
 * - ISO-8601 with an offset, as in the interface's sample (docs/isales-interface.md#quirks): `2022-03-11T07:27:09.000+00:00`;
 * - `yyyy-MM-dd HH:mm:ss`, as other iSales interfaces send it, in the server's local time.
 *
 * A text without an offset carries no zone, and the interface offers no way to ask the server for
 * its zone, so it is read as the workstation's local time: right when the workstation and the server
 * share a time zone (the usual case in one contact center), off by the zone difference otherwise.
 */

/*
 * Read by hand rather than by a regular expression (and the days of a month by arithmetic, not
 * by building a Date): a 100,000-task campaign brings 200,000 times, and this was a tenth of the
 * CLI's CPU. The grammar is exactly
 *   ^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?$
 * after trimming (server-time.test.ts holds that pattern as the reference and checks both agree).
 */

const ZERO = 48

function isDigit(c: number): boolean {
  return c >= ZERO && c <= ZERO + 9
}

/** Two ASCII digits at i as a number, or -1. */
function two(t: string, i: number): number {
  const a = t.charCodeAt(i) - ZERO
  const b = t.charCodeAt(i + 1) - ZERO
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

/** Epoch ms, or null when the text is empty or in no known format. */
export function parseServerTime(text: string): number | null {
  let t = text
  const n0 = t.length
  // Trim only when an end is not already part of the grammar (the common case needs no copy).
  if (n0 === 0) return null
  const last = t.charCodeAt(n0 - 1)
  if (!isDigit(t.charCodeAt(0)) || !(isDigit(last) || last === 90 /* Z */)) t = t.trim()
  const n = t.length
  if (n < 19) return null
  const c10 = t.charCodeAt(10)
  if (
    t.charCodeAt(4) !== 45 ||
    t.charCodeAt(7) !== 45 ||
    (c10 !== 84 /* T */ && c10 !== 32) ||
    t.charCodeAt(13) !== 58 ||
    t.charCodeAt(16) !== 58
  ) {
    return null
  }
  const yHi = two(t, 0)
  const yLo = two(t, 2)
  const month = two(t, 5)
  const day = two(t, 8)
  const hour = two(t, 11)
  const minute = two(t, 14)
  const second = two(t, 17)
  if ((yHi | yLo | month | day | hour | minute | second) < 0) return null
  const year = yHi * 100 + yLo

  let i = 19
  let ms = 0
  const sep = t.charCodeAt(i)
  if (sep === 46 /* . */ || sep === 44 /* , */) {
    const from = ++i
    while (i < n && isDigit(t.charCodeAt(i))) i++
    const digits = i - from
    if (digits < 1 || digits > 9) return null
    for (let k = 0; k < 3; k++) {
      ms = ms * 10 + (k < digits ? t.charCodeAt(from + k) - ZERO : 0)
    }
  }
  let offsetMinutes: number | null = null
  if (i < n) {
    const c = t.charCodeAt(i)
    if (c === 90 /* Z */) {
      offsetMinutes = 0
      i++
    } else if (c === 43 /* + */ || c === 45 /* - */) {
      const oh = two(t, i + 1)
      let j = i + 3
      if (t.charCodeAt(j) === 58 /* : */) j++
      const om = two(t, j)
      if (oh < 0 || om < 0) return null
      if (oh > 18 || om > 59) return null
      offsetMinutes = (c === 45 ? -1 : 1) * (oh * 60 + om)
      i = j + 2
    } else {
      return null
    }
  }
  if (i !== n) return null

  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null
  if (hour > 23 || minute > 59 || second > 59) return null
  // Date.UTC and the Date constructor map years 0–99 to 1900–1999; iSales never sends those.
  if (year < 100) return null
  if (offsetMinutes !== null) {
    return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000
  }
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
