/**
 * Time presets for every time filter (Today, Yesterday, Last 7 days, This month) and the
 * "Failed today" filter, on the workstation's local day. Pure: `now` comes from the caller, so
 * the task table, the overview and the tests all get the same ranges for the same moment.
 *
 * Ranges are inclusive epoch ms, as TaskFilter's beginFrom/beginTo: a day runs from local
 * midnight to the last millisecond before the next one (shown as 23:59:59). Days are stepped with
 * the calendar (setDate), never by adding 24 h, so days of 23 or 25 hours (summer time) come out
 * right.
 */
import { localDayStart } from '@shared/day-health'
import { EMPTY_FILTER, type TaskFilter } from './task-index'

export const TIME_PRESETS = ['today', 'yesterday', 'last7Days', 'thisMonth'] as const
export type TimePreset = (typeof TIME_PRESETS)[number]

/** Inclusive, epoch ms. */
export type TimeRange = readonly [from: number, to: number]

/** Local midnight `days` calendar days after (or before) the day holding `now`. */
function dayStartOffset(now: number, days: number): number {
  const d = new Date(localDayStart(now))
  d.setDate(d.getDate() + days)
  return d.getTime()
}

function monthStartOffset(now: number, months: number): number {
  const d = new Date(now)
  return new Date(d.getFullYear(), d.getMonth() + months, 1).getTime()
}

export function presetRange(preset: TimePreset, now: number): TimeRange {
  const endOfToday = dayStartOffset(now, 1) - 1
  switch (preset) {
    case 'today':
      return [localDayStart(now), endOfToday]
    case 'yesterday':
      return [dayStartOffset(now, -1), localDayStart(now) - 1]
    case 'last7Days':
      // Today and the six days before it.
      return [dayStartOffset(now, -6), endOfToday]
    case 'thisMonth':
      return [monthStartOffset(now, 0), monthStartOffset(now, 1) - 1]
  }
}

/** The preset a range is, at `now` (to mark its button as chosen); null for any other range. */
export function presetOf(from: number | null, to: number | null, now: number): TimePreset | null {
  if (from === null || to === null) return null
  return (
    TIME_PRESETS.find((p) => {
      const [a, b] = presetRange(p, now)
      return a === from && b === to
    }) ?? null
  )
}

/**
 * Where the range picker's two month panels open when no range is set: last month on the left,
 * this month on the right (the default would look a month ahead, where no import can be).
 */
export function pickerCalendars(now: number): { start: number; end: number } {
  return { start: monthStartOffset(now, -1), end: now }
}

/**
 * "Failed today": imports that failed (status 3) and began today. The whole filter, so one click
 * (in a campaign or from the overview) shows exactly those rows whatever was set before.
 */
export function failedTodayFilter(now: number): TaskFilter {
  const [beginFrom, beginTo] = presetRange('today', now)
  return { ...EMPTY_FILTER, statuses: ['3'], beginFrom, beginTo }
}

/** The filter is exactly "Failed today" at `now`. */
export function isFailedToday(filter: TaskFilter, now: number): boolean {
  const f = failedTodayFilter(now)
  return (
    filter.statuses.length === 1 &&
    filter.statuses[0] === '3' &&
    filter.beginFrom === f.beginFrom &&
    filter.beginTo === f.beginTo &&
    filter.text.trim() === '' &&
    !filter.onlyFailed &&
    filter.cause === null
  )
}
