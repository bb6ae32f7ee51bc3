/**
 * The workstation's wall-clock time of an instant, as the exports write it: ISO 8601 with the
 * offset in CSV (2026-12-02T09:15:00+08:00), and as an Excel serial date-time in xlsx (Excel has
 * no time zones: the cell holds the local wall-clock time and the header names the offset).
 * The zone is the process's (the workstation's); `offsetOf` is injectable so tests pin a zone.
 */

/** Minutes east of UTC at the instant `ms` (e.g. +480 for UTC+08:00). */
export type OffsetOf = (ms: number) => number

export const localOffset: OffsetOf = (ms) => -new Date(ms).getTimezoneOffset()

const QUARTER_HOUR_MS = 900_000
const MS_PER_DAY = 86_400_000

/**
 * `offsetOf`, remembered per quarter hour for one export: asking the zone is a lookup each time
 * (a tenth of a 100,000-row CSV export), and offsets change only at daylight-saving and zone-law
 * changes, which fall on quarter hours. One per export, not one for the process: the workstation
 * may be moved to another zone while the app runs.
 */
export function rememberedOffsets(offsetOf: OffsetOf): OffsetOf {
  const known = new Map<number, number>()
  return (ms) => {
    const quarter = Math.floor(ms / QUARTER_HOUR_MS)
    let offset = known.get(quarter)
    if (offset === undefined) known.set(quarter, (offset = offsetOf(ms)))
    return offset
  }
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** "+08:00", "-03:30", "+00:00". */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+'
  const abs = Math.abs(minutes)
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
}

/** The wall-clock fields at `ms` in the zone `offsetOf` describes (read as UTC fields). */
function wallClock(ms: number, offsetOf: OffsetOf): Date {
  return new Date(ms + offsetOf(ms) * 60_000)
}

/** Two digits (0–99). */
const two = (n: number) => (n < 10 ? `0${n}` : `${n}`)

/** formatOffset's few answers, kept (an export asks once or twice a row). */
const offsetTexts = new Map<number, string>()

/** The date part of each wall-clock day seen ("2026-12-02T"), by day number; bounded. */
const dayTexts = new Map<number, string>()
const DAY_TEXTS_MAX = 4096

function dayText(day: number): string {
  let text = dayTexts.get(day)
  if (text === undefined) {
    const w = new Date(day * MS_PER_DAY)
    const year = w.getUTCFullYear()
    text = `${year >= 1000 && year <= 9999 ? year : pad(year, 4)}-${two(w.getUTCMonth() + 1)}-${two(w.getUTCDate())}T`
    if (dayTexts.size >= DAY_TEXTS_MAX) dayTexts.clear()
    dayTexts.set(day, text)
  }
  return text
}

/**
 * ISO 8601 local time with offset, whole seconds: 2026-12-02T09:15:00+08:00. The date part is
 * remembered per day and the time of day is arithmetic: an export writes two a row.
 */
export function formatLocalIso(ms: number, offsetOf: OffsetOf = localOffset): string {
  const offset = offsetOf(ms)
  let zone = offsetTexts.get(offset)
  if (zone === undefined) offsetTexts.set(offset, (zone = formatOffset(offset)))
  // Date keeps whole milliseconds, cut toward zero.
  const wall = Math.trunc(ms + offset * 60_000)
  // Outside Date's range (±8.64e15 ms) the fields are NaN, written as they always were.
  if (!(Math.abs(wall) <= 8.64e15)) {
    const w = new Date(wall)
    const year = w.getUTCFullYear()
    return `${pad(year, 4)}-${two(w.getUTCMonth() + 1)}-${two(w.getUTCDate())}T${two(w.getUTCHours())}:${two(w.getUTCMinutes())}:${two(w.getUTCSeconds())}${zone}`
  }
  const day = Math.floor(wall / MS_PER_DAY)
  const second = Math.floor((wall - day * MS_PER_DAY) / 1000)
  const minute = Math.floor(second / 60)
  return `${dayText(day)}${two(Math.floor(minute / 60))}:${two(minute % 60)}:${two(second % 60)}${zone}`
}

/** Excel's serial day 0 (1899-12-30, 1900 date system) in Unix ms. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30)

/** The Excel serial date-time of the local wall-clock time at `ms` (days, fraction = time). */
export function excelSerial(ms: number, offsetOf: OffsetOf = localOffset): number {
  return (wallClock(ms, offsetOf).getTime() - EXCEL_EPOCH_MS) / MS_PER_DAY
}

/** The workstation's IANA zone name ("Asia/Shanghai"); "" when the runtime cannot tell. */
export function localZoneName(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone ?? ''
}

/**
 * The zone the times are in, for headers: "Asia/Shanghai, UTC+08:00" (the offset at `atMs`; the
 * name covers rows on the other side of a daylight-saving change).
 */
export function zoneDescription(
  atMs: number,
  offsetOf: OffsetOf = localOffset,
  zoneName: string = localZoneName(),
): string {
  const offset = `UTC${formatOffset(offsetOf(atMs))}`
  return zoneName ? `${zoneName}, ${offset}` : offset
}
