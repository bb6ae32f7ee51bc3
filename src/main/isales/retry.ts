import { isRetryable } from '../../shared/error-kinds'
import { cancelledError, isAppError, type AppError } from '../../shared/errors'
import { timerDelay } from '../timer-delay'
import { rateLimitedError } from './http-errors'
import { DEFAULT_MAX_RETRY_AFTER_MS } from '../../shared/limits'

/**
 * Retrying a request on transient failures, with exponential backoff and jitter. Only failures a
 * retry can fix are retried: which those are is shared/error-kinds.ts (flow control, network,
 * timeouts, 5xx and cut-off replies).
 */

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>

export interface RetryOptions {
  /** Retries after the first attempt. Default 4. */
  retries?: number
  /** First backoff. Default 500 ms; doubles each retry. */
  baseDelayMs?: number
  /** Backoff ceiling (a server's Retry-After may exceed it). Default 10 s. */
  maxDelayMs?: number
  /** A Retry-After longer than this is not waited out: the error is returned instead. Default 60 s. */
  maxRetryAfterMs?: number
  sleep?: Sleep
  /** 0 ≤ x < 1; injectable so tests can pin the jitter. */
  random?: () => number
  signal?: AbortSignal
  /** Called before each wait, e.g. to log or show "retrying in 2 s". */
  onRetry?: (info: { attempt: number; delayMs: number; error: AppError }) => void
}

export const DEFAULT_RETRIES = 4
export const DEFAULT_BASE_DELAY_MS = 500
export const DEFAULT_MAX_DELAY_MS = 10_000
export { DEFAULT_MAX_RETRY_AFTER_MS }

/**
 * Delay before retry number `attempt` (0-based): base·2^attempt capped at maxDelay, with "equal
 * jitter" (between half and all of it) so parallel pages do not retry in lockstep; never shorter
 * than the server's Retry-After.
 */
export function backoffDelay(
  attempt: number,
  error: AppError,
  opts: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs' | 'random'> = {},
): number {
  const base = opts.baseDelayMs ?? DEFAULT_BASE_DELAY_MS
  const max = opts.maxDelayMs ?? DEFAULT_MAX_DELAY_MS
  const random = opts.random ?? Math.random
  const exp = Math.min(max, base * 2 ** attempt)
  const jittered = Math.round(exp / 2 + (exp / 2) * random())
  const retryAfterMs = (error.detail.retryAfter ?? 0) * 1000
  return Math.max(jittered, retryAfterMs)
}

/** setTimeout that rejects with AppError('cancelled') when the signal aborts. */
export const abortableSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelledError())
    const onAbort = () => {
      clearTimeout(timer)
      reject(cancelledError())
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, timerDelay(ms))
    signal?.addEventListener('abort', onAbort, { once: true })
  })

/**
 * A flow-control error leaving the loop names the wait the server asked for against this loop's
 * own limit (the client that made it only knows the default).
 */
function withBudget(err: unknown, maxRetryAfterMs: number): unknown {
  if (!isAppError(err) || err.code !== 'rate-limited' || err.detail.retryAfter === undefined) {
    return err
  }
  return rateLimitedError(err.detail, maxRetryAfterMs, err.cause ?? err)
}

export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  opts: RetryOptions = {},
): Promise<T> {
  const retries = Math.max(0, Math.floor(opts.retries ?? DEFAULT_RETRIES))
  const maxRetryAfterMs = opts.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS
  const sleep = opts.sleep ?? abortableSleep
  for (let attempt = 0; ; attempt++) {
    if (opts.signal?.aborted) throw cancelledError()
    try {
      return await fn(attempt)
    } catch (err) {
      if (opts.signal?.aborted) throw cancelledError()
      if (attempt >= retries || !isRetryable(err)) throw withBudget(err, maxRetryAfterMs)
      if ((err.detail.retryAfter ?? 0) * 1000 > maxRetryAfterMs) {
        throw withBudget(err, maxRetryAfterMs)
      }
      const delayMs = backoffDelay(attempt, err, opts)
      opts.onRetry?.({ attempt: attempt + 1, delayMs, error: err })
      await sleep(delayMs, opts.signal)
    }
  }
}
