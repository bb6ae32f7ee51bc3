import fc from 'fast-check'
import {
  excelSerial,
  formatLocalIso,
  formatOffset,
  localOffset,
  rememberedOffsets,
  zoneDescription,
} from './local-time'

describe('local times for the exports', () => {
  it('remembers the offset per quarter hour, asking the zone once per quarter and right across a change', () => {
    // A zone that moves from +01:00 to +02:00 at 2026-03-29T01:00Z (a daylight-saving start).
    const change = Date.UTC(2026, 2, 29, 1)
    let asked = 0
    const zone = (ms: number) => (asked++, ms < change ? 60 : 120)
    const offsetOf = rememberedOffsets(zone)
    const before = change - 1_000
    expect([
      offsetOf(before),
      offsetOf(before - 60_000),
      offsetOf(change),
      offsetOf(change + 1),
    ]).toEqual([60, 60, 120, 120])
    expect(asked).toBe(2)
    expect(formatLocalIso(change, offsetOf)).toBe('2026-03-29T03:00:00+02:00')
  })

  const at = Date.UTC(2026, 11, 2, 1, 15, 0) // 09:15 in Shanghai

  it('writes ISO 8601 with the offset of the zone, east or west, whole or half hours', () => {
    expect(formatLocalIso(at, () => 480)).toBe('2026-12-02T09:15:00+08:00')
    expect(formatLocalIso(at, () => -210)).toBe('2026-12-01T21:45:00-03:30')
    expect(formatLocalIso(at, () => 0)).toBe('2026-12-02T01:15:00+00:00')
    expect(formatOffset(330)).toBe('+05:30')
  })

  it("writes every instant of Date's range as Date's own UTC fields of the wall-clock time", () => {
    // The fast way (a date text per day, the time by arithmetic) against Date itself.
    const byDate = (ms: number, offset: number) => {
      const w = new Date(ms + offset * 60_000)
      const p = (n: number, width = 2) => String(n).padStart(width, '0')
      return `${p(w.getUTCFullYear(), 4)}-${p(w.getUTCMonth() + 1)}-${p(w.getUTCDate())}T${p(w.getUTCHours())}:${p(w.getUTCMinutes())}:${p(w.getUTCSeconds())}${formatOffset(offset)}`
    }
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: -8.64e15 + 1e9, max: 8.64e15 - 1e9 }),
          fc.double({ min: -1e14, max: 1e14, noNaN: true }),
          fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }),
        ),
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
        (ms, offset) => {
          expect(formatLocalIso(ms, () => offset)).toBe(byDate(ms, offset))
        },
      ),
      { numRuns: 2000 },
    )
    // Just before and after midnight, and before 1970.
    expect(formatLocalIso(Date.UTC(2026, 11, 2, 15, 59, 59, 999), () => 480)).toBe(
      '2026-12-02T23:59:59+08:00',
    )
    expect(formatLocalIso(Date.UTC(1969, 11, 31, 23, 59, 59, 500), () => 0)).toBe(
      '1969-12-31T23:59:59+00:00',
    )
  })

  it('uses the workstation zone by default, so the text reads back as the same instant', () => {
    const text = formatLocalIso(at)
    expect(Date.parse(text)).toBe(at)
    const d = new Date(at)
    expect(text.slice(11, 16)).toBe(
      `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`,
    )
    expect(localOffset(at)).toBe(-d.getTimezoneOffset())
  })

  it('gives Excel the wall-clock time as a serial day number', () => {
    // 2026-12-02 is day 46358 of Excel's 1900 date system; 09:15 is 0.385416… of a day.
    expect(excelSerial(at, () => 480)).toBeCloseTo(46358 + (9 * 60 + 15) / 1440, 10)
    expect(excelSerial(Date.UTC(1900, 2, 1), () => 0)).toBe(61)
  })

  it('describes the zone by name and offset for headers', () => {
    expect(zoneDescription(at, () => 480, 'Asia/Shanghai')).toBe('Asia/Shanghai, UTC+08:00')
    expect(zoneDescription(at, () => -300, '')).toBe('UTC-05:00')
  })
})
