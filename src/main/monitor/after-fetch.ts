import type { Emit, TaskSnapshot } from '../../shared/contract'
import type { AppError } from '../../shared/errors'
import { isInProgress } from '../../shared/import-task'
import { offlineRetryDelay } from './backoff'
import {
  failureKind,
  failureSignature,
  HALT_AFTER_IDENTICAL_FAILURES,
  serverAnswered,
  unknownTarget,
  type Outcome,
} from './outcome'
import type { PollSchedule } from './poll-schedule'
import type { ServerLinks } from './server-links'
import { polled, type Failure, type Watch, type Watches } from './watches'

/**
 * What a fetch's outcome does to its campaign (polled, waiting, halted, forgotten) and to its
 * server (online, offline, error), with the events the window sees; the state diagram is in
 * task-monitor.ts. Alerts and notifications are decided from these events (main/alerts).
 */

export interface AfterFetchOptions {
  watches: Watches
  links: ServerLinks
  schedule: PollSchedule
  emit: Emit
  /** Starts an automatic refresh of the campaign. */
  auto(watch: Watch): void
  /** For the back-off jitter after a bad reply. */
  random(): number
}

export class AfterFetch {
  readonly #o: AfterFetchOptions
  readonly #watches: Watches
  readonly #links: ServerLinks
  readonly #schedule: PollSchedule

  constructor(options: AfterFetchOptions) {
    this.#o = options
    this.#watches = options.watches
    this.#links = options.links
    this.#schedule = options.schedule
  }

  apply(watch: Watch, outcome: Outcome): void {
    if (outcome.ok) this.#succeeded(watch, outcome.snapshot)
    else this.#failed(watch, outcome.error, outcome.stale)
  }

  #succeeded(watch: Watch, snapshot: TaskSnapshot): void {
    watch.last = snapshot
    watch.inProgress = snapshot.tasks.some((t) => isInProgress(t.status))
    watch.halted = false
    watch.failure = null
    this.#o.emit('tasks:updated', snapshot)
    this.#links.unwait(watch.profileId, watch.key)
    this.#online(watch.profileId)
    this.#schedule.plan(watch, this.#links.usable(watch.profileId))
  }

  #failed(watch: Watch, error: AppError, stale: TaskSnapshot | null): void {
    const kind = failureKind(error)
    if (kind === 'cancelled') {
      // A cancelled refresh had taken the place of the next poll: put the poll back.
      const usable = this.#links.usable(watch.profileId)
      if (polled(watch) && !watch.poll && usable) {
        this.#schedule.plan(watch, usable)
      }
      return
    }
    if (kind === 'flaky' || kind === 'campaign') {
      const failure = this.#count(watch, error)
      if (kind === 'campaign' || failure.count >= HALT_AFTER_IDENTICAL_FAILURES) {
        watch.halted = true
      }
      if (stale) {
        // In place: the window's own refresh answers with this same snapshot.
        Object.assign(stale, { failures: failure.count }, watch.halted ? { halted: true } : {})
        this.#o.emit('tasks:updated', stale)
      }
      if (serverAnswered(error)) {
        this.#links.unwait(watch.profileId, watch.key) // its own schedule follows below
        this.#online(watch.profileId)
      }
      if (watch.halted) {
        this.#schedule.clear(watch)
        this.#schedule.announce(watch, null)
        if (unknownTarget(error)) this.#forget(watch)
        return
      }
      // Keep polling, backing off: 5 s, 10 s, 20 s… but never faster than usual.
      const backoff = offlineRetryDelay(failure.count - 1, this.#o.random)
      this.#schedule.retryAfterFailure(watch, this.#links.usable(watch.profileId), backoff)
      return
    }
    if (stale) this.#o.emit('tasks:updated', stale)
    if (kind === 'unreachable') return this.#offline(watch, error)
    return this.#blocked(watch, error)
  }

  /** One more failure of the campaign: the count goes on only while it is the same error. */
  #count(watch: Watch, error: AppError): Failure {
    const signature = failureSignature(error)
    const count = watch.failure?.signature === signature ? watch.failure.count + 1 : 1
    watch.failure = { signature, count, error: error.toPayload() }
    return watch.failure
  }

  /** The server answered: what waited for it is fetched now. */
  #online(profileId: string): void {
    for (const key of this.#links.online(profileId)) {
      const watch = this.#watches.byKey(key)
      if (watch && !watch.flight && !this.#schedule.suspended) this.#o.auto(watch)
    }
  }

  /** Unreachable: the server's other campaigns pause too; one of them probes it later. */
  #offline(watch: Watch, error: AppError): void {
    const wasOffline = this.#links.isOffline(watch.profileId)
    this.#links.wait(watch.profileId, watch.key)
    this.#schedule.clear(watch)
    const paused = wasOffline ? [] : this.#pauseOthers(watch)
    const told = this.#links.offline(watch.profileId, error)
    if (!told) return
    const waiting = this.#links
      .waiting(watch.profileId)
      .flatMap((key) => this.#watches.byKey(key) ?? [])
    for (const w of new Set([watch, ...paused, ...waiting])) {
      this.#schedule.announce(w, told.nextRetryAt)
    }
  }

  /** Needs the user: nothing of this server is fetched by itself until it is fixed. */
  #blocked(watch: Watch, error: AppError): void {
    const hadTimer = this.#schedule.clear(watch)
    const paused = this.#pauseOthers(watch)
    if (polled(watch)) this.#links.wait(watch.profileId, watch.key)
    const changed = this.#links.blocked(watch.profileId, error)
    for (const w of paused) this.#schedule.announce(w, null)
    if (hadTimer || changed) this.#schedule.announce(watch, null)
  }

  /** Stops the polls of the server's other campaigns; returns those that had one. */
  #pauseOthers(watch: Watch): Watch[] {
    const paused: Watch[] = []
    for (const other of this.#watches.ofProfile(watch.profileId)) {
      if (other === watch) continue
      const hadTimer = this.#schedule.clear(other)
      if (polled(other)) this.#links.wait(other.profileId, other.key)
      if (hadTimer) paused.push(other)
    }
    return paused
  }

  /** Drops a campaign's state (not while a fetch of it is in flight: that one settles it). */
  #forget(watch: Watch): void {
    if (watch.flight || !this.#watches.holds(watch)) return
    this.#watches.delete(watch)
    this.#links.unwait(watch.profileId, watch.key)
  }
}
