import type { ErrorCode, ErrorDetail } from '../../shared/errors'

/** The CLI's exit codes: a stable contract for scripts (documented in --help). */
export const EXIT = {
  ok: 0,
  /** Unexpected failure, including writing the --out file (disk full, permission). */
  internal: 1,
  /** Bad or missing flags, bad URL, VDN out of range, bad fingerprint, unreadable CA, no AK/SK. */
  usage: 2,
  /** HTTP 401: the server rejected the AK/SK signature. */
  auth: 3,
  /** TLS or certificate problem, including a --pin mismatch. */
  tls: 4,
  /** The server answered with an iSales error code (0200022 included, after the retries). */
  isales: 5,
  /** Network failure or timeout; also HTTP 429 / 5xx after retries and malformed replies. */
  network: 6,
  /** Interrupted (Ctrl-C), the shell convention 128 + SIGINT. */
  interrupted: 130,
} as const

export type ExitCode = (typeof EXIT)[keyof typeof EXIT]

/** The exit code for an AppError: its code, and for rate limiting whether iSales sent a code. */
export function exitCodeFor(error: { code: ErrorCode; detail?: ErrorDetail }): ExitCode {
  switch (error.code) {
    case 'validation':
      return EXIT.usage
    case 'auth':
      return EXIT.auth
    case 'tls':
    case 'cert-changed':
      return EXIT.tls
    case 'isales':
      return EXIT.isales
    case 'rate-limited':
      // 0200022 ("called too frequently") is an iSales resultCode: 5, like every other code.
      // HTTP 429 carries no resultCode: an HTTP-level failure, 6.
      return error.detail?.resultCode !== undefined ? EXIT.isales : EXIT.network
    // The issue fixes codes 0 and 2–6: every other server/transport failure goes under 6.
    case 'http':
    case 'protocol':
    case 'network':
    case 'timeout':
      return EXIT.network
    case 'cancelled':
      return EXIT.interrupted
    case 'keychain':
    case 'internal':
      return EXIT.internal
  }
}
