import { OFFLINE_MAX_DELAY_MS, offlineRetryDelay } from './backoff'

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
})
