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
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

  it('the monitor scheduler', async () => {
    const fired = vi.fn()
    const handle = nodeTimers.setTimeout(fired, 2 ** 31 * 1000)
    await wait(50)
    nodeTimers.clearTimeout(handle)
    expect(fired).not.toHaveBeenCalled()
  })

  it('the retry sleep', async () => {
    const abort = new AbortController()
    const done = vi.fn()
    const sleeping = abortableSleep(2 ** 31 * 1000, abort.signal).then(done, () => 'aborted')
    await wait(50)
    abort.abort()
    expect(await sleeping).toBe('aborted')
    expect(done).not.toHaveBeenCalled()
  })
})
