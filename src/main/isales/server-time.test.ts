import fc from 'fast-check'
import { learnClockOffset, parseServerTime } from './server-time'

/**
 * The reference reading: the pattern and Date constructor parseServerTime replaced for speed. Both
 * must agree on every text (which they accept and the instant), in every time zone.
 */
const REFERENCE_RE =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(?:(Z)|([+-])(\d{2}):?(\d{2}))?$/

function referenceParse(text: string): number | null {
  const m = REFERENCE_RE.exec(text.trim())
  if (!m) return null
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as number[] as [
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate()
  if (month < 1 || month > 12 || day < 1 || day > days) return null
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
    return year < 100 ? null : utc - offsetMinutes * 60_000
  }
  if (year < 100) return null
  return new Date(year, month - 1, day, hour, minute, second, ms).getTime()
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** Texts near the grammar: valid ones, out-of-range fields, odd separators, spaces, junk. */
const timeText = fc
  .record({
    year: fc.oneof(fc.integer({ min: 1990, max: 2040 }), fc.integer({ min: 0, max: 9999 })),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 25 }),
    minute: fc.integer({ min: 0, max: 61 }),
    second: fc.integer({ min: 0, max: 61 }),
    sep: fc.constantFrom('T', ' ', '/', 't'),
    fraction: fc.oneof(
      fc.constant(''),
      fc.stringMatching(/^[.,]\d{0,11}$/),
      fc.constantFrom('.000', '.5', ',123456789'),
    ),
    zone: fc.oneof(
      fc.constant(''),
      fc.constantFrom('Z', 'z', '+00:00', '+08:00', '-0500', '+1900', '+05:60', '+5:00', '+05:'),
      fc.stringMatching(/^[+-]\d{2}:?\d{2}$/),
    ),
    before: fc.constantFrom('', ' ', '\t', '\n '),
    after: fc.constantFrom('', ' ', '\u00a0', 'x'),
  })
  .map(
    (r) =>
      `${r.before}${pad(r.year, 4)}-${pad(r.month)}-${pad(r.day)}${r.sep}${pad(r.hour)}:${pad(r.minute)}:${pad(r.second)}${r.fraction}${r.zone}${r.after}`,
  )

const ZONES = ['UTC', 'Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe']

describe('parseServerTime', () => {
  it('reads ISO-8601 with an offset as that instant', () => {
    expect(parseServerTime('2022-03-11T07:27:09.000+00:00')).toBe(Date.UTC(2022, 2, 11, 7, 27, 9))
    expect(parseServerTime('2022-03-11T15:27:09.123+08:00')).toBe(
      Date.UTC(2022, 2, 11, 7, 27, 9, 123),
    )
    expect(parseServerTime('2022-03-11T02:27:09-0500')).toBe(Date.UTC(2022, 2, 11, 7, 27, 9))
    expect(parseServerTime('2022-03-11T07:27:09Z')).toBe(Date.UTC(2022, 2, 11, 7, 27, 9))
  })

  describe('in a time zone other than UTC', () => {
    const saved = process.env.TZ
    beforeAll(() => {
      process.env.TZ = 'Asia/Shanghai'
    })
    afterAll(() => {
      if (saved === undefined) delete process.env.TZ
      else process.env.TZ = saved
    })

    it('reads "yyyy-MM-dd HH:mm:ss" as workstation local time', () => {
      expect(parseServerTime('2022-03-11 15:27:09')).toBe(Date.UTC(2022, 2, 11, 7, 27, 9))
    })

    it('still reads a text with an offset as that instant', () => {
      expect(parseServerTime('2022-03-11T07:27:09.000+00:00')).toBe(Date.UTC(2022, 2, 11, 7, 27, 9))
    })
  })

  describe.each(ZONES)('in %s', (zone) => {
    const saved = process.env.TZ
    beforeAll(() => {
      process.env.TZ = zone
    })
    afterAll(() => {
      if (saved === undefined) delete process.env.TZ
      else process.env.TZ = saved
    })

    it('agrees with the reference pattern and Date constructor on every text', () => {
      fc.assert(
        fc.property(fc.oneof(timeText, fc.string()), (text) => {
          expect(parseServerTime(text)).toBe(referenceParse(text))
        }),
        { numRuns: 3000 },
      )
    })

    it('agrees with the Date constructor around daylight-saving changes, minute by minute', () => {
      // Both changes of 2024 in each zone with any: every minute of the days around them.
      for (const date of ['2024-03-10', '2024-03-31', '2024-04-07', '2024-10-06', '2024-11-03']) {
        for (let minute = 0; minute < 24 * 60; minute += 7) {
          const text = `${date} ${pad(Math.floor(minute / 60))}:${pad(minute % 60)}:30`
          expect(parseServerTime(text), text).toBe(referenceParse(text))
        }
      }
    })
  })

  it('returns null for empty or unknown text and impossible dates', () => {
    for (const text of [
      '',
      '   ',
      'yesterday',
      '2022/03/11 07:27:09',
      '2022-02-30 10:00:00',
      '2022-13-01 10:00:00',
      '2022-03-11 24:00:00',
      '2022-03-11T07:27:09+25:00',
      '1646983629000',
    ]) {
      expect(parseServerTime(text), text).toBeNull()
    }
  })
})

describe('learnClockOffset', () => {
  const T = Date.UTC(2026, 0, 5, 9, 0, 0)
  const header = (ms: number) => new Date(ms).toUTCString() // whole seconds, cut down
  const sample = (serverMs: number, sentMs = T, receivedMs = T) => ({
    dateHeader: header(serverMs),
    sentMs,
    receivedMs,
  })

  it('ignores up to a second of header rounding on agreeing clocks', () => {
    for (const ms of [0, 1, 499, 500, 999]) {
      expect(learnClockOffset(sample(T + ms), 0), String(ms)).toBeNull()
    }
    expect(learnClockOffset(sample(T + 1999), 0)).toBeNull()
  })

  it('learns a skew beyond 2 s, to within the header’s half second', () => {
    const learnt = learnClockOffset(sample(T + 2600), 0)
    expect(learnt).not.toBeNull()
    expect(Math.abs(learnt! - 2600)).toBeLessThanOrEqual(500)
    expect(learnClockOffset(sample(T - 45_000), 0)).toBe(-44_500)
  })

  it('measures against the middle of the round trip and widens the margin by half of it', () => {
    // Sent at T, answered 6 s later by a server 3 s ahead: the reply's moment is unknown.
    expect(learnClockOffset(sample(T + 3000 + 3000, T, T + 6000), 0)).toBeNull()
    expect(learnClockOffset(sample(T + 3000 + 10_000, T, T + 6000), 0)).toBe(10_500)
  })

  it('compares with the offset already learnt', () => {
    expect(learnClockOffset(sample(T + 45_000), 45_000)).toBeNull()
    expect(learnClockOffset(sample(T + 45_000), 40_000)).toBe(45_500)
  })

  it('returns null without a readable Date header', () => {
    expect(learnClockOffset({ dateHeader: undefined, sentMs: T, receivedMs: T }, 0)).toBeNull()
    expect(learnClockOffset({ dateHeader: 'soon', sentMs: T, receivedMs: T }, 0)).toBeNull()
  })
})
