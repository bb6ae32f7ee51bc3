import { AppError, cancelledError, type ErrorCode, type ErrorDetail } from '../../shared/errors'
import { httpStatusError } from './http-errors'
import { abortableSleep, backoffDelay, withRetry } from './retry'

const err = (code: ErrorCode, detail: ErrorDetail = {}) => new AppError(code, code, detail)

describe('backoffDelay', () => {
  const e = err('network')

  it('doubles from the base, with jitter between half and all of it', () => {
    const lo = { baseDelayMs: 500, random: () => 0 }
    const hi = { baseDelayMs: 500, random: () => 0.999999 }
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, e, lo))).toEqual([250, 500, 1000, 2000])
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, e, hi))).toEqual([500, 1000, 2000, 4000])
  })

  it('caps at maxDelayMs', () => {
    expect(
      backoffDelay(20, e, { baseDelayMs: 500, maxDelayMs: 10_000, random: () => 0.999999 }),
    ).toBe(10_000)
  })

  it('never waits less than the server’s Retry-After', () => {
    const limited = err('rate-limited', { retryAfter: 30 })
    expect(backoffDelay(0, limited, { maxDelayMs: 10_000, random: () => 0 })).toBe(30_000)
  })
})

describe('withRetry', () => {
  const noSleep = () => Promise.resolve()

  it('retries transient failures and returns the success', async () => {
    const delays: number[] = []
    let calls = 0
    const result = await withRetry(
      async () => {
        calls++
        if (calls < 3) throw err('network')
        return 'ok'
      },
      { sleep: async (ms) => void delays.push(ms), random: () => 0, baseDelayMs: 100 },
    )
    expect(result).toBe('ok')
    expect(calls).toBe(3)
    expect(delays).toEqual([50, 100])
  })

  it('gives up after `retries` retries with the last error', async () => {
    let calls = 0
    const last = err('timeout')
    await expect(
      withRetry(
        async () => {
          calls++
          throw last
        },
        { retries: 2, sleep: noSleep },
      ),
    ).rejects.toBe(last)
    expect(calls).toBe(3)
  })

  it('does not retry what a retry cannot fix', async () => {
    let calls = 0
    const sleep = vi.fn(noSleep)
    await expect(
      withRetry(
        async () => {
          calls++
          throw err('auth', { status: 401 })
        },
        { sleep },
      ),
    ).rejects.toMatchObject({ code: 'auth' })
    expect(calls).toBe(1)
    expect(sleep).not.toHaveBeenCalled()
  })

  it('returns a Retry-After longer than maxRetryAfterMs instead of waiting it out', async () => {
    let calls = 0
    await expect(
      withRetry(
        async () => {
          calls++
          throw err('rate-limited', { retryAfter: 3600 })
        },
        { sleep: noSleep },
      ),
    ).rejects.toMatchObject({ code: 'rate-limited' })
    expect(calls).toBe(1)
  })

  it('names its own wait limit when it returns a Retry-After it will not wait out', async () => {
    const e = await withRetry(
      async () => {
        throw httpStatusError(429, '30', 0)
      },
      { sleep: noSleep, maxRetryAfterMs: 10_000 },
    ).catch((x: unknown) => x)
    expect(e).toMatchObject({ code: 'rate-limited', detail: { status: 429, retryAfter: 30 } })
    expect((e as AppError).message).toBe(
      'The server is limiting requests and asked to wait 30 s, longer than this tool waits (10 s). Try again after that.',
    )
  })

  it('stops with cancelled when aborted during the wait', async () => {
    const ac = new AbortController()
    let calls = 0
    await expect(
      withRetry(
        async () => {
          calls++
          throw err('network')
        },
        {
          signal: ac.signal,
          sleep: (_ms, signal) => {
            ac.abort()
            return abortableSleep(1000, signal)
          },
        },
      ),
    ).rejects.toMatchObject({ code: 'cancelled' })
    expect(calls).toBe(1)
  })
})

describe('abortableSleep', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('resolves after the delay, not before', async () => {
    let done = false
    const p = abortableSleep(1000).then(() => (done = true))
    await vi.advanceTimersByTimeAsync(999)
    expect(done).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    await p
    expect(done).toBe(true)
  })

  it('rejects with cancelled as soon as the signal aborts', async () => {
    const ac = new AbortController()
    const p = abortableSleep(10_000, ac.signal)
    ac.abort()
    await expect(p).rejects.toEqual(cancelledError())
    expect(vi.getTimerCount()).toBe(0)
  })
})
