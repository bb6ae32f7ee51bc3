import type {
  ConnectivityEvent,
  ConnectivityState,
  Emit,
  TaskSnapshot,
} from '../../shared/contract'
import { AppError, cancelledError, isAppError, type ErrorPayload } from '../../shared/errors'
import { isInProgress, type TaskStatus } from '../../shared/import-task'
import {
  DEFAULT_SETTINGS,
  MIN_REFRESH_INTERVAL_SEC,
  type ServerProfile,
} from '../../shared/profile'
import type { CacheEntry, CacheEntryInput } from '../cache/task-cache'
import {
  fetchAllImportTasks,
  type FetchAllOptions,
  type FetchAllResult,
  type FetchProgress,
} from '../isales/fetch-all'
import { isRetryable } from '../isales/retry'
import { offlineRetryDelay } from './backoff'
import { ClientPool, createIsalesClient, type CreateClient, type Lease } from './client-pool'
import { endedNotification, endedSince, type NotificationText } from './notifications'
import type { MessageLocale } from '../../shared/messages'
import { nodeTimers, type TimerHandle, type Timers } from './scheduler'

/**
 * Fetches campaigns' import tasks for the window and keeps them current:
 * - refresh(): every page (progress events), cached on success; on failure the cached tasks come
 *   back marked stale with the error (any error kind), and only with no cache is the error thrown.
 *   Refreshes of one campaign share one fetch in flight; cancel(requestId) detaches one caller.
 * - Auto-refresh: a campaign with tasks preparing/importing is fetched again every
 *   refreshIntervalSec (≥ 5 s), one timer per campaign set after each fetch, so never overlapping;
 *   imports that end between two fetches raise one native notification.
 * - Offline: a server that cannot be reached (network, timeout, 5xx, rate limiting) puts its
 *   profile offline: polling pauses and one campaign is retried with backoff (5 s doubling to
 *   5 min, jittered); when it answers, the profile is online and the paused campaigns are fetched.
 *   Errors that need the user (auth, TLS, certificate changed) stop automatic fetches of the
 *   profile until a refresh succeeds or the profile changes.
 * - suspend()/resume()/networkChanged() from the OS glue; profileChanged/profileRemoved from the
 *   profile store; stop() on quit.
 */

export interface MonitorSettings {
  refreshIntervalSec: number
  notifications: boolean
}

/** What the monitor needs of TaskCache (src/main/cache/task-cache.ts). */
export interface TaskCacheStore {
  get(profileId: string, campaignId: string): Promise<CacheEntry | null>
  put(entry: CacheEntryInput): Promise<void>
  remove(profileId: string): Promise<number>
}

export interface MonitorLog {
  warn(message: string, meta?: Record<string, unknown>): void
}

export interface TaskMonitorOptions {
  /** The profile store's get: throws when there is no such profile. */
  getProfile(id: string): ServerProfile
  /** The secret store's get: null when no SK is stored. */
  getSecret(profileId: string): Promise<string | null>
  cache: TaskCacheStore
  emit: Emit
  notify(notification: NotificationText): void
  settings(): MonitorSettings
  /** The language the window shows, for notifications; default English. */
  locale?: () => MessageLocale
  now?: () => number
  timers?: Timers
  /** For the backoff jitter. */
  random?: () => number
  /** Default: an IsalesClient over createAgent(trust of the profile). */
  createClient?: CreateClient
  /** Passed to fetchAllImportTasks: per-page retries, pages in flight, page size. */
  fetch?: Pick<FetchAllOptions, 'retry' | 'concurrency' | 'pageSize'>
  log?: MonitorLog
}

export const MISSING_SECRET_MESSAGE =
  'No secret key is stored for this server profile. Open the profile and enter the SK.'

/** How a failed fetch affects the profile. */
type FailureKind =
  | 'cancelled'
  /** The server could not be reached or asked to slow down: back off and retry. */
  | 'unreachable'
  /** Needs the user (keys, certificate): no automatic retries for the profile. */
  | 'blocked'
  /** About this campaign or this request (iSales code, bad reply, bad settings). */
  | 'campaign'

function failureKind(error: AppError): FailureKind {
  if (error.code === 'cancelled') return 'cancelled'
  // (isRetryable is a type guard: called on a copy so `error` keeps its type below.)
  const retryable: boolean = isRetryable(error as unknown)
  if (retryable) return 'unreachable'
  switch (error.code) {
    case 'auth':
    case 'tls':
    case 'cert-changed':
    case 'keychain':
      return 'blocked'
    default:
      return 'campaign'
  }
}

/** iSales: the outbound campaign does not exist. */
const NO_SUCH_CAMPAIGN_CODE = '0200007'

/**
 * The (profile, campaign) the window named does not exist (an unknown profile, bad input, or a
 * campaign the server does not know): nothing to keep watching, so its state is dropped.
 */
function unknownTarget(error: AppError): boolean {
  return (
    error.code === 'validation' ||
    (error.code === 'isales' && error.detail.resultCode === NO_SUCH_CAMPAIGN_CODE)
  )
}

/** The server replied (so it is reachable), even though the reply was an error. */
function serverAnswered(error: AppError): boolean {
  return error.code === 'isales' || error.code === 'http' || error.code === 'protocol'
}

type Outcome =
  { ok: true; snapshot: TaskSnapshot } | { ok: false; error: AppError; stale: TaskSnapshot | null }

interface Caller {
  auto: boolean
  resolve(outcome: Outcome): void
  reject(error: AppError): void
}

interface Flight {
  watch: Watch
  abort: AbortController
  callers: Map<string, Caller>
  lastProgress: FetchProgress | null
  /** The profile changed mid-fetch: hand the callers to a fresh fetch instead of answering. */
  restart: boolean
  done: Promise<void>
}

interface Scheduled {
  handle: TimerHandle
  at: number
}

/** One campaign the monitor has fetched (or been asked to). */
interface Watch {
  key: string
  profileId: string
  campaignId: string
  /** Task statuses of the last successful fetch in this session (for notifications). */
  statuses: Map<string, TaskStatus> | null
  /** The last good snapshot of this session (the cache may have failed to save it). */
  last: TaskSnapshot | null
  inProgress: boolean
  /** A campaign-level error stopped automatic refreshes until a fetch succeeds. */
  halted: boolean
  poll: Scheduled | null
  flight: Flight | null
}

/** One server profile's connectivity. */
interface Link {
  state: ConnectivityState | 'unknown'
  error: ErrorPayload | undefined
  /** Retries since the profile went offline (drives the backoff). */
  attempt: number
  retry: Scheduled | null
  /** Campaigns to fetch as soon as the server answers again. */
  pending: Set<string>
}

function keyOf(profileId: string, campaignId: string): string {
  return JSON.stringify([profileId, campaignId])
}

function toAppError(err: unknown): AppError {
  if (isAppError(err)) return err
  return new AppError(
    'internal',
    'Refreshing the import tasks failed unexpectedly.',
    {},
    { cause: err },
  )
}

function snapshotFromEntry(entry: CacheEntry): TaskSnapshot {
  return {
    profileId: entry.profileId,
    campaignId: entry.campaignId,
    tasks: entry.tasks,
    count: entry.count,
    fetchedAt: entry.fetchedAt,
    stale: false,
    incomplete: entry.incomplete,
    hasBlackNum: entry.hasBlackNum,
  }
}

export class TaskMonitor {
  readonly #o: TaskMonitorOptions
  readonly #now: () => number
  readonly #timers: Timers
  readonly #random: () => number
  readonly #pool: ClientPool
  readonly #watches = new Map<string, Watch>()
  readonly #links = new Map<string, Link>()
  readonly #requests = new Map<string, Flight>()
  #autoSeq = 0
  #suspended = false
  #stopped = false

  constructor(options: TaskMonitorOptions) {
    this.#o = options
    this.#now = options.now ?? Date.now
    this.#timers = options.timers ?? nodeTimers
    this.#random = options.random ?? Math.random
    this.#pool = new ClientPool(options.createClient ?? createIsalesClient, (err) =>
      this.#warn('Closing a server connection failed', { error: String(err) }),
    )
  }

  // ---- the window's calls -------------------------------------------------------------------

  /** The cached tasks, stale while the profile is offline (or blocked by an error). */
  async cached(profileId: string, campaignId: string): Promise<TaskSnapshot | null> {
    const watch = this.#watches.get(keyOf(profileId, campaignId))
    const entry = watch?.last ? null : await this.#o.cache.get(profileId, campaignId)
    const base = watch?.last ?? (entry ? snapshotFromEntry(entry) : null)
    if (!base) return null
    const link = this.#links.get(profileId)
    if (link && (link.state === 'offline' || link.state === 'error')) {
      return { ...base, stale: true, ...(link.error ? { error: link.error } : {}) }
    }
    return { ...base, stale: false }
  }

  /**
   * Fetches the campaign now (joining a fetch already in flight). Resolves with fresh tasks, or
   * with the cached ones marked stale plus the error; rejects only when there is nothing cached,
   * or with AppError('cancelled').
   */
  async refresh(profileId: string, campaignId: string, requestId: string): Promise<TaskSnapshot> {
    if (this.#stopped) throw cancelledError('The app is shutting down.')
    if (this.#requests.has(requestId)) {
      throw new AppError('validation', 'This refresh request id is already in use.', {
        field: 'requestId',
      })
    }
    const outcome = await this.#join(this.#watch(profileId, campaignId), requestId, false)
    if (outcome.ok) return outcome.snapshot
    if (outcome.stale) return outcome.stale
    throw outcome.error
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

  /** The campaigns the monitor keeps state for (diagnostics and tests). */
  watchedCampaigns(): { profileId: string; campaignId: string }[] {
    return [...this.#watches.values()].map(({ profileId, campaignId }) => ({
      profileId,
      campaignId,
    }))
  }

  // ---- lifecycle from the OS and the profile store ------------------------------------------

  /** The machine is going to sleep: no timer fires until resume(). */
  suspend(): void {
    if (this.#stopped) return
    this.#suspended = true
    for (const watch of this.#watches.values()) this.#clearPoll(watch)
    for (const link of this.#links.values()) this.#clearRetry(link)
  }

  /** The machine woke up: fetch now what was offline or in progress. */
  resume(): void {
    if (this.#stopped) return
    this.#suspended = false
    this.#wake()
  }

  /** The OS reports a network change (e.g. back online): retry now instead of waiting. */
  networkChanged(): void {
    if (this.#stopped || this.#suspended) return
    this.#wake()
  }

  /**
   * The profile was edited (address, keys, trust, campaigns…): its connection is rebuilt, fetches
   * in flight start over with the new settings, and its timers restart from a fresh fetch of the
   * campaigns still watched that were in progress or waiting for the server.
   */
  profileChanged(profileId: string): void {
    if (this.#stopped) return
    this.#pool.drop(profileId)
    let watched: Set<string> | null = null
    try {
      watched = new Set(this.#o.getProfile(profileId).campaigns.map((c) => c.id))
    } catch {
      // Gone after all: profileRemoved will follow.
    }
    const link = this.#links.get(profileId)
    const pending = new Set(link?.pending ?? [])
    if (link) this.#clearRetry(link)
    this.#links.delete(profileId)
    for (const watch of this.#watchesOf(profileId)) {
      const hadTimer = watch.poll !== null
      this.#clearPoll(watch)
      if (watch.flight) {
        watch.flight.restart = true
        watch.flight.abort.abort()
        continue
      }
      if (watched && !watched.has(watch.campaignId)) {
        this.#watches.delete(watch.key)
        if (hadTimer) this.#scheduled(watch, null)
        continue
      }
      watch.halted = false
      if (!this.#suspended && (watch.inProgress || pending.has(watch.key))) this.#auto(watch)
      else if (hadTimer) this.#scheduled(watch, null)
    }
  }

  /** The profile was deleted: its fetches are cancelled, its state and cached tasks removed. */
  async profileRemoved(profileId: string): Promise<void> {
    const link = this.#links.get(profileId)
    if (link) this.#clearRetry(link)
    this.#links.delete(profileId)
    const flights: Promise<void>[] = []
    for (const watch of this.#watchesOf(profileId)) {
      this.#clearPoll(watch)
      this.#watches.delete(watch.key)
      if (watch.flight) {
        watch.flight.abort.abort()
        flights.push(watch.flight.done)
      }
    }
    this.#pool.drop(profileId)
    await Promise.all(flights)
    await this.#o.cache.remove(profileId)
  }

  /** Quit: every timer cleared, every fetch cancelled, every connection closed. */
  async stop(): Promise<void> {
    this.#stopped = true
    const flights: Promise<void>[] = []
    for (const watch of this.#watches.values()) {
      this.#clearPoll(watch)
      if (watch.flight) {
        watch.flight.restart = false
        watch.flight.abort.abort()
        flights.push(watch.flight.done)
      }
    }
    for (const link of this.#links.values()) this.#clearRetry(link)
    await Promise.all(flights)
    this.#watches.clear()
    this.#links.clear()
    await this.#pool.closeAll()
  }

  // ---- fetching -----------------------------------------------------------------------------

  #watch(profileId: string, campaignId: string): Watch {
    const key = keyOf(profileId, campaignId)
    let watch = this.#watches.get(key)
    if (!watch) {
      watch = {
        key,
        profileId,
        campaignId,
        statuses: null,
        last: null,
        inProgress: false,
        halted: false,
        poll: null,
        flight: null,
      }
      this.#watches.set(key, watch)
    }
    return watch
  }

  *#watchesOf(profileId: string): Generator<Watch> {
    for (const watch of [...this.#watches.values()]) {
      if (watch.profileId === profileId) yield watch
    }
  }

  #link(profileId: string): Link {
    let link = this.#links.get(profileId)
    if (!link) {
      link = { state: 'unknown', error: undefined, attempt: 0, retry: null, pending: new Set() }
      this.#links.set(profileId, link)
    }
    return link
  }

  #join(watch: Watch, requestId: string, auto: boolean): Promise<Outcome> {
    const flight = watch.flight ?? this.#launch(watch, new Map())
    return new Promise<Outcome>((resolve, reject) => {
      flight.callers.set(requestId, { auto, resolve, reject })
      this.#requests.set(requestId, flight)
      const progress = flight.lastProgress
      if (!auto && progress) this.#emitProgress(flight, requestId, progress)
    })
  }

  /** An automatic refresh: no caller waits; the outcome only shows through events. */
  #auto(watch: Watch): void {
    if (this.#stopped) return
    // ':' is outside the window's request id alphabet (contract.ts: [\w-]), so no clash.
    this.#join(watch, `auto:${++this.#autoSeq}`, true).catch(() => undefined)
  }

  #launch(watch: Watch, callers: Map<string, Caller>): Flight {
    this.#clearPoll(watch)
    const flight: Flight = {
      watch,
      abort: new AbortController(),
      callers,
      lastProgress: null,
      restart: false,
      done: Promise.resolve(),
    }
    for (const id of callers.keys()) this.#requests.set(id, flight)
    watch.flight = flight
    flight.done = this.#fetch(flight).then(
      (outcome) => this.#settle(flight, outcome),
      (err: unknown) => this.#warn('Settling a refresh failed', { error: String(err) }),
    )
    return flight
  }

  async #fetch(flight: Flight): Promise<Outcome> {
    const { watch, abort } = flight
    let lease: Lease | undefined
    try {
      const profile = this.#profile(watch.profileId)
      const sk = await this.#o.getSecret(watch.profileId)
      if (sk === null || sk === '') throw new AppError('auth', MISSING_SECRET_MESSAGE)
      if (abort.signal.aborted) throw cancelledError()
      lease = this.#pool.acquire(profile, sk)
      const result: FetchAllResult = await fetchAllImportTasks(lease.client, {
        ...this.#o.fetch,
        campaignId: watch.campaignId,
        signal: abort.signal,
        onProgress: (p) => {
          flight.lastProgress = p
          for (const [id, caller] of flight.callers) {
            if (!caller.auto) this.#emitProgress(flight, id, p)
          }
        },
      })
      const tasks = result.tasks
      const snapshot: TaskSnapshot = {
        profileId: watch.profileId,
        campaignId: watch.campaignId,
        tasks,
        count: result.count,
        fetchedAt: new Date(this.#now()).toISOString(),
        stale: false,
        // fetch-all flags a list that kept moving while paged (absent on older versions).
        incomplete: (result as { incomplete?: boolean }).incomplete === true,
        hasBlackNum: tasks.some((t) => t.blackNum !== undefined),
      }
      return { ok: true, snapshot }
    } catch (err) {
      const error = abort.signal.aborted ? cancelledError() : toAppError(err)
      return { ok: false, error, stale: null }
    } finally {
      lease?.release()
    }
  }

  #profile(profileId: string): ServerProfile {
    try {
      return this.#o.getProfile(profileId)
    } catch (err) {
      if (isAppError(err)) throw err
      throw new AppError(
        'validation',
        'This server profile does not exist any more. Pick another one.',
        { field: 'profileId' },
        { cause: err },
      )
    }
  }

  async #settle(flight: Flight, outcome: Outcome): Promise<void> {
    const { watch } = flight
    if (watch.flight === flight) watch.flight = null
    const current = !this.#stopped && this.#watches.get(watch.key) === watch

    if (flight.restart && current && !outcome.ok && outcome.error.code === 'cancelled') {
      // The profile changed mid-fetch: the same callers get a fetch with the new settings.
      if (flight.callers.size > 0) this.#launch(watch, flight.callers)
      return
    }

    if (outcome.ok) {
      await this.#o.cache.put({ ...outcome.snapshot }).catch((err: unknown) =>
        this.#warn('The fetched tasks could not be cached', {
          profileId: watch.profileId,
          campaignId: watch.campaignId,
          error: String((err as { code?: unknown })?.code ?? err),
        }),
      )
    } else if (outcome.error.code !== 'cancelled') {
      outcome.stale = await this.#staleSnapshot(watch, outcome.error)
    }

    if (current && !this.#stopped) {
      if (outcome.ok) this.#succeeded(watch, outcome.snapshot)
      else this.#failed(watch, outcome.error, outcome.stale)
    }

    for (const [id, caller] of flight.callers) {
      if (this.#requests.get(id) === flight) this.#requests.delete(id)
      if (!outcome.ok && outcome.error.code === 'cancelled') caller.reject(outcome.error)
      else caller.resolve(outcome)
    }
    flight.callers.clear()
  }

  async #staleSnapshot(watch: Watch, error: AppError): Promise<TaskSnapshot | null> {
    let base = watch.last
    if (!base) {
      const entry = await this.#o.cache.get(watch.profileId, watch.campaignId).catch(() => null)
      base = entry ? snapshotFromEntry(entry) : null
    }
    return base ? { ...base, stale: true, error: error.toPayload() } : null
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

  // ---- after a fetch ------------------------------------------------------------------------

  #succeeded(watch: Watch, snapshot: TaskSnapshot): void {
    const previous = watch.statuses
    watch.statuses = new Map(snapshot.tasks.map((t) => [t.id, t.status]))
    watch.last = snapshot
    watch.inProgress = snapshot.tasks.some((t) => isInProgress(t.status))
    watch.halted = false
    this.#o.emit('tasks:updated', snapshot)
    this.#link(watch.profileId).pending.delete(watch.key)
    this.#online(watch.profileId)
    if (previous) this.#notifyEnded(watch, previous, snapshot)
    this.#schedulePoll(watch)
  }

  #failed(watch: Watch, error: AppError, stale: TaskSnapshot | null): void {
    const kind = failureKind(error)
    if (kind === 'cancelled') {
      // A cancelled refresh had taken the place of the next poll: put the poll back.
      const state = this.#link(watch.profileId).state
      const usable = state === 'online' || state === 'unknown'
      if (watch.inProgress && !watch.halted && !watch.poll && usable) this.#schedulePoll(watch)
      return
    }
    if (stale) this.#o.emit('tasks:updated', stale)
    switch (kind) {
      case 'unreachable':
        return this.#offline(watch, error)
      case 'blocked':
        return this.#blocked(watch, error)
      case 'campaign':
        watch.halted = true
        this.#clearPoll(watch)
        this.#scheduled(watch, null)
        if (unknownTarget(error)) this.#forget(watch)
        if (serverAnswered(error)) this.#online(watch.profileId)
    }
  }

  /** Drops a campaign's state (not while a fetch of it is in flight: that one settles it). */
  #forget(watch: Watch): void {
    if (watch.flight || this.#watches.get(watch.key) !== watch) return
    this.#watches.delete(watch.key)
    this.#links.get(watch.profileId)?.pending.delete(watch.key)
  }

  #notifyEnded(watch: Watch, previous: Map<string, TaskStatus>, snapshot: TaskSnapshot): void {
    const ended = endedSince(previous, snapshot.tasks)
    if (ended.length === 0 || !this.#o.settings().notifications) return
    let label = watch.campaignId
    try {
      const found = this.#o
        .getProfile(watch.profileId)
        .campaigns.find((c) => c.id === watch.campaignId)
      if (found && found.label.trim() !== '') label = found.label.trim()
    } catch {
      // The campaign id will do.
    }
    const text = endedNotification(label, ended, this.#o.locale?.())
    if (text) this.#o.notify(text)
  }

  #intervalMs(): number {
    const sec = this.#o.settings().refreshIntervalSec
    const valid = Number.isFinite(sec) ? sec : DEFAULT_SETTINGS.refreshIntervalSec
    return Math.max(MIN_REFRESH_INTERVAL_SEC, valid) * 1000
  }

  #schedulePoll(watch: Watch): void {
    this.#clearPoll(watch)
    const state = this.#link(watch.profileId).state
    const usable = state === 'online' || state === 'unknown'
    if (!watch.inProgress || watch.halted || !usable) return this.#scheduled(watch, null)
    if (this.#suspended) return // resume() fetches it
    const ms = this.#intervalMs()
    const at = this.#now() + ms
    const handle = this.#timers.setTimeout(() => {
      if (watch.poll?.handle !== handle) return
      watch.poll = null
      this.#auto(watch)
    }, ms)
    watch.poll = { handle, at }
    this.#scheduled(watch, at)
  }

  #scheduled(watch: Watch, nextAt: number | null): void {
    this.#o.emit('refresh:scheduled', {
      profileId: watch.profileId,
      campaignId: watch.campaignId,
      nextAt,
    })
  }

  #clearPoll(watch: Watch): void {
    if (watch.poll) this.#timers.clearTimeout(watch.poll.handle)
    watch.poll = null
  }

  #clearRetry(link: Link): void {
    if (link.retry) this.#timers.clearTimeout(link.retry.handle)
    link.retry = null
  }

  #connectivity(profileId: string, event: Omit<ConnectivityEvent, 'profileId'>): void {
    this.#o.emit('connectivity:changed', { profileId, ...event })
  }

  /** The server answered: back to normal, and what waited for it is fetched now. */
  #online(profileId: string): void {
    const link = this.#link(profileId)
    if (link.state === 'online') return
    link.state = 'online'
    link.error = undefined
    link.attempt = 0
    this.#clearRetry(link)
    this.#connectivity(profileId, { state: 'online' })
    const pending = [...link.pending]
    link.pending.clear()
    for (const key of pending) {
      const watch = this.#watches.get(key)
      if (watch && !watch.flight && !this.#suspended) this.#auto(watch)
    }
  }

  /** The profile's campaigns to fetch again once it is usable: in progress, or waiting already. */
  #pause(profileId: string, link: Link, except: Watch): Watch[] {
    const paused: Watch[] = []
    for (const other of this.#watchesOf(profileId)) {
      if (other === except) continue
      const hadTimer = other.poll !== null
      this.#clearPoll(other)
      if (other.inProgress && !other.halted) link.pending.add(other.key)
      if (hadTimer) paused.push(other)
    }
    return paused
  }

  #offline(watch: Watch, error: AppError): void {
    const link = this.#link(watch.profileId)
    const payload = error.toPayload()
    const wasOffline = link.state === 'offline'
    link.pending.add(watch.key)
    this.#clearPoll(watch)
    const paused = wasOffline ? [] : this.#pause(watch.profileId, link, watch)
    if (!wasOffline) {
      link.state = 'offline'
      link.attempt = 0
    }
    link.error = payload
    const rescheduled = this.#ensureRetry(watch.profileId, link, error)
    if (wasOffline && !rescheduled) return
    const nextRetryAt = link.retry?.at
    this.#connectivity(watch.profileId, {
      state: 'offline',
      error: payload,
      ...(nextRetryAt !== undefined ? { nextRetryAt } : {}),
    })
    const waiting = [...link.pending].flatMap((key) => this.#watches.get(key) ?? [])
    for (const w of new Set([watch, ...paused, ...waiting])) this.#scheduled(w, nextRetryAt ?? null)
  }

  #blocked(watch: Watch, error: AppError): void {
    const link = this.#link(watch.profileId)
    const payload = error.toPayload()
    const changed =
      link.state !== 'error' ||
      link.error?.code !== payload.code ||
      link.error.message !== payload.message
    this.#clearRetry(link)
    const hadTimer = watch.poll !== null
    this.#clearPoll(watch)
    const paused = this.#pause(watch.profileId, link, watch)
    if (watch.inProgress) link.pending.add(watch.key)
    link.state = 'error'
    link.error = payload
    link.attempt = 0
    if (changed) this.#connectivity(watch.profileId, { state: 'error', error: payload })
    for (const w of paused) this.#scheduled(w, null)
    if (hadTimer || changed) this.#scheduled(watch, null)
  }

  /** Sets the next offline retry unless one is pending; true when it set one. */
  #ensureRetry(profileId: string, link: Link, error: AppError): boolean {
    if (link.retry || this.#suspended || this.#stopped) return false
    const delay = offlineRetryDelay(link.attempt++, this.#random, error.detail.retryAfter)
    const at = this.#now() + delay
    const handle = this.#timers.setTimeout(() => {
      if (link.retry?.handle !== handle) return
      link.retry = null
      this.#retry(profileId, link)
    }, delay)
    link.retry = { handle, at }
    return true
  }

  /** Probes the server with one waiting campaign; its success fetches the others. */
  #retry(profileId: string, link: Link): void {
    if (this.#links.get(profileId) !== link || link.state !== 'offline') return
    for (const key of link.pending) {
      const watch = this.#watches.get(key)
      if (watch) return this.#auto(watch)
      link.pending.delete(key)
    }
  }

  /** After sleep or a network change: fetch now what was offline or in progress. */
  #wake(): void {
    this.#pool.dropAll() // sockets from before are likely dead
    for (const [profileId, link] of this.#links) {
      if (link.state !== 'offline') continue
      this.#clearRetry(link)
      link.attempt = 0
      for (const key of link.pending) {
        const watch = this.#watches.get(key)
        if (watch?.profileId === profileId) this.#auto(watch)
      }
    }
    for (const watch of this.#watches.values()) {
      const state = this.#links.get(watch.profileId)?.state ?? 'unknown'
      if ((state === 'online' || state === 'unknown') && watch.inProgress && !watch.halted) {
        this.#auto(watch)
      }
    }
  }

  #warn(message: string, meta?: Record<string, unknown>): void {
    this.#o.log?.warn(message, meta)
  }
}
