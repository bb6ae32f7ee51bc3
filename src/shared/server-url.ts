import { AppError } from './errors'
import { formatRef, msg } from './messages'

/**
 * The one rule for a server address as the user types it: `https://ip:port` (or a host name),
 * nothing else. The profile form, the bridge contract, the client, the certificate probe, the
 * profile store and the CLI all ask here, so they accept the same addresses and say the same
 * thing about the others. Plain code (the WHATWG URL parser): runs in the window and in main.
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

/** The rule in words (the window's profile form has its own key, profile.urlInvalid). */
export const SERVER_URL_REF = msg('serverUrlInvalid')
/** The same in English: the CLI, and the contract schema's zod message. */
export const SERVER_URL_MESSAGE = formatRef('en', SERVER_URL_REF)

/**
 * The address's parts, or null when it is not acceptable. A trailing "/" is accepted; anything
 * else after the port (path, query, fragment), credentials, port 0 or another scheme is not.
 */
export function checkServerUrl(text: unknown): ServerUrl | null {
  if (typeof text !== 'string') return null
  const trimmed = text.trim()
  let url: URL
  try {
    url = new URL(trimmed)
  } catch {
    return null
  }
  if (
    url.protocol !== 'https:' ||
    url.hostname === '' ||
    url.username !== '' ||
    url.password !== '' ||
    url.pathname !== '/' ||
    url.search !== '' ||
    url.hash !== '' ||
    // The parser drops an empty "?" or "#": the text itself must not have one.
    /[?#]/.test(trimmed) ||
    url.port === '0'
  ) {
    return null
  }
  return {
    origin: url.origin,
    host: url.host,
    hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port === '' ? 443 : Number(url.port),
  }
}

export function isServerUrl(text: unknown): boolean {
  return checkServerUrl(text) !== null
}

/**
 * checkServerUrl for main: the parts, or AppError('validation') with the rule in words. `field`
 * names the input in the error's detail (default 'server').
 */
export function parseServerUrl(text: unknown, field = 'server'): ServerUrl {
  const url = checkServerUrl(text)
  if (!url) throw new AppError('validation', msg('serverUrlInvalid'), { field })
  return url
}
