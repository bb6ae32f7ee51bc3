import { X509Certificate } from 'node:crypto'
import { isIP } from 'node:net'
import { checkServerIdentity, connect, rootCertificates, type TLSSocket } from 'node:tls'
import { AppError, cancelledError } from '../../shared/errors'
import { msg } from '../../shared/messages'
import type { CertificateInfo } from '../../shared/import-task'
import { parseServerUrl } from '../../shared/server-url'
import type { ServerGate } from '../isales/server-slots'
import { timerDelay } from '../timer-delay'
import { classifyTransportError } from './classify-error'
import { DEFAULT_CONNECT_TIMEOUT_MS } from './agent-factory'
import { serverText } from '../isales/server-text'
import { parsePemCertificates } from './trust'

export interface ProbeOptions {
  /** Budget for TCP connect + TLS handshake. Default 10 s. */
  timeoutMs?: number
  /** A private CA to add to the system roots when judging chainVerified. */
  caPem?: string
  signal?: AbortSignal
  /** The server's gate: a probe holds one of its slots from connecting until its socket closed. */
  gate: ServerGate
}

/**
 * Node prints certificate names one attribute per line; show them as "CN=…, O=…" (the probe and
 * the demo's pinned profile).
 */
export function readableName(name: string): string {
  return name
    .split('\n')
    .filter((part) => part.length > 0)
    .join(', ')
}

/** Splits Node's "DNS:a, IP Address:1.2.3.4" list; values with commas come JSON-quoted. */
export function splitAltNames(list: string | undefined): string[] {
  if (!list) return []
  const out: string[] = []
  const re = /\s*([^:,]+):("(?:[^"\\]|\\.)*"|[^,]*)\s*(?:,|$)/g
  for (const m of list.matchAll(re)) {
    const [, kind = '', raw = ''] = m
    const value = raw.startsWith('"') ? (JSON.parse(raw) as string) : raw
    out.push(`${kind.trim()}:${value.trim()}`)
  }
  return out
}

function describe(socket: TLSSocket, host: string): CertificateInfo {
  // Only getPeerCertificate(): on Node 20, calling getPeerX509Certificate() first makes
  // getPeerCertificate() return {} (which the identity check below needs).
  const peer = socket.getPeerCertificate()
  if (!peer.raw) {
    throw new AppError('tls', msg('tlsNoCertificate'), { cause: 'NO_PEER_CERT' })
  }
  let chainVerified = socket.authorized
  // authorizationError is the OpenSSL code as a string at runtime, despite its Error typing.
  const authError = socket.authorizationError as unknown
  let verifyError =
    typeof authError === 'string'
      ? authError
      : authError instanceof Error
        ? ((authError as { code?: string }).code ?? authError.message)
        : undefined
  // The ca/system agents also check the host name: report what they would decide.
  if (chainVerified) {
    const identityError = checkServerIdentity(host, peer)
    if (identityError) {
      chainVerified = false
      verifyError = 'ERR_TLS_CERT_ALTNAME_INVALID'
    }
  }
  const cert = new X509Certificate(peer.raw)
  return {
    // Names the server's certificate chose: stripped and cut like any server text.
    subject: serverText(readableName(cert.subject)),
    issuer: serverText(readableName(cert.issuer)),
    validFrom: new Date(cert.validFrom).toISOString(),
    validTo: new Date(cert.validTo).toISOString(),
    subjectAltNames: splitAltNames(cert.subjectAltName).map((name) => serverText(name)),
    fingerprint256: cert.fingerprint256,
    chainVerified,
    ...(verifyError ? { verifyError } : {}),
    pem: cert.toString(),
  }
}

/**
 * Connects once, without trusting anything, and reports the certificate the server presents so
 * the user can decide to trust it (pin) before any request is signed and sent. The connection
 * counts against the server's limit like a request (it is one of the server's connections).
 */
export function probeCertificate(url: string, opts: ProbeOptions): Promise<CertificateInfo> {
  parseServerUrl(url) // a wrong address throws at once, before waiting for a slot
  return opts.gate.run(url, opts.signal, () => probeOnce(url, opts))
}

/** How long a probe waits for the server to answer its close before dropping the socket. */
const CLOSE_WAIT_MS = 2_000

function probeOnce(url: string, opts: ProbeOptions): Promise<CertificateInfo> {
  const { hostname: host, port } = parseServerUrl(url)
  const ca = opts.caPem ? [...rootCertificates, ...parsePemCertificates(opts.caPem)] : undefined
  const timeoutMs = opts.timeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS
  const { signal } = opts

  return new Promise<CertificateInfo>((resolve, reject) => {
    if (signal?.aborted) {
      reject(cancelledError())
      return
    }
    const socket = connect({
      host,
      port,
      // SNI must not carry an IP address.
      ...(isIP(host) ? {} : { servername: host }),
      rejectUnauthorized: false,
      ...(ca ? { ca } : {}),
      ALPNProtocols: ['http/1.1'],
    })
    let done = false
    const finish = (fn: () => void): void => {
      if (done) return
      done = true
      clearTimeout(timer)
      clearTimeout(closing)
      signal?.removeEventListener('abort', onAbort)
      socket.removeAllListeners('secureConnect')
      socket.on('error', () => {}) // late errors after destroy are irrelevant
      socket.destroy()
      fn()
    }
    const onAbort = (): void => finish(() => reject(cancelledError()))
    let closing: NodeJS.Timeout | undefined
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(
            new AppError(
              'timeout',
              msg('tlsHandshakeTimeout', { seconds: Math.round(timeoutMs / 1000) }),
              { cause: 'ETIMEDOUT' },
            ),
          ),
        ),
      timerDelay(timeoutMs),
    )
    signal?.addEventListener('abort', onAbort, { once: true })
    socket.once('secureConnect', () => {
      let info: CertificateInfo
      try {
        info = describe(socket, host)
      } catch (e) {
        finish(() => reject(e))
        return
      }
      // Closed politely, and reported once the server has answered the close (or after a short
      // wait): the gate's slot is not freed while the server still counts this connection.
      const report = (): void => finish(() => resolve(info))
      clearTimeout(timer)
      closing = setTimeout(report, timerDelay(Math.min(timeoutMs, CLOSE_WAIT_MS)))
      socket.removeAllListeners('error')
      socket.on('error', report)
      socket.once('close', report)
      socket.end()
    })
    socket.once('error', (err) => finish(() => reject(probeError(err))))
  })
}

function probeError(err: Error): AppError {
  const { code } = err as { code?: unknown }
  const classified = classifyTransportError(err)
  if (classified) return classified
  return new AppError(
    'tls',
    msg('tlsProbeFailed'),
    typeof code === 'string' ? { cause: code } : {},
    { cause: err },
  )
}
