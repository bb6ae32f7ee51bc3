import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EMPTY_FILTER } from './task-index'
import {
  TIME_PRESETS,
  failedTodayFilter,
  isFailedToday,
  pickerCalendars,
  presetOf,
  presetRange,
} from './time-presets'

// Local wall-clock times, so the expectations hold in whatever time zone the tests run.
const local = (y: number, m: number, d: number, h = 0, min = 0, s = 0, ms = 0) =>
  new Date(y, m - 1, d, h, min, s, ms).getTime()
const endOf = (y: number, m: number, d: number) => local(y, m, d, 23, 59, 59, 999)

describe('time presets', () => {
  const NOON = local(2026, 5, 14, 12)

  it('Today runs from local midnight to the last millisecond of the day', () => {
    expect(presetRange('today', NOON)).toEqual([local(2026, 5, 14), endOf(2026, 5, 14)])
  })

  it('Yesterday is the whole previous local day', () => {
    expect(presetRange('yesterday', NOON)).toEqual([local(2026, 5, 13), endOf(2026, 5, 13)])
  })

  it('Last 7 days is today and the six days before it', () => {
    expect(presetRange('last7Days', NOON)).toEqual([local(2026, 5, 8), endOf(2026, 5, 14)])
  })

  it('This month runs from the 1st to the end of its last day', () => {
    expect(presetRange('thisMonth', NOON)).toEqual([local(2026, 5, 1), endOf(2026, 5, 31)])
    expect(presetRange('thisMonth', local(2028, 2, 10))).toEqual([
      local(2028, 2, 1),
      endOf(2028, 2, 29),
    ])
  })

  it('at midnight exactly, the new day is today and the one that just ended is yesterday', () => {
    const midnight = local(2026, 5, 15)
    expect(presetRange('today', midnight)).toEqual([midnight, endOf(2026, 5, 15)])
    expect(presetRange('yesterday', midnight)).toEqual([local(2026, 5, 14), endOf(2026, 5, 14)])
  })

  it('one millisecond before midnight still belongs to the day that is ending', () => {
    const last = endOf(2026, 5, 14)
    expect(presetRange('today', last)).toEqual([local(2026, 5, 14), last])
    expect(presetRange('yesterday', last)[0]).toBe(local(2026, 5, 13))
  })

  it('on the 1st of a month, Yesterday and Last 7 days reach back into the previous month', () => {
    const first = local(2026, 3, 1, 0, 30)
    expect(presetRange('yesterday', first)).toEqual([local(2026, 2, 28), endOf(2026, 2, 28)])
    expect(presetRange('last7Days', first)).toEqual([local(2026, 2, 23), endOf(2026, 3, 1)])
    expect(presetRange('thisMonth', first)).toEqual([local(2026, 3, 1), endOf(2026, 3, 31)])
  })

  it('on New Year’s Day, Yesterday is the 31st of December of the year before', () => {
    const newYear = local(2027, 1, 1, 8)
    expect(presetRange('yesterday', newYear)).toEqual([local(2026, 12, 31), endOf(2026, 12, 31)])
    expect(presetRange('thisMonth', newYear)).toEqual([local(2027, 1, 1), endOf(2027, 1, 31)])
  })

  it('recognises a range as the preset it is at that moment, and nothing else', () => {
    for (const p of TIME_PRESETS) {
      const [from, to] = presetRange(p, NOON)
      expect(presetOf(from, to, NOON)).toBe(p)
    }
    const [from, to] = presetRange('today', NOON)
    expect(presetOf(from, to - 1000, NOON)).toBeNull()
    expect(presetOf(null, to, NOON)).toBeNull()
    // Yesterday's "Today" is not today's.
    expect(presetOf(from, to, local(2026, 5, 15, 9))).toBe('yesterday')
  })

  it('the picker opens with last month on the left and this month on the right', () => {
    const { start, end } = pickerCalendars(NOON)
    expect(new Date(start).getMonth()).toBe(3) // April
    expect(new Date(end).getMonth()).toBe(4) // May
    const jan = pickerCalendars(local(2027, 1, 20))
    expect(new Date(jan.start).getFullYear()).toBe(2026)
    expect(new Date(jan.start).getMonth()).toBe(11)
  })
})

describe('failedTodayFilter', () => {
  const MORNING = local(2026, 5, 14, 9, 15)

  it('is status "import failed" with today’s begin-time range and nothing else', () => {
    expect(failedTodayFilter(MORNING)).toEqual({
      ...EMPTY_FILTER,
      statuses: ['3'],
      beginFrom: local(2026, 5, 14),
      beginTo: endOf(2026, 5, 14),
    })
  })

  it('isFailedToday knows that filter, and not one with more conditions or another day', () => {
    const f = failedTodayFilter(MORNING)
    expect(isFailedToday(f, MORNING)).toBe(true)
    expect(isFailedToday({ ...f, text: 'quota' }, MORNING)).toBe(false)
    expect(isFailedToday({ ...f, statuses: ['3', '2'] }, MORNING)).toBe(false)
    expect(isFailedToday(f, local(2026, 5, 15, 0, 0, 1))).toBe(false)
  })
})

describe('time presets across a change to summer time (Europe/Berlin)', () => {
  // Node reads TZ afresh when it changes; vi.stubEnv sets it and unstubAllEnvs puts it back.
  beforeAll(() => {
    vi.stubEnv('TZ', 'Europe/Berlin')
  })
  afterAll(() => {
    vi.unstubAllEnvs()
  })

  it('a 23-hour day still runs from midnight to midnight', () => {
    // 2026-03-29: clocks go from 02:00 to 03:00.
    const [from, to] = presetRange('today', local(2026, 3, 29, 12))
    expect(from).toBe(local(2026, 3, 29))
    expect(to + 1 - from).toBe(23 * 3600_000)
    const [wFrom] = presetRange('last7Days', local(2026, 3, 30, 12))
    expect(new Date(wFrom).getHours()).toBe(0)
    expect(new Date(wFrom).getDate()).toBe(24)
  })
})
