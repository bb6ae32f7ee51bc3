/**
 * Removes secrets from anything about to be logged, shown or written: values under secret-looking
 * keys (any depth, any case), every form of a known secret string (an SK loaded at runtime) in any
 * text, and every C2 signature or Authorization header value, error messages and stacks included.
 * Errors become plain objects so their message and stack survive JSON. The one redaction of the
 * main process (the logger, the IPC dispatcher, the keychain's error texts, the client's errors,
 * the CLI's stderr). Plain Node, no side effects.
 */

import { AppError, type ErrorDetail } from '../../shared/errors'
import type { MessageParams } from '../../shared/messages'

export const REDACTED = '***'

/** Keys whose values are never logged, compared case-insensitively. */
export const SECRET_KEYS: ReadonlySet<string> = new Set([
  'sk',
  'secret',
  'password',
  'authorization',
])

const MAX_DEPTH = 8

export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(key.toLowerCase())
}

/**
 * A trimmed secret shorter than this is not searched for on its own, and a secret shorter than
 * this only as it is (in any case): its encodings would blank common text.
 */
const MIN_TRIMMED_LENGTH = 4
/**
 * The part of a secret's base64 that shows whatever bytes precede it in a longer encoded blob is
 * searched for only from this length: shorter runs would blank ordinary words.
 */
const MIN_BASE64_CORE = 8

/**
 * A C2 signature (`auth-v2/AK/time/headers/signature`) as a server may echo it: plain, with JSON's
 * escaped slash or percent-encoded. The whole value goes: the AK and time are no secret, but the
 * signature is replayable within the server's window.
 */
const SIGNATURE = /auth-v2(?:\\?\/|%2F)[^\s"'<>,]*/gi
/** An Authorization header or field in text (`Authorization: …`, `"authorization":"…"`). */
const AUTHORIZATION = /(\bauthorization["']?\s*[:=]\s*["']?)[^\r\n"']+/gi

/**
 * Every way a secret may be spelt where text leaves the app: as is and trimmed, upper and lower
 * case, its UTF-8 bytes in hex, base64 (padded or not, also the runs that stay the same inside a
 * longer encoded blob), base64url, percent-encoded (URI component, form, every byte) and
 * JSON-escaped. Matching is case-insensitive on top (hex and percent escapes in either case).
 */
export function secretForms(secret: string): string[] {
  const bases = [secret]
  const trimmed = secret.trim()
  if (trimmed !== secret && trimmed.length >= MIN_TRIMMED_LENGTH) bases.push(trimmed)
  const forms = new Set<string>()
  for (const s of bases) {
    forms.add(s)
    // The encodings of a very short secret are two or three common characters: only as is.
    if (s.length < MIN_TRIMMED_LENGTH) continue
    const bytes = Buffer.from(s, 'utf8')
    forms.add(s.toUpperCase())
    forms.add(s.toLowerCase())
    forms.add(bytes.toString('hex'))
    for (const b64 of base64Forms(bytes)) forms.add(b64)
    const component = uriComponent(s)
    forms.add(component)
    forms.add(component.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16)}`))
    forms.add(new URLSearchParams({ s }).toString().slice(2))
    forms.add([...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''))
    forms.add(JSON.stringify(s).slice(1, -1))
  }
  forms.delete('')
  return [...forms]
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** encodeURIComponent, which throws on a lone surrogate: that one becomes U+FFFD, as in UTF-8. */
function uriComponent(text: string): string {
  return encodeURIComponent(text.replace(LONE_SURROGATE, '\uFFFD'))
}

/** Base64 and base64url of the bytes, padded and not, and the stable runs at other alignments. */
function base64Forms(bytes: Buffer): string[] {
  const out: string[] = []
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64')
    if (offset === 0) out.push(encoded, encoded.replace(/=+$/, ''))
    // Inside a longer blob only the characters made of the secret's bits alone stay the same:
    // the first and last ones also carry bits of whatever surrounds it.
    const start = Math.ceil((offset * 8) / 6)
    const core = encoded.slice(start, Math.floor(((offset + bytes.length) * 8) / 6))
    if (core.length >= MIN_BASE64_CORE) out.push(core)
  }
  return [...out, ...out.map((b) => b.replace(/\+/g, '-').replace(/\//g, '_'))]
}

/** Forms per secret, kept while the same secrets are asked for (a log line asks many times). */
let cached: { key: string; pattern: RegExp | null } = { key: '', pattern: null }

function patternFor(secrets: Iterable<string>): RegExp | null {
  const list = [...new Set(secrets)].filter((s) => s.length > 0).sort()
  const key = list.join('\0')
  if (key === cached.key) return cached.pattern
  const forms = [...new Set(list.flatMap(secretForms))]
  // Longest first, so a form that contains another is masked whole.
  forms.sort((a, b) => b.length - a.length)
  // Unicode case folding ('u'): without it V8 misses `Sa` in /ſa|Sa|ſb/i.
  const pattern = forms.length === 0 ? null : new RegExp(forms.map(escapeRegExp).join('|'), 'giu')
  cached = { key, pattern }
  return pattern
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')
}

/** A masked form next to a `*` could spell the secret again (`***a` + `a`): mask until stable. */
const MAX_PASSES = 8

/**
 * Replaces every form of each secret (secretForms) with ***, and every C2 signature and
 * Authorization header value.
 */
export function redactText(text: string, secrets: Iterable<string> = []): string {
  let out = text.replace(SIGNATURE, `auth-v2/${REDACTED}`).replace(AUTHORIZATION, `$1${REDACTED}`)
  const pattern = patternFor(secrets)
  if (pattern === null) return out
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const next = out.replace(pattern, REDACTED)
    if (next === out) break
    out = next
  }
  return out
}

/** A JSON-safe copy of `value` with secret keys and secret strings replaced by ***. */
export function redact(value: unknown, secrets: Iterable<string> = []): unknown {
  const list = [...secrets]
  return walk(value, list, new WeakSet(), 0)
}

function walk(value: unknown, secrets: string[], seen: WeakSet<object>, depth: number): unknown {
  if (typeof value === 'string') return redactText(value, secrets)
  if (typeof value === 'bigint') return value.toString()
  if (typeof value === 'function' || typeof value === 'symbol') return undefined
  if (value === null || typeof value !== 'object') return value
  if (seen.has(value)) return '[Circular]'
  if (depth >= MAX_DEPTH) return '[Too deep]'
  seen.add(value)
  try {
    if (value instanceof Error) return walkError(value, secrets, seen, depth)
    if (value instanceof Date) return value.toISOString()
    if (Array.isArray(value)) return value.map((v) => walk(v, secrets, seen, depth + 1) ?? null)
    const out: Record<string, unknown> = {}
    for (const [key, v] of Object.entries(value)) {
      out[key] = isSecretKey(key) ? REDACTED : walk(v, secrets, seen, depth + 1)
    }
    return out
  } finally {
    seen.delete(value)
  }
}

function walkError(
  err: Error,
  secrets: string[],
  seen: WeakSet<object>,
  depth: number,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    name: err.name,
    message: redactText(err.message, secrets),
  }
  if (err.stack) out['stack'] = redactText(err.stack, secrets)
  // Own enumerable extras (code, detail, status...) with the same key rules.
  for (const [key, v] of Object.entries(err)) {
    if (key in out) continue
    out[key] = isSecretKey(key) ? REDACTED : walk(v, secrets, seen, depth + 1)
  }
  if (err.cause !== undefined) out['cause'] = walk(err.cause, secrets, seen, depth + 1)
  return out
}

// ---- errors that leave for the window or the CLI -----------------------------------------------

/**
 * The same AppError with every text it carries (message, parameters, detail) redacted, or the
 * error itself when nothing needed masking. A client gives its own SK: a server can quote back
 * whatever it was sent, and the error text reaches the window, the CLI and the log.
 */
export function redactAppError(err: AppError, secrets: readonly string[]): AppError {
  const params = err.params === undefined ? undefined : redactParams(err.params, secrets)
  const detail = redactDetail(err.detail, secrets)
  const message = redactText(err.message, secrets)
  if (message === err.message && params === err.params && detail === err.detail) return err
  const said =
    err.messageId === undefined
      ? message
      : params === undefined
        ? { id: err.messageId }
        : { id: err.messageId, params }
  return new AppError(
    err.code,
    said,
    detail,
    err.cause === undefined ? undefined : { cause: err.cause },
  )
}

function redactParams(params: MessageParams, secrets: readonly string[]): MessageParams {
  let changed = false
  const out: Record<string, MessageParams[string]> = {}
  for (const [key, value] of Object.entries(params)) {
    let next = value
    if (typeof value === 'string') next = redactText(value, secrets)
    else if (typeof value === 'object' && value.params !== undefined) {
      const inner = redactParams(value.params, secrets)
      if (inner !== value.params) next = { id: value.id, params: inner }
    }
    if (next !== value) changed = true
    out[key] = next
  }
  return changed ? out : params
}

function redactDetail(detail: ErrorDetail, secrets: readonly string[]): ErrorDetail {
  let changed = false
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(detail)) {
    const next = typeof value === 'string' ? redactText(value, secrets) : value
    if (next !== value) changed = true
    out[key] = next
  }
  return changed ? (out as ErrorDetail) : detail
}
