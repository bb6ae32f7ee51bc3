import { createHmac } from 'node:crypto'

/**
 * Huawei C2 (AK/SK) request signature, as used by CC-iSales, CC-CMS and CC-FS.
 * The algorithm is the one in docs/isales-interface.md#signing; it is pure so that
 * the client and the simulator verify against the same code.
 */

export type TimestampFormat = 'seconds' | 'milliseconds'

export interface SigningOptions {
  /** `seconds` → 2024-01-01T00:00:00Z (Huawei's demo); `milliseconds` → 2024-01-01T00:00:00.000Z. */
  timestampFormat: TimestampFormat
  /** Lower-case header names to sign. Huawei's demo signs only `host`. */
  signedHeaders: readonly string[]
}

export const DEFAULT_SIGNING: SigningOptions = {
  timestampFormat: 'seconds',
  signedHeaders: ['host'],
}

export interface SignInput {
  ak: string
  sk: string
  method: string
  /** Raw path without host or query, e.g. /rest/isales/v1/openapi/... */
  path: string
  /** Query parameters, unencoded. */
  query?: Readonly<Record<string, string>>
  /** Every header that may be signed (name case is ignored). */
  headers: Readonly<Record<string, string>>
  /** The exact body bytes that will be sent, as text. Empty or undefined: nothing signed. */
  body?: string
  date: Date
  options?: SigningOptions
}

const UNRESERVED = /[A-Za-z0-9\-._~]/

/** Percent-encodes every UTF-8 byte except A–Z a–z 0–9 - . _ ~, with upper-case hex. */
export function normalize(text: string): string {
  let out = ''
  for (const byte of Buffer.from(text, 'utf8')) {
    const ch = String.fromCharCode(byte)
    out +=
      byte < 0x80 && UNRESERVED.test(ch)
        ? ch
        : '%' + byte.toString(16).toUpperCase().padStart(2, '0')
  }
  return out
}

export function formatTimestamp(date: Date, format: TimestampFormat): string {
  const iso = date.toISOString() // always yyyy-MM-ddTHH:mm:ss.SSSZ in UTC
  return format === 'milliseconds' ? iso : iso.slice(0, 19) + 'Z'
}

function hmacHex(key: string, message: string): string {
  return createHmac('sha256', Buffer.from(key, 'utf8')).update(message, 'utf8').digest('hex')
}

function lowerCaseHeaders(headers: Readonly<Record<string, string>>): Map<string, string> {
  const map = new Map<string, string>()
  for (const [name, value] of Object.entries(headers)) map.set(name.toLowerCase(), value)
  return map
}

export function canonicalQuery(query: Readonly<Record<string, string>>): string {
  return Object.entries(query)
    .map(([k, v]) => `${normalize(k)}=${normalize(v)}`)
    .sort()
    .join('&')
}

export interface SignatureParts {
  authStringPrefix: string
  signingKey: string
  canonicalRequest: string
  signature: string
  authorization: string
}

/** Computes every intermediate value; `authorization` is the header to send. */
export function signRequest(input: SignInput): SignatureParts {
  const options = input.options ?? DEFAULT_SIGNING
  const headers = lowerCaseHeaders(input.headers)
  const names = [...new Set(options.signedHeaders.map((h) => h.toLowerCase()))].sort()
  if (names.length === 0) throw new Error('At least one header must be signed')
  const canonicalHeaders = names
    .map((name) => {
      const value = headers.get(name)
      if (value === undefined)
        throw new Error(`Signed header "${name}" is missing from the request`)
      return `${normalize(name)}:${normalize(value)}`
    })
    .sort()
    .join('\n')
  const signedHeaders = names.join(';')
  const timestamp = formatTimestamp(input.date, options.timestampFormat)
  const authStringPrefix = `auth-v2/${input.ak}/${timestamp}/${signedHeaders}`
  const signingKey = hmacHex(input.sk, authStringPrefix)

  let canonicalRequest = `${input.method.toUpperCase()}\n${input.path}\n`
  if (input.query && Object.keys(input.query).length > 0) {
    canonicalRequest += canonicalQuery(input.query) + '\n'
  }
  canonicalRequest += `${signedHeaders}\n${canonicalHeaders}\n`
  if (input.body) canonicalRequest += normalize(input.body)

  const signature = hmacHex(signingKey, canonicalRequest)
  return {
    authStringPrefix,
    signingKey,
    canonicalRequest,
    signature,
    authorization: `${authStringPrefix}/${signature}`,
  }
}

export interface ParsedAuthorization {
  ak: string
  timestamp: string
  date: Date
  timestampFormat: TimestampFormat
  signedHeaders: string[]
  signature: string
}

const AUTH_RE =
  /^auth-v2\/([^/]+)\/(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z)\/([a-z0-9\-;]+)\/([0-9a-f]{64})$/

/** Parses an Authorization header; null when it is not a well-formed C2 signature. */
export function parseAuthorization(header: string): ParsedAuthorization | null {
  const m = AUTH_RE.exec(header)
  if (!m) return null
  const [, ak, timestamp, ms, signed, signature] = m as unknown as [
    string,
    string,
    string,
    string | undefined,
    string,
    string,
  ]
  const date = new Date(timestamp)
  if (Number.isNaN(date.getTime())) return null
  return {
    ak,
    timestamp,
    date,
    timestampFormat: ms ? 'milliseconds' : 'seconds',
    signedHeaders: signed.split(';'),
    signature,
  }
}
