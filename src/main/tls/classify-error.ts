import { AppError, isAppError } from '../../shared/errors'
import { formatRef, msg, type MessageRef, type PlainMessageId } from '../../shared/messages'
import { PIN_MISMATCH, PIN_NEEDS_TLS } from './pin-connector'

/**
 * Maps a transport failure from undici or Node (TLS, connect, DNS, socket, timeouts) to an
 * AppError that says what happened and what to do. Returns null when the error is not a transport
 * failure (HTTP status, protocol, cancellation are for the caller to classify).
 *
 * Messages must serve the desktop app and the CLI alike, and never include secrets.
 */

/**
 * The one message for a pinned server presenting another certificate (SHA-256 fingerprints, as
 * shown elsewhere): shown by the desktop app and the CLI alike.
 */
export function certChangedRef(expected: string, presented: string): MessageRef {
  return msg('certChanged', { expected, presented })
}

/** certChangedRef's English text. */
export function certChangedMessage(expected: string, presented: string): string {
  return formatRef('en', certChangedRef(expected, presented))
}

const TLS_MESSAGES: Readonly<Record<string, PlainMessageId>> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'tlsSelfSigned',
  SELF_SIGNED_CERT_IN_CHAIN: 'tlsPrivateCa',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'tlsUnknownCa',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'tlsUntrustedCa',
  UNABLE_TO_GET_ISSUER_CERT: 'tlsIncompleteChain',
  CERT_HAS_EXPIRED: 'tlsExpired',
  CERT_NOT_YET_VALID: 'tlsNotYetValid',
  CERT_REVOKED: 'tlsRevoked',
  CERT_SIGNATURE_FAILURE: 'tlsBadSignature',
  ERR_TLS_CERT_ALTNAME_INVALID: 'tlsWrongName',
  ERR_TLS_PIN_NEEDS_HTTPS: 'tlsPinNeedsHttps',
}

/** OpenSSL answers when the other side does not speak TLS (plain HTTP, wrong port). */
const NOT_TLS = new Set([
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_PACKET_LENGTH_TOO_LONG',
  'ERR_SSL_HTTP_REQUEST',
  'ERR_SSL_RECORD_LAYER_FAILURE',
])

const OTHER_CERT_CODES = new Set([
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_CHAIN_TOO_LONG',
  'INVALID_CA',
  'INVALID_PURPOSE',
  'PATH_LENGTH_EXCEEDED',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
  'HOSTNAME_MISMATCH',
  'ERR_TLS_HANDSHAKE_TIMEOUT',
])

const NETWORK_MESSAGES: Readonly<Record<string, PlainMessageId>> = {
  ECONNREFUSED: 'netRefused',
  ENOTFOUND: 'netNameNotFound',
  EAI_AGAIN: 'netLookupFailed',
  EHOSTUNREACH: 'netUnreachable',
  ENETUNREACH: 'netUnreachable',
  ENETDOWN: 'netDown',
}

const DROPPED_CODES = new Set(['ECONNRESET', 'ECONNABORTED', 'EPIPE', 'UND_ERR_SOCKET'])

const TIMEOUT_MESSAGES: Readonly<Record<string, PlainMessageId>> = {
  UND_ERR_CONNECT_TIMEOUT: 'connectTimeout',
  ETIMEDOUT: 'connectTimeout',
  ERR_SOCKET_CONNECTION_TIMEOUT: 'connectTimeout',
  UND_ERR_HEADERS_TIMEOUT: 'headersTimeout',
  UND_ERR_BODY_TIMEOUT: 'bodyTimeout',
}

interface ErrLike {
  code?: unknown
  cause?: unknown
  errors?: unknown
  expectedFingerprint?: unknown
  presentedFingerprint?: unknown
}

/** The error, its causes and AggregateError members, depth first, cycles and depth bounded. */
function* chain(err: unknown, seen = new Set<unknown>(), depth = 0): Generator<ErrLike> {
  if (err === null || typeof err !== 'object' || seen.has(err) || depth > 8) return
  seen.add(err)
  const e = err as ErrLike
  yield e
  if (Array.isArray(e.errors)) for (const inner of e.errors) yield* chain(inner, seen, depth + 1)
  yield* chain(e.cause, seen, depth + 1)
}

function classifyOne(e: ErrLike, original: unknown): AppError | null {
  if (isAppError(e)) return e
  const code = typeof e.code === 'string' ? e.code : undefined
  if (code === undefined) return null
  const options = { cause: original }

  if (code === PIN_MISMATCH) {
    const expected = String(e.expectedFingerprint ?? '')
    const presented = String(e.presentedFingerprint ?? '')
    return new AppError(
      'cert-changed',
      certChangedRef(expected, presented),
      { presentedFingerprint: presented, expectedFingerprint: expected },
      options,
    )
  }
  const tlsMessage = TLS_MESSAGES[code]
  if (tlsMessage !== undefined) {
    return new AppError(
      code === PIN_NEEDS_TLS ? 'validation' : 'tls',
      msg(tlsMessage),
      { cause: code },
      options,
    )
  }
  if (NOT_TLS.has(code)) {
    return new AppError('tls', msg('tlsNotTls'), { cause: code }, options)
  }
  if (OTHER_CERT_CODES.has(code) || code.startsWith('ERR_SSL_') || code === 'EPROTO') {
    return new AppError('tls', msg('tlsFailed'), { cause: code }, options)
  }
  const networkMessage =
    NETWORK_MESSAGES[code] ?? (DROPPED_CODES.has(code) ? 'netDropped' : undefined)
  if (networkMessage !== undefined) {
    return new AppError('network', msg(networkMessage), { cause: code }, options)
  }
  const timeoutMessage = TIMEOUT_MESSAGES[code]
  if (timeoutMessage !== undefined) {
    return new AppError('timeout', msg(timeoutMessage), { cause: code }, options)
  }
  return null
}

export function classifyTransportError(err: unknown): AppError | null {
  for (const e of chain(err)) {
    const classified = classifyOne(e, err)
    if (classified) return classified
  }
  return null
}
