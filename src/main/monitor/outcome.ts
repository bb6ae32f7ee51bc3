import type { TaskSnapshot } from '../../shared/contract'
import { AppError, isAppError } from '../../shared/errors'
import { msg } from '../../shared/messages'
import { isRetryable } from '../../shared/error-kinds'

/** What one fetch of a campaign came to, and what a failure means for its server and itself. */

export type Outcome =
  | { ok: true; snapshot: TaskSnapshot }
  /** `stale`: the last good tasks marked stale with the error, once looked up (null: none). */
  | { ok: false; error: AppError; stale: TaskSnapshot | null }

/** How a failed fetch affects the profile. */
export type FailureKind =
  | 'cancelled'
  /** The server could not be reached or asked to slow down: back off and retry. */
  | 'unreachable'
  /** Needs the user (keys, certificate): no automatic retries for the profile. */
  | 'blocked'
  /**
   * The server answered, but wrongly in a way the next attempt may not repeat (a malformed or
   * oversized reply, an unexpected status or iSales code): back off and keep polling; halted only
   * after HALT_AFTER_IDENTICAL_FAILURES identical ones in a row.
   */
  | 'flaky'
  /** Needs the user about this campaign (unknown campaign, permission, wrong address or VDN). */
  | 'campaign'

export function failureKind(error: AppError): FailureKind {
  switch (error.code) {
    case 'cancelled':
      return 'cancelled'
    case 'auth':
    case 'tls':
    case 'cert-changed':
    case 'keychain':
      return 'blocked'
    default:
      if (isRetryable(error)) return 'unreachable'
      return answeredWrongly(error) ? 'flaky' : 'campaign'
  }
}

/**
 * How many identical failures in a row (same code, status, iSales code and cause) halt a
 * campaign's automatic refresh. One bad reply is often a proxy or server hiccup that the next
 * attempt does not see; five in a row with the back-off between them (5 s + 10 s + 20 s + 40 s at
 * least, each no shorter than the campaign's poll interval) is a pattern that will not go away by
 * itself, and polling on would only load the server. A different failure starts the count again.
 */
export const HALT_AFTER_IDENTICAL_FAILURES = 5

/** HTTP statuses that need the user: permission (403), a wrong address or path (404, 405). */
const USER_STATUSES: ReadonlySet<number> = new Set([403, 404, 405])

/** iSales codes that say the request itself is wrong (settings, parameters, unknown campaign). */
const USER_ISALES_CODES: ReadonlySet<string> = new Set([
  '0200001',
  '0200007',
  '02000001',
  '02000002',
  '02000003',
  '02000004',
  '02000005',
  '02000006',
  '02000007',
  '02000008',
  '02000009',
  '02000010',
  '02000011',
])

/** The server replied, but not with what the interface promises, and not for a reason the user must fix. */
function answeredWrongly(error: AppError): boolean {
  switch (error.code) {
    case 'protocol':
      return true
    case 'http':
      return !USER_STATUSES.has(error.detail.status ?? 0)
    case 'isales':
      return !USER_ISALES_CODES.has(error.detail.resultCode ?? '')
    default:
      return false
  }
}

/** What makes two failures "identical" for HALT_AFTER_IDENTICAL_FAILURES. */
export function failureSignature(error: AppError): string {
  const d = error.detail
  return JSON.stringify([error.code, d.status ?? null, d.resultCode ?? null, d.cause ?? null])
}

/** iSales: the outbound campaign does not exist. */
const NO_SUCH_CAMPAIGN_CODE = '0200007'

/**
 * The (profile, campaign) the window named does not exist (an unknown profile, bad input, or a
 * campaign the server does not know): nothing to keep watching, so its state is dropped.
 */
export function unknownTarget(error: AppError): boolean {
  return (
    error.code === 'validation' ||
    (error.code === 'isales' && error.detail.resultCode === NO_SUCH_CAMPAIGN_CODE)
  )
}

/** The server replied (so it is reachable), even though the reply was an error. */
export function serverAnswered(error: AppError): boolean {
  return error.code === 'isales' || error.code === 'http' || error.code === 'protocol'
}

export function toAppError(err: unknown): AppError {
  if (isAppError(err)) return err
  return new AppError('internal', msg('refreshFailed'), {}, { cause: err })
}
