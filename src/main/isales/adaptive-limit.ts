import { isAppError } from '../../shared/errors'

/**
 * How many requests fetch-all keeps in flight to one server, learnt from the replies (AIMD, as
 * Vector's adaptive request concurrency and Netflix's concurrency-limits do): start low, add one
 * for each fast clean reply, cut multiplicatively at once on an overload signal (HTTP 429,
 * iSales 0200022, 5xx, a timeout) or a reply much slower than the moving baseline. Never above
 * `max` (the configured cap, itself at most the per-server gate's limit), never below 1.
 *
 * After an overload the level that was safe (one below the requests on the wire when a refused
 * one was sent) becomes a ceiling: the limit drops to it or lower, climbs back one per reply
 * below it, and at it only probes one higher after `probeAfter` clean replies, so a server that
 * refuses a 4th request settles at 3 instead of see-sawing between 2 and 4.
 *
 * Pure: no clock and no timers; the caller measures each round trip and reports it.
 */

export type SampleOutcome =
  /** A reply with data: its round trip says whether the server is slowing down. */
  | 'ok'
  /** The server asked for less: 429, 0200022, 5xx, a timeout. */
  | 'overload'
  /** Says nothing about load (a protocol error, a cancel). */
  | 'ignore'

/** Taken as a request is sent; handed back with its reply. */
export interface LimitTicket {
  /** Decreases made before this request was sent: one decrease per window of requests. */
  readonly epoch: number
  /** Requests on the wire as it was sent, itself included: the load a refusal answers. */
  readonly sentAmong: number
}

/** One reply (or failure) of a request. */
export interface LimitSample {
  outcome: SampleOutcome
  /** Send to reply, ms (only read for 'ok'). */
  rttMs: number
  /**
   * Requests on the wire as the reply came, itself included: the load it answered for (a batch
   * sent together all count, whichever of them was sent first).
   */
  inFlight: number
}

/** What fetch-all needs of a limit (adaptive, or fixed for a pinned concurrency). */
export interface ConcurrencyLimit {
  readonly limit: number
  ticket(inFlight: number): LimitTicket
  record(ticket: LimitTicket, sample: LimitSample): void
}

export interface AdaptiveLimitOptions {
  /** The cap: 1 or more. */
  max: number
  /** Default min(3, max). */
  initial?: number
  /** Multiplier on an overload signal (default 0.5). */
  overloadDecrease?: number
  /** Multiplier when a reply is much slower than the baseline (default 0.75). */
  latencyDecrease?: number
  /** A reply this many times the baseline round trip is "rising" latency (default 2)… */
  rttTolerance?: number
  /** …and also at least this much slower, so a fast local server's jitter is no signal (default 25). */
  rttSlackMs?: number
  /** Weight of each new round trip in the moving baseline (default 0.1). */
  baselineWeight?: number
  /** Clean replies at the ceiling before probing one higher (default 32). */
  probeAfter?: number
}

export const INITIAL_LIMIT = 3

export class AdaptiveLimit implements ConcurrencyLimit {
  readonly max: number
  #limit: number
  #epoch = 0
  /** The highest level known to be safe since the last overload; Infinity before any. */
  #ceiling = Number.POSITIVE_INFINITY
  #cleanAtCeiling = 0
  #baselineMs: number | null = null
  readonly #o: Required<Omit<AdaptiveLimitOptions, 'max' | 'initial'>>

  constructor(options: AdaptiveLimitOptions) {
    this.max = Math.max(1, Math.floor(options.max))
    this.#limit = clamp(options.initial ?? INITIAL_LIMIT, 1, this.max)
    this.#o = {
      overloadDecrease: options.overloadDecrease ?? 0.5,
      latencyDecrease: options.latencyDecrease ?? 0.75,
      rttTolerance: options.rttTolerance ?? 2,
      rttSlackMs: options.rttSlackMs ?? 25,
      baselineWeight: options.baselineWeight ?? 0.1,
      probeAfter: options.probeAfter ?? 32,
    }
  }

  get limit(): number {
    return this.#limit
  }

  /** The moving baseline round trip (ms), null before the first clean reply. */
  get baselineMs(): number | null {
    return this.#baselineMs
  }

  ticket(inFlight: number): LimitTicket {
    return { epoch: this.#epoch, sentAmong: Math.max(1, Math.floor(inFlight) || 1) }
  }

  record(ticket: LimitTicket, sample: LimitSample): void {
    const { outcome, rttMs } = sample
    const inFlight = Math.max(1, Math.floor(sample.inFlight) || 1)
    if (outcome === 'ignore') return
    if (outcome === 'overload') return this.#overload(ticket)
    const rtt = Number.isFinite(rttMs) && rttMs >= 0 ? rttMs : 0
    const base = this.#baselineMs
    this.#baselineMs = base === null ? rtt : base + this.#o.baselineWeight * (rtt - base)
    const rising =
      base !== null && rtt > base * this.#o.rttTolerance && rtt - base > this.#o.rttSlackMs
    if (rising) return this.#decrease(ticket, this.#o.latencyDecrease)
    // A request sent while far below the limit says nothing about a higher one.
    if (inFlight * 2 < this.#limit) return
    if (this.#limit < this.#ceiling) {
      this.#limit = Math.min(this.max, this.#limit + 1)
      return
    }
    if (++this.#cleanAtCeiling >= this.#o.probeAfter) {
      this.#limit = Math.min(this.max, this.#limit + 1)
      this.#ceiling = this.#limit
      this.#cleanAtCeiling = 0
    }
  }

  #overload(ticket: LimitTicket): void {
    // Every refusal tells where the server's limit lies (the lowest load refused so far)...
    this.#ceiling = Math.min(this.#ceiling, Math.max(1, ticket.sentAmong - 1))
    this.#cleanAtCeiling = 0
    // ...but only one per window cuts multiplicatively: the rest were answered for already.
    this.#decrease(ticket, this.#o.overloadDecrease)
    this.#limit = Math.min(this.#limit, this.#ceiling)
  }

  #decrease(ticket: LimitTicket, ratio: number): void {
    if (ticket.epoch < this.#epoch) return
    this.#epoch++
    this.#cleanAtCeiling = 0
    this.#limit = Math.max(1, Math.floor(this.#limit * ratio))
  }
}

/** A limit that never moves: a pinned concurrency (the naive fixed way, and tests). */
export function fixedLimit(n: number): ConcurrencyLimit {
  const limit = Math.max(1, Math.floor(n))
  return {
    limit,
    ticket: (inFlight) => ({ epoch: 0, sentAmong: inFlight }),
    record: () => undefined,
  }
}

/**
 * What a failed request says about load: flow control (HTTP 429, iSales 0200022), a 5xx or a
 * timeout mean "fewer, please"; anything else (a protocol error, auth, a cancel) says nothing.
 */
export function outcomeOfError(err: unknown): SampleOutcome {
  if (!isAppError(err)) return 'ignore'
  if (err.code === 'rate-limited' || err.code === 'timeout') return 'overload'
  if (err.code === 'http' && (err.detail.status ?? 0) >= 500) return 'overload'
  return 'ignore'
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, Math.floor(n)))
}
