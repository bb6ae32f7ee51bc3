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
  /** About this campaign or this request (iSales code, bad reply, bad settings). */
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
      return isRetryable(error) ? 'unreachable' : 'campaign'
  }
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
