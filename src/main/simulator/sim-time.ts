/**
 * The two time formats iSales servers send (docs/isales-interface.md#quirks): ISO-8601 with an offset, as in the
 * interface's sample, and `yyyy-MM-dd HH:mm:ss` in server local time, as sibling interfaces use.
 * The simulator's "server local time" is UTC plus a fixed offset (default 0) so output is
 * deterministic whatever the machine's time zone.
 */

export type TimeFormat = 'iso' | 'plain'

const ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/
const PLAIN_RE = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/

const DAY_MS = 86_400_000
const dayCache = new Map<number, string>()

// Hand-rolled formatting: a 100k-task dataset formats 200k times and Date#toISOString dominated.
function dayText(day: number): string {
  let text = dayCache.get(day)
  if (text === undefined) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10)
    dayCache.set(day, text)
  }
  return text
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n)
}

/** [yyyy-MM-dd, HH:mm:ss, SSS] in UTC. */
function parts(ms: number): [string, string, string] {
  const day = Math.floor(ms / DAY_MS)
  let rest = ms - day * DAY_MS
  const millis = rest % 1000
  rest = (rest - millis) / 1000
  const clock = `${pad2(Math.floor(rest / 3600))}:${pad2(Math.floor(rest / 60) % 60)}:${pad2(rest % 60)}`
  return [dayText(day), clock, String(millis).padStart(3, '0')]
}

/** 2022-03-11T07:27:09.000+00:00 */
export function formatIsoTime(ms: number): string {
  const [day, clock, millis] = parts(Math.floor(ms))
  return `${day}T${clock}.${millis}+00:00`
}

/** 2022-03-11 15:27:09 for a server at UTC+08:00 (offsetMinutes 480). */
export function formatPlainTime(ms: number, offsetMinutes = 0): string {
  const [day, clock] = parts(Math.floor(ms + offsetMinutes * 60_000))
  return `${day} ${clock}`
}

export function formatSimTime(ms: number, format: TimeFormat, offsetMinutes = 0): string {
  return format === 'iso' ? formatIsoTime(ms) : formatPlainTime(ms, offsetMinutes)
}

/** The format a time string is in, null for "" or anything else. */
export function timeFormatOf(text: string): TimeFormat | null {
  if (ISO_RE.test(text)) return 'iso'
  if (PLAIN_RE.test(text)) return 'plain'
  return null
}

/** Epoch ms of either format; NaN when the text is empty or unknown. */
export function parseSimTime(text: string, offsetMinutes = 0): number {
  const format = timeFormatOf(text)
  if (format === 'iso') return Date.parse(text)
  if (format === 'plain') return Date.parse(text.replace(' ', 'T') + 'Z') - offsetMinutes * 60_000
  return Number.NaN
}
