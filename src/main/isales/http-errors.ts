import { AppError } from '../../shared/errors'

/** Maps a non-2xx HTTP status to the error a supervisor can act on. */

export const AUTH_MESSAGE =
  "The server rejected the access key/secret key (HTTP 401). Check the AK and SK in the server profile, and that this computer's clock is right."

/** Seconds to wait from a Retry-After header (delta-seconds or HTTP date); undefined if unusable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined
  const text = value.trim()
  if (/^\d+$/.test(text)) return Number(text)
  const at = Date.parse(text)
  if (Number.isNaN(at)) return undefined
  return Math.max(0, Math.ceil((at - nowMs) / 1000))
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
    return 'the server redirected the request; check the server address in the profile'
  return 'the server did not accept the request; check the server profile, and tell the iSales administrator if it keeps happening'
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
  if (status === 401) return new AppError('auth', AUTH_MESSAGE, { status: 401 })
  if (status === 429) {
    const retryAfter = parseRetryAfter(retryAfterHeader, nowMs)
    const wait = retryAfter !== undefined ? ` It asked to wait ${retryAfter} s.` : ''
    return new AppError(
      'rate-limited',
      `The server is receiving too many requests (HTTP 429).${wait} Wait a moment and refresh; lower the refresh rate if it keeps happening.`,
      { status: 429, ...(retryAfter !== undefined ? { retryAfter } : {}) },
    )
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
