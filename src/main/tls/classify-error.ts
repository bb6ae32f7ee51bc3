import { AppError, isAppError } from '../../shared/errors'
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
export function certChangedMessage(expected: string, presented: string): string {
  return (
    `The server's certificate has changed. Trusted: ${expected}, presented: ${presented}. ` +
    'If your administrator replaced the certificate, trust the new one; otherwise do not connect.'
  )
}

const PIN_HINT = "trust the server's certificate (pin its fingerprint)"
const UNKNOWN_CA_HINT = `Add your company's CA certificate, or ${PIN_HINT}.`

const TLS_MESSAGES: Readonly<Record<string, string>> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: `The server uses a self-signed certificate that this computer does not trust. Check it, then ${PIN_HINT} or add your company's CA certificate.`,
  SELF_SIGNED_CERT_IN_CHAIN: `The server's certificate is issued by a private CA that this computer does not trust. ${UNKNOWN_CA_HINT}`,
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: `The server's certificate is issued by a CA that this computer does not know (a private CA, or the server does not send its intermediate certificate). ${UNKNOWN_CA_HINT}`,
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: `The server's certificate is issued by a CA that this computer does not trust. ${UNKNOWN_CA_HINT}`,
  UNABLE_TO_GET_ISSUER_CERT: `The server's certificate chain is incomplete or issued by an unknown CA. ${UNKNOWN_CA_HINT}`,
  CERT_HAS_EXPIRED:
    "The server's certificate has expired. Ask the iSales administrator to renew it, and check this computer's date and time.",
  CERT_NOT_YET_VALID:
    "The server's certificate is not valid yet. Check this computer's date and time, or ask the iSales administrator to check the certificate.",
  CERT_REVOKED:
    "The server's certificate has been revoked. Do not connect; tell the iSales administrator.",
  CERT_SIGNATURE_FAILURE:
    "The server's certificate signature is invalid. Do not connect; tell the iSales administrator.",
  ERR_TLS_CERT_ALTNAME_INVALID:
    "The server's certificate is not issued for this address. Use the address named in the certificate, or ask the iSales administrator for a certificate that names this address.",
  ERR_TLS_PIN_NEEDS_HTTPS: 'A pinned certificate needs an https:// server address.',
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

const NETWORK_MESSAGES: Readonly<Record<string, string>> = {
  ECONNREFUSED:
    'The server refused the connection. Check the address and port, and that the iSales service is running.',
  ENOTFOUND: 'The server name could not be found. Check the address, and your network or VPN.',
  EAI_AGAIN:
    'The server name could not be looked up right now. Check your network or VPN and try again.',
  EHOSTUNREACH: 'The server cannot be reached. Check your network or VPN connection.',
  ENETUNREACH: 'The server cannot be reached. Check your network or VPN connection.',
  ENETDOWN: 'The network is down. Check your network or VPN connection.',
}

const DROPPED =
  'The connection to the server was dropped. Check your network or VPN connection and try again.'
const DROPPED_CODES = new Set(['ECONNRESET', 'ECONNABORTED', 'EPIPE', 'UND_ERR_SOCKET'])

const TIMEOUT_MESSAGES: Readonly<Record<string, string>> = {
  UND_ERR_CONNECT_TIMEOUT:
    'Connecting to the server timed out. Check the address and port, and your network or VPN.',
  ETIMEDOUT:
    'Connecting to the server timed out. Check the address and port, and your network or VPN.',
  ERR_SOCKET_CONNECTION_TIMEOUT:
    'Connecting to the server timed out. Check the address and port, and your network or VPN.',
  UND_ERR_HEADERS_TIMEOUT:
    'The server accepted the request but did not answer in time. Try again later; if it keeps happening, tell the iSales administrator.',
  UND_ERR_BODY_TIMEOUT:
    'The server stopped sending its reply. Try again; if it keeps happening, check your network or VPN.',
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
      certChangedMessage(expected, presented),
      { presentedFingerprint: presented, expectedFingerprint: expected },
      options,
    )
  }
  const tlsMessage = TLS_MESSAGES[code]
  if (tlsMessage !== undefined) {
    return new AppError(
      code === PIN_NEEDS_TLS ? 'validation' : 'tls',
      tlsMessage,
      { cause: code },
      options,
    )
  }
  if (NOT_TLS.has(code)) {
    return new AppError(
      'tls',
      'The server did not answer with TLS. Check the port, and that the address is the HTTPS port of the iSales server.',
      { cause: code },
      options,
    )
  }
  if (OTHER_CERT_CODES.has(code) || code.startsWith('ERR_SSL_') || code === 'EPROTO') {
    return new AppError(
      'tls',
      'The secure connection to the server failed. Check the address and port; if it keeps happening, tell the iSales administrator.',
      { cause: code },
      options,
    )
  }
  const networkMessage = NETWORK_MESSAGES[code] ?? (DROPPED_CODES.has(code) ? DROPPED : undefined)
  if (networkMessage !== undefined) {
    return new AppError('network', networkMessage, { cause: code }, options)
  }
  const timeoutMessage = TIMEOUT_MESSAGES[code]
  if (timeoutMessage !== undefined) {
    return new AppError('timeout', timeoutMessage, { cause: code }, options)
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
