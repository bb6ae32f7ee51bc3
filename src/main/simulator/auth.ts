import { timingSafeEqual } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import { parseAuthorization, signRequest, type TimestampFormat } from '../isales/c2-signer'

/**
 * Server-side C2 verification with the client's own signer (c2-signer.ts), so the two can only
 * disagree about inputs, never about the algorithm.
 */

export interface SigningPolicy {
  /** Header names that must be among the signed ones (default ['host']). Any superset is fine. */
  requiredSignedHeaders?: string[]
  /** Accepted timestamp formats (default both). */
  timestampFormats?: TimestampFormat[]
}

export interface AuthContext {
  ak: string
  sk: string
  skewWindowSeconds: number
  nowMs: number
  policy: SigningPolicy
}

export interface AuthInput {
  method: string
  /** Path exactly as on the request line, still percent-encoded, without the query. */
  rawPath: string
  query: Record<string, string>
  headers: IncomingHttpHeaders
  body: string
}

export type AuthFailure =
  | 'missing-authorization'
  | 'malformed-authorization'
  | 'unknown-ak'
  | 'timestamp-format'
  | 'clock-skew'
  | 'required-header-unsigned'
  | 'signed-header-missing'
  | 'signature-mismatch'

export type AuthResult = { ok: true } | { ok: false; reason: AuthFailure }

function flatten(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value
  }
  return out
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

export function verifyC2(input: AuthInput, ctx: AuthContext): AuthResult {
  const header = input.headers.authorization
  if (!header) return { ok: false, reason: 'missing-authorization' }
  const parsed = parseAuthorization(header)
  if (!parsed) return { ok: false, reason: 'malformed-authorization' }
  if (!sameText(parsed.ak, ctx.ak)) return { ok: false, reason: 'unknown-ak' }
  const formats = ctx.policy.timestampFormats ?? ['seconds', 'milliseconds']
  if (!formats.includes(parsed.timestampFormat)) return { ok: false, reason: 'timestamp-format' }
  if (Math.abs(ctx.nowMs - parsed.date.getTime()) > ctx.skewWindowSeconds * 1000) {
    return { ok: false, reason: 'clock-skew' }
  }
  const required = ctx.policy.requiredSignedHeaders ?? ['host']
  if (!required.every((h) => parsed.signedHeaders.includes(h.toLowerCase()))) {
    return { ok: false, reason: 'required-header-unsigned' }
  }
  let expected: string
  try {
    expected = signRequest({
      ak: ctx.ak,
      sk: ctx.sk,
      method: input.method,
      path: input.rawPath,
      query: input.query,
      headers: flatten(input.headers),
      body: input.body,
      date: parsed.date,
      options: { timestampFormat: parsed.timestampFormat, signedHeaders: parsed.signedHeaders },
    }).signature
  } catch {
    return { ok: false, reason: 'signed-header-missing' }
  }
  return sameText(expected, parsed.signature)
    ? { ok: true }
    : { ok: false, reason: 'signature-mismatch' }
}
