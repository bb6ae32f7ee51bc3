import { buildTask } from './testing/task-builder'
import { healthOf, isStuck, localDayStart, summarizeDay, type DaySummary } from './day-health'

// Noon local time on a fixed day, so "yesterday" and "today" are unambiguous in any time zone.
const NOON = new Date(2026, 11, 2, 12, 0, 0).getTime()
const HOUR = 3_600_000
const at = (ms: number) => ({ beginAt: ms, beginTime: new Date(ms).toISOString() })
const THRESHOLDS = { stuckMinutes: 60, failureRatePct: 20 }

describe("a campaign's day at a glance", () => {
  it('starts the day at local midnight', () => {
    expect(localDayStart(NOON)).toBe(new Date(2026, 11, 2).getTime())
  })

  it("counts an import on the day it began, as the task table's begin-time filter does", () => {
    const tasks = [
      buildTask({ id: '1', status: '3', ...at(NOON - HOUR), endAt: NOON }),
      buildTask({ id: '2', status: '2', ...at(NOON - 2 * HOUR), endAt: NOON - HOUR }),
      // Began before midnight, ended after it: yesterday's import.
      buildTask({ id: '3', status: '3', ...at(NOON - 13 * HOUR), endAt: NOON - 11 * HOUR }),
      buildTask({ id: '4', status: '2', ...at(NOON - 30 * HOUR), endAt: null }),
      // No begin time: its end time dates it.
      buildTask({ id: '5', status: '3', beginAt: null, endAt: NOON - HOUR }),
    ]
    const s = summarizeDay(tasks, NOON, THRESHOLDS)
    expect(s.failedToday).toBe(2)
    expect(s.importedToday).toBe(1)
  })

  it("adds up the records of today's imports only, running ones included", () => {
    const tasks = [
      buildTask({
        id: '1',
        status: '2',
        ...at(NOON - HOUR),
        succNum: 80,
        repeatNum: 10,
        failNum: 10,
      }),
      buildTask({ id: '2', status: '1', ...at(NOON - 30 * HOUR), succNum: 5 }),
      buildTask({
        id: '3',
        status: '2',
        ...at(NOON - 30 * HOUR),
        endAt: NOON - 29 * HOUR,
        succNum: 999,
      }),
    ]
    const s = summarizeDay(tasks, NOON, THRESHOLDS)
    expect([s.succeeded, s.duplicates, s.failed]).toEqual([85, 10, 10])
    expect(s.successRate).toBeCloseTo(85 / 105)
  })

  it('calls an import stuck once it has been preparing or importing past the threshold', () => {
    const tasks = [
      buildTask({ id: '1', status: '1', ...at(NOON - 61 * 60_000) }),
      buildTask({ id: '2', status: '0', ...at(NOON - 59 * 60_000) }),
    ]
    const s = summarizeDay(tasks, NOON, THRESHOLDS)
    expect([s.stuck, s.importing, s.preparing]).toEqual([1, 1, 1])
    expect(healthOf(s, { offline: false, stale: false }, THRESHOLDS)).toBe('stuck')
  })

  it('calls one import stuck only while it runs, past the threshold, with a begin time', () => {
    const old = at(NOON - 61 * 60_000)
    expect(isStuck(buildTask({ id: '1', status: '0', ...old }), NOON, 60)).toBe(true)
    expect(isStuck(buildTask({ id: '1', status: '3', ...old }), NOON, 60)).toBe(false)
    expect(isStuck(buildTask({ id: '1', status: '1', ...old }), NOON, 62)).toBe(false)
    expect(isStuck(buildTask({ id: '1', status: '1', beginAt: null }), NOON, 1)).toBe(false)
  })

  it('keeps the newest begin time of any day as the last import', () => {
    const tasks = [
      buildTask({ id: '1', ...at(NOON - 50 * HOUR) }),
      buildTask({ id: '2', ...at(NOON - 49 * HOUR) }),
    ]
    expect(summarizeDay(tasks, NOON, THRESHOLDS).lastImportAt).toBe(NOON - 49 * HOUR)
  })
})

describe('the health of a campaign', () => {
  const base: DaySummary = summarizeDay([], NOON, THRESHOLDS)
  const ok = { offline: false, stale: false }

  it('is offline or stale before anything the numbers say', () => {
    const failing = { ...base, failedToday: 3 }
    expect(healthOf(failing, { offline: true, stale: true }, THRESHOLDS)).toBe('offline')
    expect(healthOf(failing, { offline: false, stale: true }, THRESHOLDS)).toBe('stale')
    expect(healthOf(null, ok, THRESHOLDS)).toBe('stale')
  })

  it('is failing with a failed import today, or with a record failure rate above the threshold', () => {
    expect(healthOf({ ...base, failedToday: 1 }, ok, THRESHOLDS)).toBe('failing')
    expect(healthOf({ ...base, succeeded: 79, failed: 21 }, ok, THRESHOLDS)).toBe('failing')
    expect(healthOf({ ...base, succeeded: 80, failed: 20 }, ok, THRESHOLDS)).toBe('idle')
  })

  it('is running while imports are in progress, idle otherwise', () => {
    expect(healthOf({ ...base, importing: 1 }, ok, THRESHOLDS)).toBe('running')
    expect(healthOf(base, ok, THRESHOLDS)).toBe('idle')
  })
})
