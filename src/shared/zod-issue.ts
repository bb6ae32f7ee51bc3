/**
 * The one way a zod failure becomes words: the first issue, the field it is about (named by its
 * path: `profile.vdnId`, `taskIds[1]`) and what is wrong with it ("must be at most 9999", "is
 * missing"). The bridge dispatcher, the profile and settings stores and the reply parser build
 * their sentences from this, so the same problem reads the same wherever it is found.
 */
import type { z } from 'zod'

export type ZodIssue = z.core.$ZodIssue

/**
 * Params for a refinement whose message is a whole sentence for the person (the server-address
 * rule): shown as it is instead of after the field's name.
 */
export const OWN_SENTENCE = { ownSentence: true } as const

export interface IssueReport {
  issue: ZodIssue
  /** The issue's path, plus the offending key for an unexpected field. */
  path: PropertyKey[]
  /** The path as text: `profile.vdnId`, `taskIds[1]`; '' for the value itself. */
  field: string
  /** Whether the input has anything at `path` (so "is missing" rather than "must be a …"). */
  present: boolean
  /** The input's value at `path`, when present. */
  value: unknown
  /** What is wrong, to follow the field's name: "must be at most 9999", "is missing". */
  problem: string
  /** A refinement's own whole sentence (OWN_SENTENCE), to show instead of field + problem. */
  sentence?: string
}

/** The first issue of a failed parse of `input`, described; null when there is none. */
export function firstIssue(
  error: z.ZodError | readonly ZodIssue[],
  input: unknown,
): IssueReport | null {
  const issues = Array.isArray(error) ? error : (error as z.ZodError).issues
  const issue = issues[0] as ZodIssue | undefined
  if (!issue) return null
  const path =
    issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined
      ? [...issue.path, issue.keys[0]]
      : [...issue.path]
  const { present, value } = valueAt(input, path)
  const sentence =
    issue.code === 'custom' && issue.params?.ownSentence === true ? issue.message : undefined
  return {
    issue,
    path,
    field: fieldPath(path),
    present,
    value,
    problem: describeProblem(issue, present),
    ...(sentence !== undefined ? { sentence } : {}),
  }
}

/** `profile.vdnId`, `taskIds[1]`, `result[0].id`; '' for an empty path. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`
    else out += out === '' ? String(key) : `.${String(key)}`
  }
  return out
}

/** The value at `path` in `root`, and whether it is there at all (own properties only). */
export function valueAt(
  root: unknown,
  path: readonly PropertyKey[],
): { present: boolean; value: unknown } {
  let cur = root
  for (const key of path) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, key)) {
      return { present: false, value: undefined }
    }
    cur = (cur as Record<PropertyKey, unknown>)[key]
  }
  return { present: cur !== undefined, value: cur }
}

function describeProblem(issue: ZodIssue, present: boolean): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return 'is not expected'
    case 'invalid_type':
      return present ? `must be ${withArticle(issue.expected)}` : 'is missing'
    case 'too_small':
      return bound(issue.origin, 'least', issue.minimum)
    case 'too_big':
      return bound(issue.origin, 'most', issue.maximum)
    case 'invalid_value':
      return `must be one of: ${issue.values.map(String).join(', ')}`
    case 'invalid_format':
      return 'is not in the expected format'
    case 'invalid_union':
      return 'does not match any accepted form'
    case 'custom':
      return `is invalid: ${issue.message.replace(/\.$/, '')}`
    default:
      return 'is invalid'
  }
}

function bound(origin: string, which: 'least' | 'most', limit: number | bigint): string {
  const n = Number(limit)
  if (origin === 'string') {
    if (which === 'least' && n === 1) return 'must not be empty'
    return `must be at ${which} ${n} character${n === 1 ? '' : 's'} long`
  }
  if (origin === 'array' || origin === 'set') {
    return `must have at ${which} ${n} item${n === 1 ? '' : 's'}`
  }
  return `must be at ${which} ${n}`
}

function withArticle(expected: string): string {
  return /^[aeiou]/i.test(expected) ? `an ${expected}` : `a ${expected}`
}
