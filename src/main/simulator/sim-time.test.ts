import fc from 'fast-check'
import { formatIsoTime, formatPlainTime, parseSimTime, timeFormatOf } from './sim-time'

describe('sim-time', () => {
  it('formats both iSales time formats like Huawei samples', () => {
    const ms = Date.parse('2022-03-11T07:27:09.000Z')
    expect(formatIsoTime(ms)).toBe('2022-03-11T07:27:09.000+00:00')
    expect(formatPlainTime(ms)).toBe('2022-03-11 07:27:09')
    expect(formatPlainTime(ms, 480)).toBe('2022-03-11 15:27:09')
  })

  it('agrees with Date#toISOString and round-trips through parseSimTime', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_102_444_800_000 }),
        fc.integer({ min: -720, max: 840 }),
        (ms, offset) => {
          expect(formatIsoTime(ms)).toBe(new Date(ms).toISOString().replace('Z', '+00:00'))
          expect(parseSimTime(formatIsoTime(ms))).toBe(ms)
          const seconds = Math.floor(ms / 1000) * 1000
          expect(parseSimTime(formatPlainTime(ms, offset), offset)).toBe(seconds)
        },
      ),
    )
  })

  it('recognises formats and rejects anything else', () => {
    expect(timeFormatOf('2022-03-11T07:27:09.000+08:00')).toBe('iso')
    expect(timeFormatOf('2022-03-11 07:27:09')).toBe('plain')
    expect(timeFormatOf('')).toBeNull()
    expect(parseSimTime('11/03/2022')).toBeNaN()
  })
})
