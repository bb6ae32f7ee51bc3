import { AppError, type ErrorDetail } from '../../shared/errors'
import { DEFAULT_MAX_RETRY_AFTER_MS } from '../../shared/limits'

/** Maps a non-2xx HTTP status to the error a supervisor can act on. */

/**
 * The one message for HTTP 401 (the desktop app and the CLI both show it): the server refused the
 * C2 signature, which comes down to the keys or this computer's clock.
 */
export function authFailedMessage(): string {
  return "The server rejected the access key and secret key (HTTP 401). Check the AK and SK, and that this computer's date and time are right."
}

/**
 * The longest Retry-After taken at its word: one day. A server asking for more (or sending a
 * number too big to represent) is treated as asking for a day; the offline backoff caps its own
 * wait lower still (monitor/backoff.ts).
 */
export const MAX_RETRY_AFTER_SEC = 86_400

/**
 * Seconds to wait from a Retry-After header (delta-seconds or HTTP date), at most
 * MAX_RETRY_AFTER_SEC; undefined if unusable.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined
  const text = value.trim()
  let seconds: number
  if (/^\d+$/.test(text)) {
    seconds = Number(text)
  } else {
    const at = Date.parse(text)
    if (Number.isNaN(at)) return undefined
    seconds = Math.max(0, Math.ceil((at - nowMs) / 1000))
  }
  return Math.min(MAX_RETRY_AFTER_SEC, seconds)
}

/**
 * The message for flow control (HTTP 429 or iSales 0200022). `retryAfter` is what the server
 * asked for, in seconds; `maxWaitMs` is the longest wait the retry loop accepts (retry.ts), so a
 * longer request is named as such instead of suggesting an immediate retry.
 */
export function rateLimitedMessage(
  retryAfter: number | undefined,
  maxWaitMs = DEFAULT_MAX_RETRY_AFTER_MS,
): string {
  if (retryAfter !== undefined && retryAfter * 1000 > maxWaitMs) {
    return `The server is limiting requests and asked to wait ${retryAfter} s, longer than this tool waits (${Math.round(maxWaitMs / 1000)} s). Try again after that.`
  }
  if (retryAfter !== undefined && retryAfter > 0) {
    return `The server is limiting requests and asked to wait ${retryAfter} s. Try again after that; if it keeps happening, query less often.`
  }
  return 'The server is limiting requests. Wait a minute and try again; if it keeps happening, query less often.'
}

/** AppError('rate-limited') with the message above; detail carries status / codes / retryAfter. */
export function rateLimitedError(
  detail: ErrorDetail,
  maxWaitMs = DEFAULT_MAX_RETRY_AFTER_MS,
  cause?: unknown,
): AppError {
  return new AppError(
    'rate-limited',
    rateLimitedMessage(detail.retryAfter, maxWaitMs),
    detail,
    cause === undefined ? undefined : { cause },
  )
}

function statusAdvice(status: number): string {
  if (status >= 500) return 'the server had an internal problem; try again later'
  if (status === 403)
    return 'the server refused access; ask the iSales administrator whether this access key may use the interface'
  if (status === 404 || status === 405)
    return 'the interface was not found at this address; check the server address and port, and that it is a CC-iSales server'
  if (status === 407) return 'a proxy asked for credentials; check the network settings'
  if (status === 408) return 'the server gave up waiting for the request; try again'
  if (status >= 300 && status < 400)
    return 'the server redirected the request; check the server address'
  return 'the server did not accept the request; check the server address, VDN id and campaign id, and tell the iSales administrator if it keeps happening'
}

export interface ServerSays {
  resultCode?: string
  resultDesc?: string
}

export function httpStatusError(
  status: number,
  retryAfterHeader: string | undefined,
  nowMs: number,
  says: ServerSays = {},
): AppError {
  if (status === 401) return new AppError('auth', authFailedMessage(), { status: 401 })
  if (status === 429) {
    const retryAfter = parseRetryAfter(retryAfterHeader, nowMs)
    return rateLimitedError({ status: 429, ...(retryAfter !== undefined ? { retryAfter } : {}) })
  }
  const serverSays = says.resultDesc ? ` (server says: ${says.resultDesc})` : ''
  return new AppError(
    'http',
    `The server answered HTTP ${status}: ${statusAdvice(status)}.${serverSays}`,
    {
      status,
      ...says,
    },
  )
}
