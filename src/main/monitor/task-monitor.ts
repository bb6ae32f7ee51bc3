// Over 400 lines: about 90 of them are the campaign and server state diagrams below, kept by the facade.
import type { Emit, TaskSnapshot } from '../../shared/contract'
import { AppError, cancelledError } from '../../shared/errors'
import { msg } from '../../shared/messages'
import type { ServerProfile } from '../../shared/profile'
import { ServerSlots, type ServerGate } from '../isales/server-slots'
import { AfterFetch } from './after-fetch'
import {
  fetchCampaign,
  serverAnswers,
  type CampaignFetchOptions,
  type CampaignRef,
} from './campaign-fetch'
import { ClientPool, isalesClients, type CreateClient } from './client-pool'
import { InFlight } from './in-flight'
import { keepOutcome, lastGood, type TaskCacheStore } from './last-good'
import { OutageProbe } from './outage-probe'
import { PollSchedule } from './poll-schedule'
import { nodeTimers, type Timers } from './scheduler'
import { ServerLinks } from './server-links'
import { polled, Watches, type Watch } from './watches'

export type { TaskCacheStore } from './last-good'

/**
 * Watches every campaign of every server profile and keeps the window current. The parts:
 * - in-flight.ts: one fetch per campaign at a time, shared by its callers, cancel by request id,
 *   progress events; campaign-fetch.ts does the fetch, its page requests limited per server by
 *   the gate (isales/server-slots.ts: MAX_IN_FLIGHT_PER_SERVER across all the server's campaigns
 *   and every other caller); last-good.ts
 *   caches the result or finds stale rows.
 * - server-links.ts: each server's state (online, offline, error) as of its last check, its
 *   offline retry with backoff.ts, and the campaigns waiting for it.
 * - poll-schedule.ts: each campaign's next check (fast while imports run, slow while idle,
 *   staggered first checks), suspend.
 * - after-fetch.ts: what each fetch outcome does to its campaign and its server.
 * - outage-probe.ts: while the open campaign's server is offline, a cheap probe every few
 *   seconds; the campaign is fetched as soon as the server answers.
 * This facade holds them together: watchEveryProfile() (at start-up), the window's calls
 * (cached, refresh, cancel, stopRefresh, open), the profile store's (profileChanged,
 * profileRemoved), the OS's (suspend, resume) and stop() on quit. Outcomes show through events
 * (tasks:updated, tasks:progress, refresh:running, connectivity:changed after every check,
 * refresh:scheduled); main/alerts decides alerts and notifications from those events. The
 * window never sees tasks:updated itself: window-feed.ts turns it into versioned deltas.
 *
 * A campaign (one Watch per profile x campaign: every campaign in a profile's list, "watched",
 * plus any other the window asks for):
 *
 *   watchEveryProfile(), a profile edit, resume(): a first check, FIRST_CHECK_STAGGER_MS after the previous
 *      |
 *      v                 refresh() (from any state), a due check, its server back
 *   +-------+     +----------------------------------------------------------+
 *   | first |---->|                         fetching                         |
 *   +-------+     |  one Flight shared by its callers; aborted when every    |
 *                 |  caller has cancelled or on stopRefresh(), leaving the   |
 *                 |  campaign as it was (its next poll as planned)           |
 *                 +----------------------------------------------------------+
 *     ok, none in   |         |          |              |                 |          |
 *     progress, not | ok, none| ok,      | unreachable, | bad reply: back | needs the user
 *     watched       | watched | imports  | server needs | off, poll on;   | (403, params)
 *        v          v         v running  v the user     v 5th identical   v or unknown
 *   +------+  +-----------+ +-----------+ +---------+   +--------+   campaign (forgotten)
 *   | idle |  | slow poll | | fast poll | | waiting |   | halted |
 *   +------+  +-----------+ +-----------+ +---------+   +--------+
 *   only on   due after     due after     fetched when  until refresh() succeeds
 *   refresh() idleCheck-    refresh-      its server    ("Retry now") or the profile
 *             IntervalSec   IntervalSec   answers, on   is edited
 *             (>= 30 s)     (>= 5 s)      resume() and on a profile edit
 *                 both -> waiting when their server fails (any campaign's check)
 *
 *   bad reply (outcome.ts 'flaky'): malformed or oversized, an unexpected HTTP status or iSales
 *   code; the cached tasks show stale with it, the next poll backs off (5 s doubling, never
 *   sooner than its usual interval), HALT_AFTER_IDENTICAL_FAILURES identical ones in a row halt.
 *
 * A server (one link per profile): the outcome of each check moves it, from whatever state, and
 * is announced with its time (checkedAt) even when the state stays the same.
 *
 *                         +---------+
 *                         | unknown |  no check yet, or the profile was just edited
 *                         +---------+
 *                reply   /    |     \   unreachable
 *                       v     |      v
 *            +--------+  unreachable   +---------+ --+
 *            | online | -------------> | offline |   | the retry fails: next backoff step
 *            |        | <------------- |         | <-+
 *            +--------+     reply      +---------+
 *               ^    \        |       /    ^
 *          reply|     \ needs | the  /     | unreachable
 *               |      v user v     v      |
 *               |     +-----------------+  |
 *               +-----|      error      |--+
 *                     +-----------------+
 *
 *   reply:          tasks, or an error the server sent (iSales code, HTTP 4xx, bad reply)
 *   unreachable:    network, timeout, HTTP 5xx, 429: polls pause; one waiting campaign is
 *                   retried after backoff.ts (5 s doubling to 5 min, +-20 %, Retry-After up to
 *                   5 min), at once on resume(), or within OUTAGE_PROBE_INTERVAL_MS of the
 *                   server answering the probe for the campaign the window shows
 *   needs the user: auth, TLS, certificate changed, keychain: no automatic fetch
 *
 * Since every watched campaign is checked at least every idleCheckIntervalSec, a server going
 * down shows within one slow interval whichever campaign the window has open.
 */

export interface MonitorSettings {
  refreshIntervalSec: number
  idleCheckIntervalSec: number
}

export interface MonitorLog {
  warn(message: string, meta?: Record<string, unknown>): void
}

export interface TaskMonitorOptions {
  /** The profile store's get: throws when there is no such profile. */
  getProfile(id: string): ServerProfile
  /** The ids of every profile, for watchEveryProfile(). */
  profileIds(): string[]
  /** The secret store's get: null when no SK is stored. */
  getSecret(profileId: string): Promise<string | null>
  cache: TaskCacheStore
  emit: Emit
  settings(): MonitorSettings
  now?: () => number
  timers?: Timers
  /** For the backoff jitter. */
  random?: () => number
  /** The per-server gate shared with every other caller (default: one of the monitor's own). */
  gate?: ServerGate
  /** Default: an IsalesClient over createAgent(trust of the profile), through `gate`. */
  createClient?: CreateClient
  /** Passed to fetchAllImportTasks: per-page retries, pages in flight, page size. */
  fetch?: CampaignFetchOptions['fetch']
  log?: MonitorLog
}

export class TaskMonitor {
  readonly #o: TaskMonitorOptions
  readonly #pool: ClientPool
  readonly #watches = new Watches()
  readonly #flights: InFlight
  readonly #links: ServerLinks
  readonly #schedule: PollSchedule
  readonly #afterFetch: AfterFetch
  readonly #outageProbe: OutageProbe
  #stopped = false

  constructor(options: TaskMonitorOptions) {
    this.#o = options
    const now = options.now ?? Date.now
    const timers = options.timers ?? nodeTimers
    const warn = (message: string, meta?: Record<string, unknown>) =>
      options.log?.warn(message, meta)
    const create = options.createClient ?? isalesClients(options.gate ?? new ServerSlots())
    this.#pool = new ClientPool(create, (err) =>
      warn('Closing a server connection failed', { error: String(err) }),
    )
    const fetching: CampaignFetchOptions = {
      getProfile: (id) => options.getProfile(id),
      getSecret: (id) => options.getSecret(id),
      pool: this.#pool,
      now,
      fetch: options.fetch,
    }
    this.#flights = new InFlight({
      emit: options.emit,
      fetch: (watch, signal, onProgress) => fetchCampaign(fetching, watch, signal, onProgress),
      starting: (watch) => void this.#schedule.clear(watch),
      current: (watch) => !this.#stopped && this.#watches.holds(watch),
      record: async (watch, fetched, current) => {
        const outcome = await keepOutcome(options.cache, watch, fetched, warn)
        if (current && !this.#stopped) this.#afterFetch.apply(watch, outcome)
        return outcome
      },
      warn,
      now,
    })
    this.#links = new ServerLinks({
      timers,
      now,
      random: options.random ?? Math.random,
      emit: options.emit,
      mayRetry: () => !this.#schedule.suspended && !this.#stopped,
      probe: (key) => {
        const watch = this.#watches.byKey(key)
        if (watch) this.#auto(watch)
        return watch !== undefined
      },
      changed: () => this.#outageProbe.changed(),
    })
    this.#outageProbe = new OutageProbe({
      timers,
      mayProbe: (profileId) =>
        !this.#stopped && !this.#schedule.suspended && this.#links.probeable(profileId),
      answers: (ref, signal) => serverAnswers(fetching, ref, signal),
      back: ({ profileId, campaignId }) => {
        const watch = this.#watches.get(profileId, campaignId)
        if (watch && !watch.flight) this.#auto(watch)
      },
    })
    this.#schedule = new PollSchedule({
      timers,
      now,
      emit: options.emit,
      refreshIntervalSec: () => options.settings().refreshIntervalSec,
      idleCheckIntervalSec: () => options.settings().idleCheckIntervalSec,
      due: (watch) => this.#auto(watch),
    })
    this.#afterFetch = new AfterFetch({
      watches: this.#watches,
      links: this.#links,
      schedule: this.#schedule,
      emit: options.emit,
      auto: (watch) => this.#auto(watch),
      random: options.random ?? Math.random,
    })
  }

  /**
   * Checks every listed campaign of every profile not watched yet (at start-up, after profiles
   * are imported), first checks staggered.
   */
  watchEveryProfile(): void {
    if (this.#stopped) return
    const stagger = { n: 0 }
    for (const profileId of this.#o.profileIds()) this.#watchListed(profileId, stagger)
  }

  // ---- the window's calls -------------------------------------------------------------------

  /** The cached tasks, stale while the profile is offline (or blocked by an error). */
  async cached(profileId: string, campaignId: string): Promise<TaskSnapshot | null> {
    const watch = this.#watches.get(profileId, campaignId)
    const base = await lastGood(this.#o.cache, watch, profileId, campaignId)
    if (!base) return null
    const staleness = this.#links.staleness(profileId)
    const failure = watch?.failure
    const halted = watch?.halted ? { halted: true } : {}
    if (staleness) return { ...base, stale: true, ...staleness, ...halted }
    // The server answers, but this campaign's last fetch failed: stale with that failure.
    if (failure) {
      return { ...base, stale: true, error: failure.error, failures: failure.count, ...halted }
    }
    return { ...base, stale: false }
  }

  /**
   * Fetches the campaign now (joining a fetch already in flight). Resolves with fresh tasks, or
   * with the cached ones marked stale plus the error; rejects only when there is nothing cached,
   * or with AppError('cancelled').
   */
  async refresh(profileId: string, campaignId: string, requestId: string): Promise<TaskSnapshot> {
    if (this.#stopped) throw cancelledError(msg('shuttingDown'))
    if (this.#flights.has(requestId)) {
      throw new AppError('validation', msg('refreshIdInUse'), { field: 'requestId' })
    }
    const watch = this.#watches.ensure(profileId, campaignId)
    watch.watched = this.#listed(profileId).has(campaignId)
    const outcome = await this.#flights.join(watch, requestId)
    if (outcome.ok) return outcome.snapshot
    if (outcome.stale) return outcome.stale
    throw outcome.error
  }

  /** Stops waiting for that refresh (it rejects with 'cancelled'); unknown ids are ignored. */
  cancel(requestId: string): void {
    this.#flights.cancel(requestId)
  }

  /**
   * Stops the campaign's refresh in flight, automatic or the window's, at once: its last good
   * tasks stay, it is no failure, and its next poll is planned as usual.
   */
  stopRefresh(profileId: string, campaignId: string): void {
    const watch = this.#watches.get(profileId, campaignId)
    if (watch) void this.#flights.abort(watch)
  }

  /** The campaign the window shows (null: none): probed every few seconds while its server is down. */
  open(campaign: CampaignRef | null): void {
    if (!this.#stopped) this.#outageProbe.open(campaign)
  }

  // ---- lifecycle from the OS and the profile store ------------------------------------------

  /** The machine is going to sleep: no timer fires until resume(). */
  suspend(): void {
    if (this.#stopped) return
    this.#schedule.suspend()
    for (const watch of this.#watches.all()) this.#schedule.clear(watch)
    this.#links.suspend()
    this.#outageProbe.stop()
  }

  /**
   * The machine woke up: its old sockets are likely dead, so every connection is rebuilt, and
   * what was offline or in progress is fetched now.
   */
  resume(): void {
    if (this.#stopped) return
    this.#schedule.resume()
    this.#pool.dropAll()
    for (const key of this.#links.wake()) this.#autoKey(key)
    this.#outageProbe.changed()
    let n = 1 // idle ones after those in progress
    for (const watch of this.#watches.all()) {
      if (!this.#links.usable(watch.profileId) || !polled(watch) || watch.flight) continue
      if (watch.inProgress) this.#auto(watch)
      else this.#schedule.first(watch, n++)
    }
  }

  /**
   * The profile was edited (address, keys, trust, campaigns…): its connection is rebuilt, fetches
   * in flight start over with the new settings, campaigns in progress or waiting for the server
   * are fetched now, the other watched ones (including newly listed ones) get staggered first
   * checks, and campaigns no longer listed are dropped.
   */
  profileChanged(profileId: string): void {
    if (this.#stopped) return
    this.#pool.drop(profileId)
    let listed: Set<string> | null = null
    try {
      listed = new Set(this.#o.getProfile(profileId).campaigns.map((c) => c.id))
    } catch {
      // Gone after all: profileRemoved will follow.
    }
    const waiting = this.#links.forget(profileId)
    const stagger = { n: 0 }
    for (const watch of this.#watches.ofProfile(profileId)) {
      const hadTimer = this.#schedule.clear(watch)
      watch.watched = listed?.has(watch.campaignId) ?? false
      if (this.#flights.restart(watch)) continue
      if (listed && !watch.watched) {
        this.#watches.delete(watch)
        if (hadTimer) this.#schedule.announce(watch, null)
        continue
      }
      watch.halted = false
      watch.failure = null
      if (!this.#schedule.suspended && (watch.inProgress || waiting.has(watch.key))) {
        this.#auto(watch)
      } else if (watch.watched && !this.#schedule.suspended) {
        this.#schedule.first(watch, stagger.n++)
      } else if (hadTimer) this.#schedule.announce(watch, null)
    }
    if (listed) this.#watchListed(profileId, stagger)
  }

  /** The profile was deleted: its fetches are cancelled, its state and cached tasks removed. */
  async profileRemoved(profileId: string): Promise<void> {
    this.#links.forget(profileId)
    const settling: Promise<void>[] = []
    for (const watch of this.#watches.ofProfile(profileId)) {
      this.#schedule.clear(watch)
      this.#watches.delete(watch)
      const done = this.#flights.abort(watch)
      if (done) settling.push(done)
    }
    this.#pool.drop(profileId)
    await Promise.all(settling)
    await this.#o.cache.remove(profileId)
  }

  /** Quit: every timer cleared, every fetch cancelled, every connection closed. */
  async stop(): Promise<void> {
    this.#stopped = true
    const settling: Promise<void>[] = []
    for (const watch of this.#watches.all()) {
      this.#schedule.clear(watch)
      const done = this.#flights.abort(watch)
      if (done) settling.push(done)
    }
    this.#links.suspend()
    this.#outageProbe.stop()
    await Promise.all(settling)
    await this.#flights.recorded()
    this.#watches.clear()
    this.#links.clear()
    await this.#pool.closeAll()
  }

  /** Watches the profile's listed campaigns not watched yet, each with a staggered first check. */
  #watchListed(profileId: string, stagger: { n: number }): void {
    for (const campaignId of this.#listed(profileId)) {
      if (this.#watches.get(profileId, campaignId)) continue
      const watch = this.#watches.ensure(profileId, campaignId)
      watch.watched = true
      this.#schedule.first(watch, stagger.n++)
    }
  }

  /** The campaign ids in the profile's list (none when there is no such profile). */
  #listed(profileId: string): Set<string> {
    try {
      return new Set(this.#o.getProfile(profileId).campaigns.map((c) => c.id))
    } catch {
      return new Set()
    }
  }

  /** An automatic refresh (a due poll, a retry, the server back, a wake-up, a profile edit). */
  #auto(watch: Watch): void {
    if (!this.#stopped) this.#flights.auto(watch)
  }

  #autoKey(key: string): void {
    const watch = this.#watches.byKey(key)
    if (watch) this.#auto(watch)
  }
}
