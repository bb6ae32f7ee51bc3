/**
 * Which failures are about reaching the server rather than about what was asked: the one answer
 * for the client's retries (isales/retry.ts), the monitor's offline back-off (monitor/) and the
 * window's "cannot reach the server, trying again" banner (renderer logic/error-view.ts).
 */
import { isAppError, type AppError, type ErrorPayload } from './errors'

/**
 * detail.cause of a protocol error whose reply was cut off before its end (isales/read-body.ts
 * decides when that is: JSON that runs out where the transport did not vouch for the end).
 */
export const TRUNCATED_BODY = 'truncated-body'

/**
 * The server could not be reached, or could not deliver now: no connection, a timeout, flow
 * control (429 / 0200022), a 5xx, or a reply cut off on the way. Trying again later can succeed,
 * and nothing the user set up is wrong.
 *
 * A cut-off reply counts: the server did not deliver its answer (the connection ended early,
 * on a path that gave no length to check), so it is a transport failure like a reset socket,
 * not a server that answered wrongly. A reply that arrived whole but is not valid JSON or not
 * the documented shape is a protocol problem and is not retried: the same request gets the same.
 * An untrusted or changed certificate, a rejected key or an iSales business code would fail
 * the same way again: they need the user.
 */
export function isReachabilityProblem(error: ErrorPayload): boolean {
  switch (error.code) {
    case 'network':
    case 'timeout':
    case 'rate-limited':
      return true
    case 'http':
      return (error.detail?.status ?? 0) >= 500
    case 'protocol':
      return error.detail?.cause === TRUNCATED_BODY
    default:
      return false
  }
}

/** An AppError that a retry can fix: a reachability problem (anything else is not retried). */
export function isRetryable(err: unknown): err is AppError {
  return isAppError(err) && isReachabilityProblem(err)
}
