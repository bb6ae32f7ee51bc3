import { nodeTimers } from './monitor/scheduler'
import { abortableSleep } from './isales/retry'
import { MAX_TIMER_DELAY_MS, timerDelay } from './timer-delay'

describe('timerDelay', () => {
  it('clamps to what Node timers honour', () => {
    expect(MAX_TIMER_DELAY_MS).toBe(2 ** 31 - 1)
    expect(timerDelay(1500)).toBe(1500)
    expect(timerDelay(2 ** 31)).toBe(MAX_TIMER_DELAY_MS)
    expect(timerDelay(Infinity)).toBe(MAX_TIMER_DELAY_MS)
    expect(timerDelay(-1)).toBe(0)
    expect(timerDelay(NaN)).toBe(0)
  })
})

describe('timers with a delay past 2^31−1 ms wait instead of firing at once', () => {
  // Fake timers behave like Node's here: a delay past 2^31−1 ms would fire after 1 ms. Moving the
  // fake clock shows the clamped timer waits the longest honoured delay, without real waiting.
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('the monitor scheduler', () => {
    const fired = vi.fn()
    const handle = nodeTimers.setTimeout(fired, 2 ** 31 * 1000)
    vi.advanceTimersByTime(MAX_TIMER_DELAY_MS - 1)
    expect(fired).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(fired).toHaveBeenCalledTimes(1)
    nodeTimers.clearTimeout(handle)
  })

  it('the monitor scheduler clears a pending timer', () => {
    const fired = vi.fn()
    const handle = nodeTimers.setTimeout(fired, 2 ** 31 * 1000)
    vi.advanceTimersByTime(50)
    nodeTimers.clearTimeout(handle)
    vi.advanceTimersByTime(MAX_TIMER_DELAY_MS)
    expect(fired).not.toHaveBeenCalled()
  })

  it('the retry sleep', async () => {
    const abort = new AbortController()
    const done = vi.fn()
    const sleeping = abortableSleep(2 ** 31 * 1000, abort.signal).then(done, () => 'aborted')
    await vi.advanceTimersByTimeAsync(MAX_TIMER_DELAY_MS - 1)
    expect(done).not.toHaveBeenCalled()
    abort.abort()
    expect(await sleeping).toBe('aborted')
    expect(done).not.toHaveBeenCalled()
  })

  it('the retry sleep ends after the longest honoured delay', async () => {
    const done = vi.fn()
    const sleeping = abortableSleep(2 ** 31 * 1000).then(done)
    await vi.advanceTimersByTimeAsync(MAX_TIMER_DELAY_MS - 1)
    expect(done).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    await sleeping
    expect(done).toHaveBeenCalledTimes(1)
  })
})
