import { learnClockOffset, parseServerTime } from './server-time'

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
