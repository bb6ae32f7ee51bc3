/**
 * The one way a zod failure becomes words: the first issue, the field it is about (named by its
 * path: `profile.vdnId`, `taskIds[1]`) and what is wrong with it ("must be at most 9999", "is
 * missing"). The bridge dispatcher, the profile and settings stores and the reply parser build
 * their sentences from this, so the same problem reads the same wherever it is found.
 */
import type { z } from 'zod'
import { formatRef, msg, type MessageParam, type MessageRef } from './messages'

export type ZodIssue = z.core.$ZodIssue

/**
 * Params for a refinement whose message is a whole sentence for the person (the server-address
 * rule): shown as it is instead of after the field's name. Its message is `ref` in English; the
 * ref goes along so the window can say it in its own language.
 */
export function ownSentence(ref: MessageRef): { ownSentence: true; sentenceRef: MessageRef } {
  return { ownSentence: true, sentenceRef: ref }
}

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
  /** The same as a catalogue message, for the window's language. */
  problemRef: MessageRef
  /** A refinement's own whole sentence (ownSentence), to show instead of field + problem. */
  sentence?: string
  sentenceRef?: MessageRef
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
  const own = issue.code === 'custom' && issue.params?.ownSentence === true
  const problemRef = describeProblem(issue, present)
  return {
    issue,
    path,
    field: fieldPath(path),
    present,
    value,
    problem: formatRef('en', problemRef),
    problemRef,
    ...(own
      ? { sentence: issue.message, sentenceRef: issue.params!.sentenceRef as MessageRef }
      : {}),
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

function describeProblem(issue: ZodIssue, present: boolean): MessageRef {
  switch (issue.code) {
    case 'unrecognized_keys':
      return msg('zodNotExpected')
    case 'invalid_type':
      return present ? msg('zodMustBe', { type: typeName(issue.expected) }) : msg('zodMissing')
    case 'too_small':
      return bound(issue.origin, 'least', issue.minimum)
    case 'too_big':
      return bound(issue.origin, 'most', issue.maximum)
    case 'invalid_value':
      return msg('zodOneOf', { values: issue.values.map(String).join(', ') })
    case 'invalid_format':
      return msg('zodBadFormat')
    case 'invalid_union':
      return msg('zodNoForm')
    case 'custom':
      return msg('zodInvalidBecause', { reason: issue.message.replace(/\.$/, '') })
    default:
      return msg('zodInvalid')
  }
}

function bound(origin: string, which: 'least' | 'most', limit: number | bigint): MessageRef {
  const n = Number(limit)
  const least = which === 'least'
  if (origin === 'string') {
    if (least && n === 1) return msg('zodNotEmpty')
    if (!least && n === 1) return msg('zodOneCharAtMost')
    return msg(least ? 'zodCharsAtLeast' : 'zodCharsAtMost', { count: n })
  }
  if (origin === 'array' || origin === 'set') {
    if (n === 1) return msg(least ? 'zodOneItemAtLeast' : 'zodOneItemAtMost')
    return msg(least ? 'zodItemsAtLeast' : 'zodItemsAtMost', { count: n })
  }
  return msg(least ? 'zodAtLeast' : 'zodAtMost', { limit: n })
}

const TYPE_NAMES = {
  string: msg('zodTypeString'),
  number: msg('zodTypeNumber'),
  boolean: msg('zodTypeBoolean'),
  object: msg('zodTypeObject'),
  array: msg('zodTypeArray'),
} as const satisfies Record<string, MessageRef>

/** "a number" as a message for the common types; a rare one stays zod's English name. */
function typeName(expected: string): MessageParam {
  if (Object.hasOwn(TYPE_NAMES, expected)) return TYPE_NAMES[expected as keyof typeof TYPE_NAMES]
  return /^[aeiou]/i.test(expected) ? `an ${expected}` : `a ${expected}`
}
