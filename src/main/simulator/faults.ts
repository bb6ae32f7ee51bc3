import { mulberry32, type Rng } from './prng'

/**
 * Fault injection. Each fault fires on the next `count` matching requests, then (optionally) with
 * `probability` on each later one, drawn from a seeded PRNG so runs repeat. A request gets at most
 * one reply fault, the first pending one in FAULT_NAMES order: with http500=3 and http429=2,
 * requests 1–3 get 500 and requests 4–5 get 429. Latency combines with any of them.
 */

/** Reply faults, in precedence order. */
export const FAULT_NAMES = [
  'dropConnection', // destroy the socket without a reply
  'http500', // HTTP 500 with a Spring-style JSON error body
  'http429', // HTTP 429 with Retry-After: retryAfterSeconds
  'tooFrequent', // HTTP 200 with resultCode 0200022
  'malformedJson', // HTTP 200 whose body is cut-off JSON (Content-Length matches)
  'truncatedBody', // Content-Length larger than what is sent, then the socket ends
  'slowBody', // headers at once, then the real body in small chunks over slowBodyMs
  'hugeBody', // HTTP 200, chunked, a valid-looking task list of hugeBodyBytes
] as const

export type FaultName = (typeof FAULT_NAMES)[number]

/** A number is a count; an object may add a probability for later requests. */
export type FaultTrigger = number | { count?: number; probability?: number }

export type RouteName = 'tasks' | 'blacklist' | 'campaigns' | 'unknown'

export type OverLimitReply = 'http429' | 'tooFrequent'

export interface FaultOptions extends Partial<Record<FaultName | 'latency', FaultTrigger>> {
  /** Delay before replying: on every matching request, or only the ones `latency` triggers. */
  latencyMs?: number
  /** Retry-After for http429 (default 1). */
  retryAfterSeconds?: number
  /**
   * A server with a concurrency limit: a request arriving while this many are being served is
   * refused at once (no latency), as `overLimitReply` says, without a Retry-After. Default: none.
   */
  maxInFlight?: number
  /** How a request over maxInFlight is refused: HTTP 429 (default) or 200 with 0200022. */
  overLimitReply?: OverLimitReply
  /** How long slowBody takes to deliver the body (default 2000). */
  slowBodyMs?: number
  /** Size of the hugeBody reply (default 50 MB). */
  hugeBodyBytes?: number
  /** Which requests faults apply to (default the three API routes, not 404s). */
  routes?: RouteName[]
  /** Seed for probabilities (default 1). */
  seed?: number
}

export interface FaultDecision {
  fault: FaultName | null
  latencyMs: number
}

interface Counter {
  remaining: number
  probability: number
}

function counter(trigger: FaultTrigger | undefined): Counter {
  if (trigger === undefined) return { remaining: 0, probability: 0 }
  if (typeof trigger === 'number') return { remaining: Math.max(0, trigger), probability: 0 }
  return { remaining: Math.max(0, trigger.count ?? 0), probability: trigger.probability ?? 0 }
}

export class FaultPlan {
  readonly retryAfterSeconds: number
  readonly slowBodyMs: number
  readonly hugeBodyBytes: number
  /** Infinity: no limit. */
  readonly maxInFlight: number
  readonly overLimitReply: OverLimitReply
  private readonly counters = new Map<FaultName | 'latency', Counter>()
  private readonly latencyMs: number
  private readonly latencyAlways: boolean
  private readonly routes: ReadonlySet<RouteName>
  private readonly rng: Rng

  constructor(options: FaultOptions = {}) {
    this.retryAfterSeconds = options.retryAfterSeconds ?? 1
    this.slowBodyMs = options.slowBodyMs ?? 2000
    this.hugeBodyBytes = options.hugeBodyBytes ?? 50 * 1024 * 1024
    this.maxInFlight = options.maxInFlight ?? Number.POSITIVE_INFINITY
    this.overLimitReply = options.overLimitReply ?? 'http429'
    this.latencyMs = options.latencyMs ?? 0
    this.latencyAlways = options.latency === undefined
    this.routes = new Set(options.routes ?? ['tasks', 'blacklist', 'campaigns'])
    this.rng = mulberry32(options.seed ?? 1)
    for (const name of [...FAULT_NAMES, 'latency'] as const) {
      this.counters.set(name, counter(options[name]))
    }
  }

  private fires(name: FaultName | 'latency'): boolean {
    const c = this.counters.get(name)
    if (!c) return false
    if (c.remaining > 0) {
      c.remaining--
      return true
    }
    return c.probability > 0 && this.rng() < c.probability
  }

  /** Consumes the triggers for one incoming request. */
  next(route: RouteName): FaultDecision {
    if (!this.routes.has(route)) return { fault: null, latencyMs: 0 }
    const latencyMs = this.latencyAlways || this.fires('latency') ? this.latencyMs : 0
    const fault = FAULT_NAMES.find((name) => this.fires(name)) ?? null
    return { fault, latencyMs }
  }

  /** Count-based triggers not yet used. */
  remaining(): Partial<Record<FaultName | 'latency', number>> {
    const out: Partial<Record<FaultName | 'latency', number>> = {}
    for (const [name, c] of this.counters) if (c.remaining > 0) out[name] = c.remaining
    return out
  }
}

const NUMERIC_SETTINGS = [
  'latencyMs',
  'retryAfterSeconds',
  'slowBodyMs',
  'hugeBodyBytes',
  'maxInFlight',
] as const

/**
 * Parses the CLI form `http500=3,http429=2,retryAfterSeconds=5,latency=4,latencyMs=800`.
 * A whole number is a count, a fraction below 1 a probability; a bare name means 1.
 */
export function parseFaultList(text: string): FaultOptions {
  const options: FaultOptions = {}
  for (const item of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [name = '', raw = '1'] = item.split('=', 2)
    const value = Number(raw)
    if (!Number.isFinite(value) || value < 0 || (!Number.isInteger(value) && value > 1))
      throw new Error(`Bad value in fault "${item}"`)
    if ((NUMERIC_SETTINGS as readonly string[]).includes(name)) {
      options[name as (typeof NUMERIC_SETTINGS)[number]] = value
    } else if ((FAULT_NAMES as readonly string[]).includes(name) || name === 'latency') {
      options[name as FaultName | 'latency'] = Number.isInteger(value)
        ? value
        : { count: 0, probability: value }
    } else {
      throw new Error(
        `Unknown fault "${name}"; known: ${[...FAULT_NAMES, 'latency', ...NUMERIC_SETTINGS].join(', ')}`,
      )
    }
  }
  return options
}
