import type { z } from 'zod'

/**
 * Fields a newer version of the app wrote into a store (settings.json, profiles.json) that this
 * version does not know. They are ignored for use, but kept: taken out before the strict schema
 * checks the document, and put back where they were when the document is written again, so
 * going back to an older version for a while loses nothing the newer one saved.
 *
 * A place in a list is remembered by the element's `id` when it has one (profiles, watched
 * campaigns), so a field stays with its element when the list is reordered, and goes with it
 * when the element is removed.
 */

export type PathStep = string | number | { id: string }

export interface UnknownField {
  path: PathStep[]
  key: string
  value: unknown
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function step(holder: unknown, s: PathStep): unknown {
  if (typeof s === 'object') {
    return Array.isArray(holder) ? holder.find((e) => isRecord(e) && e.id === s.id) : undefined
  }
  if (Array.isArray(holder)) return typeof s === 'number' ? holder[s] : undefined
  return isRecord(holder) && typeof s === 'string' && Object.hasOwn(holder, s)
    ? holder[s]
    : undefined
}

/** The zod path with list indexes replaced by the element's id where it has a text one. */
function stablePath(doc: unknown, path: readonly PropertyKey[]): PathStep[] {
  const out: PathStep[] = []
  let holder = doc
  for (const s of path) {
    const next = step(holder, typeof s === 'symbol' ? String(s) : s)
    const id = isRecord(next) ? next.id : undefined
    out.push(typeof s === 'number' && typeof id === 'string' ? { id } : (s as string | number))
    holder = next
  }
  return out
}

/**
 * Parses `doc` with a strict schema, taking out (and returning) the keys it does not know
 * instead of failing on them. Any other problem fails as before.
 */
export function parseKeepingUnknown<T>(
  schema: z.ZodType<T>,
  doc: unknown,
): { result: z.ZodSafeParseResult<T>; unknown: UnknownField[] } {
  const current: unknown = structuredClone(doc)
  const unknown: UnknownField[] = []
  // Zod reports every unknown key at once; a second round only catches what a union hid.
  for (let round = 0; round < 3; round++) {
    const result = schema.safeParse(current)
    if (result.success) return { result, unknown }
    const extra = result.error.issues.filter((i) => i.code === 'unrecognized_keys')
    if (extra.length === 0) return { result, unknown }
    for (const issue of extra) {
      let holder = current
      for (const s of issue.path) holder = step(holder, s as string | number)
      if (!isRecord(holder)) continue
      const path = stablePath(current, issue.path)
      for (const key of issue.keys) {
        unknown.push({ path, key, value: holder[key] })
        delete holder[key]
      }
    }
  }
  return { result: schema.safeParse(current), unknown }
}

/**
 * A copy of `value` with the kept unknown fields put back where they were; a field whose place
 * is gone (its element removed) is dropped, and a known field of the same name always wins.
 */
export function withUnknown<T>(value: T, unknown: readonly UnknownField[]): T {
  if (unknown.length === 0) return value
  const copy = structuredClone(value)
  for (const field of unknown) {
    let holder: unknown = copy
    for (const s of field.path) holder = step(holder, s)
    if (!isRecord(holder) || Object.hasOwn(holder, field.key)) continue
    // defineProperty: a key such as "__proto__" stays a plain field.
    Object.defineProperty(holder, field.key, {
      value: structuredClone(field.value),
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  return copy
}
