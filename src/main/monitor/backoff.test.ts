import { OFFLINE_MAX_DELAY_MS, OFFLINE_MAX_RETRY_AFTER_MS, offlineRetryDelay } from './backoff'

describe('offlineRetryDelay', () => {
  it('doubles from 5 s and stops at 5 minutes', () => {
    const mid = () => 0.5 // no jitter
    expect([0, 1, 2, 3, 4, 5, 6, 7, 50].map((a) => offlineRetryDelay(a, mid))).toEqual([
      5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000,
    ])
  })

  it('spreads each delay by ±20 % and never exceeds the cap', () => {
    expect(offlineRetryDelay(0, () => 0)).toBe(4_000)
    expect(offlineRetryDelay(0, () => 0.999999)).toBe(6_000)
    expect(offlineRetryDelay(10, () => 0.999999)).toBe(OFFLINE_MAX_DELAY_MS)
    expect(offlineRetryDelay(10, () => 0)).toBe(240_000)
  })

  it('waits at least what the server asked for', () => {
    expect(offlineRetryDelay(0, () => 0.5, 30)).toBe(30_000)
    expect(offlineRetryDelay(3, () => 0.5, 1)).toBe(40_000)
  })
  it('honours a long Retry-After only up to the 5 minute backoff cap', () => {
    expect(OFFLINE_MAX_RETRY_AFTER_MS).toBe(OFFLINE_MAX_DELAY_MS)
    expect(offlineRetryDelay(0, () => 0.5, 4 * 60)).toBe(4 * 60_000)
    for (const huge of [9 * 60, 3600, 86_400, 2 ** 31, 10 ** 12, Number.MAX_VALUE, Infinity]) {
      expect(
        offlineRetryDelay(0, () => 0.5, huge),
        String(huge),
      ).toBe(OFFLINE_MAX_RETRY_AFTER_MS)
    }
  })

  it('ignores an unusable Retry-After', () => {
    for (const bad of [NaN, -5, 0]) expect(offlineRetryDelay(0, () => 0.5, bad)).toBe(5_000)
  })
})
