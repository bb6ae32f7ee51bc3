import type { TaskSnapshot } from '../../shared/contract'
import type { ErrorPayload } from '../../shared/errors'
import type { Flight } from './in-flight'
import type { Scheduled } from './poll-schedule'

/** One campaign the monitor checks (its profile watches it) or has fetched for the window. */
export interface Watch {
  readonly key: string
  readonly profileId: string
  readonly campaignId: string
  /** The last good snapshot of this session (the cache may have failed to save it). */
  last: TaskSnapshot | null
  inProgress: boolean
  /** In its profile's campaign list: checked even with nothing in progress (at the idle interval). */
  watched: boolean
  /** A campaign-level error stopped automatic refreshes until a fetch succeeds. */
  halted: boolean
  /**
   * The campaign's last fetch failed although its server answered (outcome.ts 'flaky' or
   * 'campaign'): the error, its signature and how many times in a row it came. Null after a good
   * fetch; the cached tasks show stale with it meanwhile.
   */
  failure: Failure | null
  /** Its next automatic refresh (poll-schedule.ts). */
  poll: Scheduled | null
  /** Its fetch in flight (in-flight.ts). */
  flight: Flight | null
}

export interface Failure {
  signature: string
  count: number
  error: ErrorPayload
}

export function keyOf(profileId: string, campaignId: string): string {
  return JSON.stringify([profileId, campaignId])
}

/** Checked by itself: watched or with imports in progress, and not halted by an error. */
export function polled(watch: Watch): boolean {
  return !watch.halted && (watch.inProgress || watch.watched)
}

/** The campaigns the monitor keeps state for, by (profile, campaign). */
export class Watches {
  readonly #all = new Map<string, Watch>()

  get(profileId: string, campaignId: string): Watch | undefined {
    return this.#all.get(keyOf(profileId, campaignId))
  }

  byKey(key: string): Watch | undefined {
    return this.#all.get(key)
  }

  /** The campaign's state, created on first use. */
  ensure(profileId: string, campaignId: string): Watch {
    const key = keyOf(profileId, campaignId)
    let watch = this.#all.get(key)
    if (!watch) {
      watch = {
        key,
        profileId,
        campaignId,
        last: null,
        inProgress: false,
        watched: false,
        halted: false,
        failure: null,
        poll: null,
        flight: null,
      }
      this.#all.set(key, watch)
    }
    return watch
  }

  /** Still the state kept for its campaign (not dropped, not replaced). */
  holds(watch: Watch): boolean {
    return this.#all.get(watch.key) === watch
  }

  delete(watch: Watch): void {
    if (this.holds(watch)) this.#all.delete(watch.key)
  }

  /** A copy: callers may delete while they go through it. */
  all(): Watch[] {
    return [...this.#all.values()]
  }

  ofProfile(profileId: string): Watch[] {
    return this.all().filter((watch) => watch.profileId === profileId)
  }

  clear(): void {
    this.#all.clear()
  }
}
