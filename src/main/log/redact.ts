/**
 * Removes secrets from anything about to be logged: values under secret-looking keys (any depth,
 * any case) and every occurrence of a known secret string (an SK loaded at runtime) in any text,
 * error messages and stacks included. Errors become plain objects so their message and stack
 * survive JSON. The one redaction of the main process (the logger, the IPC dispatcher and the
 * keychain's error texts). Plain Node, no side effects.
 */

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

/** A trimmed secret shorter than this is not searched for on its own (it would blank common text). */
const MIN_TRIMMED_LENGTH = 4

/**
 * Replaces every occurrence of each secret with ***, and of its trimmed form (a pasted SK with
 * stray spaces may reach a library trimmed); longest first so overlaps cannot leak.
 */
export function redactText(text: string, secrets: Iterable<string> = []): string {
  const all = new Set<string>()
  for (const s of secrets) {
    if (s.length === 0) continue
    all.add(s)
    const trimmed = s.trim()
    if (trimmed !== s && trimmed.length >= MIN_TRIMMED_LENGTH) all.add(trimmed)
  }
  const sorted = [...all].sort((a, b) => b.length - a.length)
  let out = text
  for (const s of sorted) out = out.split(s).join(REDACTED)
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
