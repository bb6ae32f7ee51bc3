import type { Emit } from '../../shared/contract'
import { cancelledError, type AppError } from '../../shared/errors'
import type { FetchProgress } from '../isales/fetch-all'
import type { Outcome } from './outcome'
import type { Watch } from './watches'

/**
 * The fetches in flight: at most one per campaign, shared by everyone who asks meanwhile (the
 * window's refreshes by request id, and automatic ones). Each window caller gets its own progress
 * events and can stop waiting (cancel); the fetch is aborted once nobody waits for it. A fetch
 * aborted because its profile changed starts over for the same callers. Any fetch, automatic ones
 * too, can be stopped (abort): its callers hear 'cancelled' and the campaign keeps its last good
 * tasks and its schedule.
 */

/**
 * Progress events per refresh at most this often (plus the first and the last page): a progress
 * bar needs no more, and a 50,000-task refresh would otherwise send the window 500 of them.
 */
export const PROGRESS_EVENT_INTERVAL_MS = 200

interface Caller {
  auto: boolean
  resolve(outcome: Outcome): void
  reject(error: AppError): void
}

export interface Flight {
  readonly watch: Watch
  readonly abort: AbortController
  readonly callers: Map<string, Caller>
  lastProgress: FetchProgress | null
  /** When its callers were last told the progress (null: not yet). */
  progressSentAt: number | null
  /** The profile changed mid-fetch: hand the callers to a fresh fetch instead of answering. */
  restart: boolean
  /** Settled: the outcome recorded and every caller answered. */
  done: Promise<void>
}

export interface InFlightOptions {
  emit: Emit
  /** Does the fetch; never rejects. */
  fetch(watch: Watch, signal: AbortSignal, onProgress: (p: FetchProgress) => void): Promise<Outcome>
  /** A fetch starts: it takes the place of the campaign's next poll. */
  starting(watch: Watch): void
  /** The campaign is still watched (not dropped, the monitor not stopped). */
  current(watch: Watch): boolean
  /** Records the outcome (cache, state, events) before the callers hear it; may add stale rows. */
  record(watch: Watch, outcome: Outcome, current: boolean): Promise<Outcome>
  warn(message: string, meta?: Record<string, unknown>): void
  now(): number
}

export class InFlight {
  readonly #o: InFlightOptions
  /** Window and automatic callers by request id. */
  readonly #requests = new Map<string, Flight>()
  /** Results being saved (record) after their flight was let go. */
  readonly #recording = new Set<Promise<void>>()
  #autoSeq = 0

  constructor(options: InFlightOptions) {
    this.#o = options
  }

  has(requestId: string): boolean {
    return this.#requests.has(requestId)
  }

  /** Waits for the campaign's fetch, starting one unless one is in flight. */
  join(watch: Watch, requestId: string, auto = false): Promise<Outcome> {
    const flight = watch.flight ?? this.#launch(watch, new Map())
    return new Promise<Outcome>((resolve, reject) => {
      flight.callers.set(requestId, { auto, resolve, reject })
      this.#requests.set(requestId, flight)
      const progress = flight.lastProgress
      if (!auto && progress) this.#emitProgress(flight, requestId, progress)
    })
  }

  /** An automatic refresh: no caller waits; the outcome only shows through events. */
  auto(watch: Watch): void {
    // ':' is outside the window's request id alphabet (contract.ts: [\w-]), so no clash.
    this.join(watch, `auto:${++this.#autoSeq}`, true).catch(() => undefined)
  }

  /** Stops waiting for that refresh (it rejects with 'cancelled'); unknown ids are ignored. */
  cancel(requestId: string): void {
    const flight = this.#requests.get(requestId)
    const caller = flight?.callers.get(requestId)
    if (!flight || !caller) return
    flight.callers.delete(requestId)
    this.#requests.delete(requestId)
    caller.reject(cancelledError())
    if (flight.callers.size === 0) flight.abort.abort()
  }

  /** The profile changed: the campaign's fetch starts over with the new settings. False: none. */
  restart(watch: Watch): boolean {
    if (!watch.flight) return false
    watch.flight.restart = true
    watch.flight.abort.abort()
    return true
  }

  /** Resolves once every result being saved right now is saved. */
  async recorded(): Promise<void> {
    await Promise.all([...this.#recording])
  }

  /** Cancels the campaign's fetch (its callers reject); resolves once it has settled. */
  abort(watch: Watch): Promise<void> | null {
    if (!watch.flight) return null
    watch.flight.restart = false
    watch.flight.abort.abort()
    return watch.flight.done
  }

  #launch(watch: Watch, callers: Map<string, Caller>): Flight {
    this.#o.starting(watch)
    const flight: Flight = {
      watch,
      abort: new AbortController(),
      callers,
      lastProgress: null,
      progressSentAt: null,
      restart: false,
      done: Promise.resolve(),
    }
    for (const id of callers.keys()) this.#requests.set(id, flight)
    watch.flight = flight
    this.#running(watch, true)
    flight.done = this.#o
      .fetch(watch, flight.abort.signal, (p) => this.#progress(flight, p))
      .then(
        (outcome) => this.#settle(flight, outcome),
        (err: unknown) => this.#o.warn('Settling a refresh failed', { error: String(err) }),
      )
    return flight
  }

  #progress(flight: Flight, p: FetchProgress): void {
    flight.lastProgress = p
    const now = this.#o.now()
    const last = p.pagesTotal !== null && p.pagesDone >= p.pagesTotal
    const sent = flight.progressSentAt
    if (!last && sent !== null && now - sent < PROGRESS_EVENT_INTERVAL_MS) return
    flight.progressSentAt = now
    for (const [id, caller] of flight.callers) {
      if (!caller.auto) this.#emitProgress(flight, id, p)
    }
  }

  async #settle(flight: Flight, fetched: Outcome): Promise<void> {
    const { watch } = flight
    if (watch.flight === flight) watch.flight = null
    this.#running(watch, false)
    const current = this.#o.current(watch)
    const cancelled = !fetched.ok && fetched.error.code === 'cancelled'

    if (flight.restart && current && cancelled) {
      // The profile changed mid-fetch: the same callers get a fetch with the new settings.
      if (flight.callers.size > 0) this.#launch(watch, flight.callers)
      return
    }

    // Tracked apart from the flight (already let go above): stop() waits for these saves too.
    const recording = this.#o.record(watch, fetched, current)
    const tracked = recording.then(
      () => undefined,
      () => undefined,
    )
    this.#recording.add(tracked)
    void tracked.then(() => this.#recording.delete(tracked))
    const outcome = await recording
    for (const [id, caller] of flight.callers) {
      if (this.#requests.get(id) === flight) this.#requests.delete(id)
      if (!outcome.ok && outcome.error.code === 'cancelled') caller.reject(outcome.error)
      else caller.resolve(outcome)
    }
    flight.callers.clear()
  }

  /** Tells the window a fetch of the campaign runs (it may stop it: tasks:stop) or ended. */
  #running(watch: Watch, running: boolean): void {
    const { profileId, campaignId } = watch
    this.#o.emit('refresh:running', { profileId, campaignId, running })
  }

  #emitProgress(flight: Flight, requestId: string, p: FetchProgress): void {
    this.#o.emit('tasks:progress', {
      requestId,
      profileId: flight.watch.profileId,
      campaignId: flight.watch.campaignId,
      pagesDone: p.pagesDone,
      pagesTotal: p.pagesTotal,
      tasksSoFar: p.tasksSoFar,
    })
  }
}
