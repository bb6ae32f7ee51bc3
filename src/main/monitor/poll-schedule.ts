import type { Emit } from '../../shared/contract'
import { MIN_IDLE_CHECK_INTERVAL_SEC, MIN_REFRESH_INTERVAL_SEC } from '../../shared/limits'
import { DEFAULT_SETTINGS } from '../../shared/profile'
import type { TimerHandle, Timers } from './scheduler'
import { polled, type Watch } from './watches'

/**
 * When each campaign is fetched again by itself: one timer per campaign, set after each fetch (so
 * fetches of a campaign never overlap). Imports preparing or importing: refreshIntervalSec apart
 * (≥ 5 s, the fast cadence); a watched campaign with nothing in progress: idleCheckIntervalSec
 * apart (≥ 30 s, the slow cadence); others are not fetched by themselves. First checks (start-up,
 * a profile edit) are FIRST_CHECK_STAGGER_MS apart so they do not all go out at once. While the
 * machine sleeps no timer is set; every change of plan is announced to the window as
 * 'refresh:scheduled'.
 */

/** The gap between two first checks (start-up, profile edit). */
export const FIRST_CHECK_STAGGER_MS = 500

export interface Scheduled {
  handle: TimerHandle
  at: number
}

export interface PollScheduleOptions {
  timers: Timers
  now(): number
  emit: Emit
  refreshIntervalSec(): number
  idleCheckIntervalSec(): number
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
   * After a fetch: polled again if it has imports in progress or is watched, is not halted and its
   * server is usable; otherwise the window learns that nothing is planned.
   */
  plan(watch: Watch, serverUsable: boolean): void {
    this.clear(watch)
    if (!polled(watch) || !serverUsable) return this.announce(watch, null)
    if (this.#suspended) return // resume() fetches it
    this.#set(watch, watch.inProgress ? this.#fastMs() : this.#slowMs())
  }

  /**
   * After a bad reply ('flaky'): polled again after `backoffMs`, but never sooner than its usual
   * interval (a bad reply must not make it poll faster). Not polled ones get nothing planned.
   */
  retryAfterFailure(watch: Watch, serverUsable: boolean, backoffMs: number): void {
    this.clear(watch)
    if (!polled(watch) || !serverUsable) return this.announce(watch, null)
    if (this.#suspended) return
    const usual = watch.inProgress ? this.#fastMs() : this.#slowMs()
    this.#set(watch, Math.max(usual, backoffMs))
  }

  /** The n-th (from 0) of a batch of first checks: due n staggers from now. */
  first(watch: Watch, n: number): void {
    this.clear(watch)
    if (this.#suspended) return // resume() fetches it
    this.#set(watch, n * FIRST_CHECK_STAGGER_MS)
  }

  #set(watch: Watch, ms: number): void {
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

  #fastMs(): number {
    const sec = this.#o.refreshIntervalSec()
    const valid = Number.isFinite(sec) ? sec : DEFAULT_SETTINGS.refreshIntervalSec
    return Math.max(MIN_REFRESH_INTERVAL_SEC, valid) * 1000
  }

  #slowMs(): number {
    const sec = this.#o.idleCheckIntervalSec()
    const valid = Number.isFinite(sec) ? sec : DEFAULT_SETTINGS.idleCheckIntervalSec
    return Math.max(MIN_IDLE_CHECK_INTERVAL_SEC, valid) * 1000
  }
}
