import { parseServerTime } from './server-time'

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
