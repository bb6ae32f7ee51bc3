import type { ConnectivityEvent, ConnectivityState, Emit } from '../../shared/contract'
import type { AppError, ErrorPayload } from '../../shared/errors'
import { offlineRetryDelay } from './backoff'
import type { Scheduled } from './poll-schedule'
import type { Timers } from './scheduler'

/**
 * Each server profile's link: unknown until a fetch tells, online, offline (cannot be reached:
 * retried with backoff.ts) or error (needs the user: no retries). It also keeps the campaigns
 * waiting for the server (`pending`): fetched again as soon as it answers. Every check's outcome
 * is announced to the window as 'connectivity:changed' with its time (`checkedAt`), so the state
 * shown is the last check's and the window can say how long ago that was.
 */

interface Link {
  state: ConnectivityState | 'unknown'
  error: ErrorPayload | undefined
  /** Retries since the profile went offline (drives the backoff). */
  attempt: number
  /** When a fetch last told the state (epoch ms). */
  checkedAt: number | undefined
  retry: Scheduled | null
  /** Campaigns (watch keys) to fetch as soon as the server answers again. */
  pending: Set<string>
}

export interface ServerLinksOptions {
  timers: Timers
  now(): number
  random(): number
  emit: Emit
  /** False while asleep or stopped: no retry is set then. */
  mayRetry(): boolean
  /** The retry fell due: fetch this waiting campaign; false when it is not watched any more. */
  probe(key: string): boolean
  /** A check told a server's state (outage-probe.ts starts probing an offline one). */
  changed(profileId: string): void
}

export class ServerLinks {
  readonly #o: ServerLinksOptions
  readonly #links = new Map<string, Link>()

  constructor(options: ServerLinksOptions) {
    this.#o = options
  }

  /** Automatic fetches may go to the server: online, or not tried yet. */
  usable(profileId: string): boolean {
    const state = this.#links.get(profileId)?.state ?? 'unknown'
    return state === 'online' || state === 'unknown'
  }

  isOffline(profileId: string): boolean {
    return this.#links.get(profileId)?.state === 'offline'
  }

  /** Offline for a reason a cheap probe may see end: not a server that asked us to slow down. */
  probeable(profileId: string): boolean {
    const link = this.#links.get(profileId)
    return link?.state === 'offline' && link.error?.code !== 'rate-limited'
  }

  /** While offline or in error: what cached tasks are marked with (null: not stale). */
  staleness(profileId: string): { error?: ErrorPayload } | null {
    const link = this.#links.get(profileId)
    if (!link || (link.state !== 'offline' && link.state !== 'error')) return null
    return link.error ? { error: link.error } : {}
  }

  /** The campaign waits for the server (fetched when it answers). */
  wait(profileId: string, key: string): void {
    this.#link(profileId).pending.add(key)
  }

  unwait(profileId: string, key: string): void {
    this.#links.get(profileId)?.pending.delete(key)
  }

  /** The campaigns waiting for the server, in the order they started waiting. */
  waiting(profileId: string): string[] {
    return [...(this.#links.get(profileId)?.pending ?? [])]
  }

  /** The server answered: back to normal. Returns the campaigns that waited for it (to fetch now). */
  online(profileId: string): string[] {
    const link = this.#link(profileId)
    link.checkedAt = this.#o.now()
    if (link.state === 'online') {
      this.#announce(profileId, { state: 'online' })
      return []
    }
    link.state = 'online'
    link.error = undefined
    link.attempt = 0
    this.#clearRetry(link)
    this.#announce(profileId, { state: 'online' })
    const pending = [...link.pending]
    link.pending.clear()
    return pending
  }

  /**
   * The server could not be reached: offline, with a retry set unless one is pending. Returns
   * when that retry is due (null: none set) if that is news, or undefined when nothing new
   * (offline already, retry already set; the window still hears of the check).
   */
  offline(profileId: string, error: AppError): { nextRetryAt: number | null } | undefined {
    const link = this.#link(profileId)
    link.checkedAt = this.#o.now()
    const payload = error.toPayload()
    const wasOffline = link.state === 'offline'
    if (!wasOffline) {
      link.state = 'offline'
      link.attempt = 0
    }
    link.error = payload
    const rescheduled = this.#ensureRetry(profileId, link, error)
    const nextRetryAt = link.retry?.at
    this.#announce(profileId, {
      state: 'offline',
      error: payload,
      ...(nextRetryAt !== undefined ? { nextRetryAt } : {}),
    })
    if (wasOffline && !rescheduled) return undefined
    return { nextRetryAt: nextRetryAt ?? null }
  }

  /** An error that needs the user: no retries. True when it is a new error. */
  blocked(profileId: string, error: AppError): boolean {
    const link = this.#link(profileId)
    link.checkedAt = this.#o.now()
    const payload = error.toPayload()
    const changed =
      link.state !== 'error' ||
      link.error?.code !== payload.code ||
      link.error.message !== payload.message
    this.#clearRetry(link)
    link.state = 'error'
    link.error = payload
    link.attempt = 0
    this.#announce(profileId, { state: 'error', error: payload })
    return changed
  }

  /** Going to sleep: no retry fires until wake(). */
  suspend(): void {
    for (const link of this.#links.values()) this.#clearRetry(link)
  }

  /**
   * After sleep: offline servers are tried again now, their backoff from the start. Returns the
   * campaigns waiting for them (to fetch now).
   */
  wake(): string[] {
    const keys: string[] = []
    for (const link of this.#links.values()) {
      if (link.state !== 'offline') continue
      this.#clearRetry(link)
      link.attempt = 0
      keys.push(...link.pending)
    }
    return keys
  }

  /** Forgets the server's link (its settings changed, or it was removed): back to unknown. */
  forget(profileId: string): Set<string> {
    const link = this.#links.get(profileId)
    if (link) this.#clearRetry(link)
    this.#links.delete(profileId)
    return new Set(link?.pending ?? [])
  }

  clear(): void {
    for (const link of this.#links.values()) this.#clearRetry(link)
    this.#links.clear()
  }

  #link(profileId: string): Link {
    let link = this.#links.get(profileId)
    if (!link) {
      link = {
        state: 'unknown',
        error: undefined,
        attempt: 0,
        checkedAt: undefined,
        retry: null,
        pending: new Set(),
      }
      this.#links.set(profileId, link)
    }
    return link
  }

  #announce(profileId: string, event: Omit<ConnectivityEvent, 'profileId' | 'checkedAt'>): void {
    const checkedAt = this.#links.get(profileId)?.checkedAt
    this.#o.emit('connectivity:changed', {
      profileId,
      ...event,
      ...(checkedAt !== undefined ? { checkedAt } : {}),
    })
    this.#o.changed(profileId)
  }

  #clearRetry(link: Link): void {
    if (link.retry) this.#o.timers.clearTimeout(link.retry.handle)
    link.retry = null
  }

  /** Sets the next offline retry unless one is pending; true when it set one. */
  #ensureRetry(profileId: string, link: Link, error: AppError): boolean {
    if (link.retry || !this.#o.mayRetry()) return false
    const delay = offlineRetryDelay(link.attempt++, this.#o.random, error.detail.retryAfter)
    const at = this.#o.now() + delay
    const handle = this.#o.timers.setTimeout(() => {
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
      if (this.#o.probe(key)) return
      link.pending.delete(key)
    }
  }
}
