import type { z } from 'zod'
import { firstIssue } from '../../shared/zod-issue'

/** Field names as the edit dialog shows them. */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  id: 'id',
  name: 'name',
  serverUrl: 'server address',
  vdnId: 'VDN id',
  ak: 'AK',
  signing: 'signing options',
  timestampFormat: 'timestamp format',
  signedHeaders: 'signed headers',
  tls: 'certificate trust',
  caPem: 'CA certificate',
  caLabel: 'CA certificate name',
  fingerprint256: 'certificate fingerprint',
  campaigns: 'watched campaigns',
  label: 'campaign label',
  demo: 'demo flag',
  refreshIntervalSec: 'refresh interval',
  notifications: 'notifications',
  locale: 'language',
  theme: 'theme',
  csvBom: 'CSV byte order mark',
  profiles: 'profiles',
  version: 'format version',
  format: 'format',
}

function label(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'the content'
  const parts = path.map((p) =>
    typeof p === 'number' ? `#${p + 1}` : (FIELD_LABELS[String(p)] ?? String(p)),
  )
  return parts.join(' › ')
}

export interface ZodProblem {
  message: string
  /** The field's path (`campaigns[1].id`), '' for the whole value. */
  field: string
  /** The message is a whole sentence of its own (ends with its full stop). */
  wholeSentence: boolean
}

/** "<context>: <problem>." (a whole sentence keeps its own full stop). */
export function inContext(context: string, problem: ZodProblem): string {
  return `${context}: ${problem.message}${problem.wholeSentence ? '' : '.'}`
}

/**
 * The first problem of a parse of `input` in words, with the field labelled as the edit dialog
 * names it: "VDN id must be at most 9999", "watched campaigns › #2 › id must not be empty".
 * A rule with its own whole sentence (the server address) gives that sentence.
 */
export function zodProblem(error: z.ZodError, input: unknown): ZodProblem {
  const report = firstIssue(error, input)
  if (!report) return { message: 'the data is not valid', field: '', wholeSentence: false }
  if (report.sentence !== undefined) {
    return { message: report.sentence, field: report.field, wholeSentence: true }
  }
  return {
    message: `${label(report.path)} ${report.problem}`,
    field: report.field,
    wholeSentence: false,
  }
}
