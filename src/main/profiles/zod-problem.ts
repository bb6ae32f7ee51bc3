import type { z } from 'zod'
import {
  formatRef,
  msg,
  type MessageParam,
  type MessageRef,
  type PlainMessageId,
} from '../../shared/messages'
import { firstIssue } from '../../shared/zod-issue'

/** Field names as the edit dialog shows them (catalogue messages, so in the window's language). */
const FIELD_LABELS: Readonly<Record<string, PlainMessageId>> = {
  id: 'zodLabelId',
  name: 'zodLabelName',
  serverUrl: 'zodLabelServerUrl',
  vdnId: 'zodLabelVdnId',
  ak: 'zodLabelAk',
  signing: 'zodLabelSigning',
  timestampFormat: 'zodLabelTimestampFormat',
  signedHeaders: 'zodLabelSignedHeaders',
  tls: 'zodLabelTls',
  caPem: 'zodLabelCaPem',
  caLabel: 'zodLabelCaLabel',
  fingerprint256: 'zodLabelFingerprint',
  campaigns: 'zodLabelCampaigns',
  label: 'zodLabelCampaignLabel',
  demo: 'zodLabelDemo',
  refreshIntervalSec: 'zodLabelRefreshInterval',
  notifications: 'zodLabelNotifications',
  locale: 'zodLabelLocale',
  theme: 'zodLabelTheme',
  csvBom: 'zodLabelCsvBom',
  idleCheckIntervalSec: 'zodLabelIdleCheckInterval',
  profiles: 'zodLabelProfiles',
  version: 'zodLabelVersion',
  format: 'zodLabelFormat',
}

function step(p: PropertyKey): MessageParam {
  if (typeof p === 'number') return msg('zodPathItem', { number: p + 1 })
  const id = Object.hasOwn(FIELD_LABELS, String(p)) ? FIELD_LABELS[String(p)] : undefined
  return id ? msg(id) : String(p)
}

/** "watched campaigns › #2 › id", each step in the window's language. */
function label(path: readonly PropertyKey[]): MessageParam {
  if (path.length === 0) return msg('zodWholeContent')
  return path
    .slice(1)
    .reduce<MessageParam>(
      (parent, p) => msg('zodPathStep', { parent, child: step(p) }),
      step(path[0]!),
    )
}

export interface ZodProblem {
  /** The problem as a catalogue message; `message` is its English text. */
  ref: MessageRef
  message: string
  /** The field's path (`campaigns[1].id`), '' for the whole value. */
  field: string
  /** The message is a whole sentence of its own (ends with its full stop). */
  wholeSentence: boolean
}

/** "<context>: <problem>." (a whole sentence keeps its own full stop). */
export function inContext(context: MessageRef, problem: ZodProblem): MessageRef {
  return problem.wholeSentence
    ? msg('problemInContextSentence', { context, problem: problem.ref })
    : msg('problemInContext', { context, problem: problem.ref })
}

function problemOf(ref: MessageRef, field: string, wholeSentence: boolean): ZodProblem {
  return { ref, message: formatRef('en', ref), field, wholeSentence }
}

/**
 * The first problem of a parse of `input` in words, with the field labelled as the edit dialog
 * names it: "VDN id must be at most 9999", "watched campaigns › #2 › id must not be empty".
 * A rule with its own whole sentence (the server address) gives that sentence.
 */
export function zodProblem(error: z.ZodError, input: unknown): ZodProblem {
  const report = firstIssue(error, input)
  if (!report) return problemOf(msg('zodDataInvalid'), '', false)
  if (report.sentenceRef !== undefined) return problemOf(report.sentenceRef, report.field, true)
  const ref = msg('zodFieldProblem', { field: label(report.path), problem: report.problemRef })
  return problemOf(ref, report.field, false)
}
