import { AppError } from '../../shared/errors'

/**
 * The one check of a server address as the user types it: `https://ip:port` (or a host name),
 * nothing else. Used by the client, the certificate probe and the CLI so they accept the same
 * addresses and say the same thing about the others.
 */

export interface ServerUrl {
  /** `https://host[:port]`, no trailing slash. */
  origin: string
  /** The Host header value: port included unless it is 443, IPv6 in brackets. */
  host: string
  /** Host name or IP for connecting and SNI, IPv6 without brackets. */
  hostname: string
  /** 443 when the address gives none. */
  port: number
}

export const SERVER_URL_MESSAGE =
  'The server address must be https://ip:port (for example https://10.0.0.1:28443), without a path, query or user name.'

/**
 * Parses and checks a server address. A trailing "/" is accepted; anything else after the port
 * (path, query, fragment), credentials, or another scheme is refused with AppError('validation').
 * `field` names the input in the error's detail (default 'server').
 */
export function parseServerUrl(text: string, field = 'server'): ServerUrl {
  const fail = (): AppError => new AppError('validation', SERVER_URL_MESSAGE, { field })
  if (typeof text !== 'string') throw fail()
  const trimmed = text.trim()
  let url: URL
  try {
    url = new URL(trimmed)
  } catch {
    throw fail()
  }
  if (
    url.protocol !== 'https:' ||
    url.hostname === '' ||
    url.username !== '' ||
    url.password !== '' ||
    url.pathname !== '/' ||
    url.search !== '' ||
    url.hash !== '' ||
    /[?#]/.test(trimmed) ||
    url.port === '0'
  ) {
    throw fail()
  }
  return {
    origin: url.origin,
    host: url.host,
    hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port === '' ? 443 : Number(url.port),
  }
}
