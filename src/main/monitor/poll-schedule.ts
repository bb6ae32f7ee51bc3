import type { Emit } from '../../shared/contract'
import { MIN_REFRESH_INTERVAL_SEC } from '../../shared/limits'
import { DEFAULT_SETTINGS } from '../../shared/profile'
import type { TimerHandle, Timers } from './scheduler'
import type { Watch } from './watches'

/**
 * When each campaign is fetched again by itself: one timer per campaign with imports preparing or
 * importing, set after each fetch (so fetches never overlap), refreshIntervalSec apart (≥ 5 s).
 * While the machine sleeps no timer is set; every change of plan is announced to the window as
 * 'refresh:scheduled'.
 */

export interface Scheduled {
  handle: TimerHandle
  at: number
}

export interface PollScheduleOptions {
  timers: Timers
  now(): number
  emit: Emit
  refreshIntervalSec(): number
  /** A poll fell due: fetch the campaign. */
  due(watch: Watch): void
}

export class PollSchedule {
  readonly #o: PollScheduleOptions
  #suspended = false

  constructor(options: PollScheduleOptions) {
    this.#o = options
  }

  get suspended(): boolean {
    return this.#suspended
  }

  /** No poll is set until resume() (the caller clears the ones set). */
  suspend(): void {
    this.#suspended = true
  }

  resume(): void {
    this.#suspended = false
  }

  /**
   * After a fetch: polled again if it has imports in progress, is not halted and its server is
   * usable; otherwise the window learns that nothing is planned.
   */
  plan(watch: Watch, serverUsable: boolean): void {
    this.clear(watch)
    if (!watch.inProgress || watch.halted || !serverUsable) return this.announce(watch, null)
    if (this.#suspended) return // resume() fetches it
    const ms = this.#intervalMs()
    const at = this.#o.now() + ms
    const handle = this.#o.timers.setTimeout(() => {
      if (watch.poll?.handle !== handle) return
      watch.poll = null
      this.#o.due(watch)
    }, ms)
    watch.poll = { handle, at }
    this.announce(watch, at)
  }

  /** Drops the campaign's poll; true when one was set. */
  clear(watch: Watch): boolean {
    const had = watch.poll !== null
    if (watch.poll) this.#o.timers.clearTimeout(watch.poll.handle)
    watch.poll = null
    return had
  }

  /** Tells the window when the campaign is fetched next by itself (null: not planned). */
  announce(watch: Watch, nextAt: number | null): void {
    this.#o.emit('refresh:scheduled', {
      profileId: watch.profileId,
      campaignId: watch.campaignId,
      nextAt,
    })
  }

  #intervalMs(): number {
    const sec = this.#o.refreshIntervalSec()
    const valid = Number.isFinite(sec) ? sec : DEFAULT_SETTINGS.refreshIntervalSec
    return Math.max(MIN_REFRESH_INTERVAL_SEC, valid) * 1000
  }
}
