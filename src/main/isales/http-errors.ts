import { AppError, type ErrorDetail } from '../../shared/errors'
import { DEFAULT_MAX_RETRY_AFTER_MS } from '../../shared/limits'
import { formatRef, msg, type MessageRef } from '../../shared/messages'
import { serverCode, serverText } from './server-text'

/** Maps a non-2xx HTTP status to the error a supervisor can act on. */

/**
 * The one message for HTTP 401 (the desktop app and the CLI both show it): the server refused the
 * C2 signature, which comes down to the keys or this computer's clock.
 */
export function authFailedMessage(): string {
  return formatRef('en', msg('authFailed'))
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
export function rateLimitedRef(
  retryAfter: number | undefined,
  maxWaitMs = DEFAULT_MAX_RETRY_AFTER_MS,
): MessageRef {
  if (retryAfter !== undefined && retryAfter * 1000 > maxWaitMs) {
    return msg('rateLimitedTooLong', {
      seconds: retryAfter,
      maxSeconds: Math.round(maxWaitMs / 1000),
    })
  }
  if (retryAfter !== undefined && retryAfter > 0) {
    return msg('rateLimitedWait', { seconds: retryAfter })
  }
  return msg('rateLimited')
}

/** rateLimitedRef's English text. */
export function rateLimitedMessage(
  retryAfter: number | undefined,
  maxWaitMs = DEFAULT_MAX_RETRY_AFTER_MS,
): string {
  return formatRef('en', rateLimitedRef(retryAfter, maxWaitMs))
}

/** AppError('rate-limited') with the message above; detail carries status / codes / retryAfter. */
export function rateLimitedError(
  detail: ErrorDetail,
  maxWaitMs = DEFAULT_MAX_RETRY_AFTER_MS,
  cause?: unknown,
): AppError {
  return new AppError(
    'rate-limited',
    rateLimitedRef(detail.retryAfter, maxWaitMs),
    detail,
    cause === undefined ? undefined : { cause },
  )
}

function statusAdvice(status: number): MessageRef {
  if (status >= 500) return msg('httpAdviceServer')
  if (status === 403) return msg('httpAdviceForbidden')
  if (status === 404 || status === 405) return msg('httpAdviceNotFound')
  if (status === 407) return msg('httpAdviceProxy')
  if (status === 408) return msg('httpAdviceRequestTimeout')
  if (status >= 300 && status < 400) return msg('httpAdviceRedirect')
  return msg('httpAdviceOther')
}

export interface ServerSays {
  resultCode?: string
  resultDesc?: string
}

export function httpStatusError(
  status: number,
  retryAfterHeader: string | undefined,
  nowMs: number,
  rawSays: ServerSays = {},
): AppError {
  // The server's own words are shown and logged: stripped and cut first (server-text.ts).
  const says: ServerSays = {}
  if (rawSays.resultCode !== undefined) says.resultCode = serverCode(rawSays.resultCode)
  if (rawSays.resultDesc !== undefined) says.resultDesc = serverText(rawSays.resultDesc)
  if (status === 401) return new AppError('auth', msg('authFailed'), { status: 401 })
  if (status === 429) {
    const retryAfter = parseRetryAfter(retryAfterHeader, nowMs)
    return rateLimitedError({ status: 429, ...(retryAfter !== undefined ? { retryAfter } : {}) })
  }
  const advice = statusAdvice(status)
  return new AppError(
    'http',
    says.resultDesc
      ? msg('httpStatusServerSays', { status, advice, resultDesc: says.resultDesc })
      : msg('httpStatus', { status, advice }),
    { status, ...says },
  )
}
