import type { TimerHandle, Timers } from '../monitor/scheduler'

/**
 * A clock and timers moved by hand, for tests: `advance(ms)` runs every timer that falls due, in
 * order, with `now()` set to its due time. Real sockets keep working since nothing global is faked.
 */
export class ManualScheduler implements Timers {
  #now: number
  #seq = 0
  readonly #timers = new Map<number, { at: number; fn: () => void }>()

  constructor(start = Date.UTC(2024, 4, 1, 8)) {
    this.#now = start
  }

  readonly now = (): number => this.#now

  setTimeout = (fn: () => void, ms: number): TimerHandle => {
    const id = ++this.#seq
    this.#timers.set(id, { at: this.#now + Math.max(0, ms), fn })
    return id
  }

  clearTimeout = (handle: TimerHandle): void => {
    this.#timers.delete(handle as number)
  }

  /** Due times of the pending timers, soonest first. */
  pending(): number[] {
    return [...this.#timers.values()].map((t) => t.at).sort((a, b) => a - b)
  }

  /** Moves the clock forward by `ms`, firing what falls due (including timers set meanwhile). */
  advance(ms: number): void {
    const until = this.#now + ms
    for (;;) {
      let next: [number, { at: number; fn: () => void }] | undefined
      for (const entry of this.#timers) {
        if (entry[1].at <= until && (!next || entry[1].at < next[1].at)) next = entry
      }
      if (!next) break
      this.#timers.delete(next[0])
      this.#now = Math.max(this.#now, next[1].at)
      next[1].fn()
    }
    this.#now = until
  }

  /** Fires the soonest timer (moving the clock to it); false when none is pending. */
  runNext(): boolean {
    const [at] = this.pending()
    if (at === undefined) return false
    this.advance(at - this.#now)
    return true
  }
}
