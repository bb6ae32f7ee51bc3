import { TLSSocket } from 'node:tls'
import { buildConnector } from 'undici'

export const PIN_MISMATCH = 'ERR_TLS_CERT_PIN_MISMATCH'
export const PIN_NEEDS_TLS = 'ERR_TLS_PIN_NEEDS_HTTPS'

/** A pinned server presented another certificate; carries both fingerprints for the UI. */
export class PinMismatchError extends Error {
  override readonly name = 'PinMismatchError'
  readonly code = PIN_MISMATCH
  constructor(
    readonly expectedFingerprint: string,
    readonly presentedFingerprint: string,
  ) {
    super(`certificate fingerprint ${presentedFingerprint} does not match the pinned one`)
  }
}

/**
 * A connector that trusts exactly the certificate with the given fingerprint (normalized form).
 *
 * The chain, hostname and validity dates are deliberately not checked: the user approved this
 * very certificate (typically self-signed, for an IP address), so a match is all the proof there
 * is. Expiry is visible through probeCertificate for the UI to warn about.
 *
 * Two traps: `rejectUnauthorized: false` + `checkServerIdentity` is not pinning (Node skips the
 * check when the chain fails), so the check runs here after the handshake; and a resumed TLS
 * session presents no certificate, so the session cache is off (`maxCachedSessions: 0`) and
 * every connection does a full handshake that is checked.
 *
 * A kept-alive connection is checked only when it opened, so once any new connection presents
 * another certificate, every connection this connector opened before is destroyed at once: none
 * of them may keep serving requests after the server's certificate is known to have changed
 * (their requests fail as dropped connections; the next ones connect afresh and are refused).
 */
export function pinnedConnector(expected: string, timeoutMs: number): buildConnector.connector {
  const connect = buildConnector({
    rejectUnauthorized: false,
    maxCachedSessions: 0,
    timeout: timeoutMs,
  })
  const open = new Set<TLSSocket>()
  return (options, callback) => {
    connect(options, (err, socket) => {
      if (err || !socket) {
        callback(err ?? new Error('connect failed'), null)
        return
      }
      if (!(socket instanceof TLSSocket)) {
        socket.destroy()
        const e = Object.assign(new Error('a pinned certificate needs https'), {
          code: PIN_NEEDS_TLS,
        })
        callback(e, null)
        return
      }
      // A resumed session would yield {} here: fail closed rather than trust it.
      const presented = socket.getPeerCertificate().fingerprint256 ?? ''
      if (presented !== expected) {
        socket.destroy()
        for (const earlier of open) earlier.destroy()
        open.clear()
        callback(new PinMismatchError(expected, presented || 'none'), null)
        return
      }
      open.add(socket)
      socket.once('close', () => open.delete(socket))
      callback(null, socket)
    })
  }
}
