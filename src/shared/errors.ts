/**
 * The one error catalogue: every failure the product can meet, as a typed code with a message that
 * says what happened and what to do. Plain data so it crosses the preload bridge and the CLI alike.
 */
import { MAX_PAGE_SIZE, MAX_VDN_ID, MIN_PAGE_SIZE, MIN_VDN_ID } from './limits'

export type ErrorCode =
  | 'auth' // HTTP 401: the server rejected the AK/SK signature
  | 'tls' // the TLS handshake or chain verification failed
  | 'cert-changed' // a pinned server presented another certificate
  | 'isales' // HTTP 200 with a non-success resultCode
  | 'rate-limited' // HTTP 429 or 0200022, after retries ran out
  | 'http' // any other non-2xx HTTP status
  | 'protocol' // the reply is not what the interface documents (bad JSON, wrong shape, too large)
  | 'network' // could not connect, connection dropped, DNS
  | 'timeout' // connect, headers or body took too long
  | 'cancelled' // the user or the app aborted the request
  | 'validation' // bad input from the user (URL, VDN id, campaign id, options)
  | 'keychain' // the OS keychain cannot be used
  | 'internal'

export interface ErrorDetail {
  /** iSales resultCode / returnCode and the server's own description. */
  resultCode?: string
  resultDesc?: string
  /** HTTP status, when there was one. */
  status?: number
  /** SHA-256 fingerprints (colon-separated upper-case hex) for TLS errors. */
  presentedFingerprint?: string
  expectedFingerprint?: string
  /** Low-level code from Node / undici (ECONNREFUSED, DEPTH_ZERO_SELF_SIGNED_CERT, ...). */
  cause?: string
  /** Path of the offending field for protocol / validation errors. */
  field?: string
  /** Seconds the server asked us to wait. */
  retryAfter?: number
}

export interface ErrorPayload {
  code: ErrorCode
  message: string
  detail?: ErrorDetail
}

export class AppError extends Error {
  override readonly name = 'AppError'
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly detail: ErrorDetail = {},
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }

  toPayload(): ErrorPayload {
    return Object.keys(this.detail).length > 0
      ? { code: this.code, message: this.message, detail: { ...this.detail } }
      : { code: this.code, message: this.message }
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError
}

/** The one error for a request or check that the user or the app aborted. */
export function cancelledError(message = 'The request was cancelled.'): AppError {
  return new AppError('cancelled', message)
}

export const SUCCESS_CODE = '0200000'
export const TOO_FREQUENT_CODE = '0200022'

/** iSales result codes: seed Table 6 plus the codes seen on sibling iSales pages. */
export const ISALES_CODES: Readonly<Record<string, { meaning: string; action: string }>> = {
  '0200001': {
    meaning: 'Parameter error',
    action: 'Check the VDN id and campaign id.',
  },
  '0200006': {
    meaning: 'The parameter contains invalid characters, or the server hit a database error',
    action:
      'Check the campaign id; if it is correct, ask the iSales administrator to check the server.',
  },
  '0200007': {
    meaning: 'The outbound campaign does not exist',
    action: 'Check the campaign id, or pick the campaign from the server’s list.',
  },
  '0200022': {
    meaning: 'The interface is called too frequently',
    action: 'Wait a minute and try again; if it keeps happening, query less often.',
  },
  '02000001': { meaning: 'Empty parameter', action: 'Fill in the VDN id and campaign id.' },
  '02000002': {
    meaning: 'The parameter contains invalid characters',
    action: 'Check the campaign id for stray characters.',
  },
  '02000003': {
    meaning: 'A parameter is longer than the maximum',
    action: 'Check the campaign id and task ids.',
  },
  '02000004': {
    meaning: 'A parameter is shorter than the minimum',
    action: 'Check the campaign id and task ids.',
  },
  '02000005': {
    meaning: 'A parameter length or value is outside the allowed range',
    action: `Check the VDN id (${MIN_VDN_ID}–${MAX_VDN_ID}) and the page size (${MIN_PAGE_SIZE}–${MAX_PAGE_SIZE}).`,
  },
  '02000006': { meaning: 'Incorrect parameter type', action: 'Check the VDN id and campaign id.' },
  '02000007': { meaning: 'Incorrect parameter value', action: 'Check the VDN id and campaign id.' },
  '02000008': {
    meaning: 'Parameter conversion error',
    action: 'Check the request parameters (VDN id, campaign id).',
  },
  '02000009': {
    meaning: 'Incorrect parameter combination',
    action: 'Check the request parameters.',
  },
  '02000010': {
    meaning: 'The hour and minute parameters must be set together',
    action: 'Check the request parameters.',
  },
  '02000011': {
    meaning: 'Too many parameters',
    action: 'Ask for fewer task ids at a time.',
  },
}

export function describeIsalesCode(code: string): { meaning: string; action: string } {
  return (
    ISALES_CODES[code] ?? {
      meaning: `Unknown iSales error code ${code}`,
      action: 'Tell the iSales administrator the code and the server description.',
    }
  )
}

/** The error for a reply with a non-success resultCode. */
export function isalesError(resultCode: string, resultDesc: string | undefined): AppError {
  const { meaning, action } = describeIsalesCode(resultCode)
  const desc = resultDesc ? ` (server says: ${resultDesc})` : ''
  return new AppError('isales', `iSales error ${resultCode}: ${meaning}${desc}. ${action}`, {
    resultCode,
    ...(resultDesc ? { resultDesc } : {}),
  })
}
