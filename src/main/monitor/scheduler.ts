import { timerDelay } from '../timer-delay'

/**
 * The timers the monitor uses, injectable so tests drive time instead of sleeping (see
 * manual-scheduler.ts). The default is Node's, unref'd: a pending poll never keeps a process alive,
 * and its delay is clamped to what Node honours (a longer one would fire after 1 ms).
 */

export type TimerHandle = unknown

export interface Timers {
  setTimeout(fn: () => void, ms: number): TimerHandle
  clearTimeout(handle: TimerHandle): void
}

export const nodeTimers: Timers = {
  setTimeout(fn, ms) {
    const t = setTimeout(fn, timerDelay(ms))
    t.unref()
    return t
  },
  clearTimeout(handle) {
    clearTimeout(handle as NodeJS.Timeout)
  },
}
