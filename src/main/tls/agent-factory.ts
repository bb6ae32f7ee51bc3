import { rootCertificates, type ConnectionOptions } from 'node:tls'
import { Agent, type Dispatcher } from 'undici'
import { MAX_IN_FLIGHT_PER_SERVER } from '../../shared/limits'
import { pinnedConnector } from './pin-connector'
import { parsePemCertificates, validateTrust, type TlsTrust } from './trust'

export interface AgentOptions {
  /** TCP + TLS handshake budget. Default 10 s. */
  connectTimeoutMs?: number
  /** Sockets per origin, clamped to 1–MAX_IN_FLIGHT_PER_SERVER (iSales allows 10 at once). */
  connections?: number
  /** How long an idle keep-alive socket is kept. Default: undici's (4 s). */
  keepAliveTimeoutMs?: number
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000

/**
 * TLS options for the system and ca modes. `ca` replaces Node's bundled roots, so a private CA
 * is added to them: a profile with a CA file can still reach publicly trusted servers.
 * rejectUnauthorized is explicit: Node's default comes from NODE_TLS_REJECT_UNAUTHORIZED, and the
 * environment must not turn the checks off (env-override.ts).
 */
export function tlsOptionsFor(trust: Exclude<TlsTrust, { mode: 'pin' }>): ConnectionOptions {
  if (trust.mode === 'system') return { rejectUnauthorized: true }
  return {
    rejectUnauthorized: true,
    ca: [...rootCertificates, ...parsePemCertificates(trust.caPem)],
  }
}

function connectionsOption(n: number | undefined): number {
  if (n === undefined || !Number.isFinite(n)) return MAX_IN_FLIGHT_PER_SERVER
  return Math.min(MAX_IN_FLIGHT_PER_SERVER, Math.max(1, Math.floor(n)))
}

/**
 * The one undici dispatcher factory for every request path (client, CLI, probe, desktop app).
 * Use it with undici's own `request`/`fetch`: Node's global fetch bundles another undici
 * version. Failures are mapped to AppError by classifyTransportError.
 */
export function createAgent(trust: TlsTrust, opts: AgentOptions = {}): Dispatcher {
  const checked = validateTrust(trust)
  const timeout = opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS
  const connect =
    checked.mode === 'pin'
      ? pinnedConnector(checked.fingerprint256, timeout)
      : { ...tlsOptionsFor(checked), timeout }
  return new Agent({
    connect,
    connections: connectionsOption(opts.connections),
    ...(opts.keepAliveTimeoutMs !== undefined ? { keepAliveTimeout: opts.keepAliveTimeoutMs } : {}),
  })
}
