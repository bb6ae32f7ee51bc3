import { z } from 'zod'
import { AppError } from '../../shared/errors'
import { TASK_STATUSES, type Campaign, type ImportTask } from '../../shared/import-task'
import { msg, type MessageRef } from '../../shared/messages'
import { firstIssue } from '../../shared/zod-issue'
import { TASK_FIELDS, type FieldKind } from '../../shared/task-fields'
import { serverText } from './server-text'
import { parseServerTime } from './server-time'
import { checkEnvelope, readEnvelope } from './reply-codes'
import { readImportTaskReply } from './task-row-reader'

export { resultCodeError } from './reply-codes'

/**
 * Schemas for the replies of queryDataImportTask and the campaign list, tolerant of every quirk in
 * docs/isales-interface.md#quirks and strict about what would silently corrupt data
 * (a task id sent as a JSON number, a status outside 0–3, a negative count).
 */

// Every piece carries its own message: in a union Zod reports the issue of the branch whose type
// matched, so a message on the union alone would not always be the one shown.
const WHOLE = 'expected a whole number ≥ 0'
const STATUS = 'expected 0, 1, 2 or 3'
const ID =
  'expected the task id as a string of digits; a number has already lost precision, since ids are 30 digits long'
const TEXT_OR_NUMBER = 'expected text, a number or null'
const TIME = 'expected a date-time text'

/** Integer ≥ 0, sent as a JSON number or as a digit string (both seen across iSales versions). */
const wholeNumber = z.union(
  [
    z.int({ error: WHOLE }).min(0, { error: WHOLE }),
    z
      .string({ error: WHOLE })
      .regex(/^\d{1,15}$/, { error: WHOLE })
      .transform(Number),
  ],
  { error: WHOLE },
)

const taskStatus = z.union(
  [
    z.enum(TASK_STATUSES as ['0', '1', '2', '3'], { error: STATUS }),
    z.literal([0, 1, 2, 3], { error: STATUS }).transform((n) => String(n) as ImportTask['status']),
  ],
  { error: STATUS },
)

const taskId = z
  .string({
    error: (iss) =>
      typeof iss.input === 'number' ? ID : 'expected the task id as a non-empty string of digits',
  })
  .regex(/^\d+$/, { error: 'expected the task id as a non-empty string of digits' })

/**
 * errMsg is typed Integer in the table and "" in the sample: kept as text. An Integer field with
 * nothing to say arrives as 0 or null, so both read as no message (a supervisor must not see "0").
 */
const looseText = z
  .union([z.string(), z.number(), z.null()], { error: TEXT_OR_NUMBER })
  .optional()
  .transform((v) => (v === null || v === undefined || v === 0 ? '' : String(v)))

/** Times: raw text kept as sent ("" while a task runs, or when null / missing). */
const timeText = z
  .union([z.string(), z.number(), z.null()], { error: TIME })
  .optional()
  .transform((v) => (v === null || v === undefined ? '' : String(v)))

function extraFields(
  obj: Record<string, unknown>,
  known: ReadonlySet<string>,
): Record<string, unknown> {
  // fromEntries defines own properties, so even a "__proto__" key stays plain data.
  return Object.fromEntries(Object.entries(obj).filter(([k]) => !known.has(k)))
}

/** How each kind of field (task-fields.ts) is read from a reply. */
const FIELD_SCHEMAS = {
  id: taskId,
  status: taskStatus,
  time: timeText,
  // A Java server serializes an unset Integer as null (e.g. a task still preparing): read as 0.
  count: wholeNumber.nullish(),
  text: looseText,
} satisfies Record<FieldKind, z.ZodType>

const KNOWN_TASK_FIELDS: ReadonlySet<string> = new Set(TASK_FIELDS.map((f) => f.key))

/** In the field table's order, so the first issue reported is the first field in that order. */
const taskShape = Object.fromEntries(TASK_FIELDS.map((f) => [f.key, FIELD_SCHEMAS[f.kind]]))

/** A parsed reply task as the normalized ImportTask (times parsed, nulls read as 0 or ""). */
function toImportTask(t: Record<string, unknown>): ImportTask {
  const task: Record<string, unknown> = {}
  for (const f of TASK_FIELDS) {
    const value = t[f.key]
    if (f.kind === 'count') {
      // An optional count is left out when not sent; a required one reads as 0.
      if (value !== undefined && value !== null) task[f.key] = value
      else if (!f.optional) task[f.key] = 0
      continue
    }
    task[f.key] = value
    if ('at' in f) task[f.at] = parseServerTime(value as string)
  }
  task['extra'] = extraFields(t, KNOWN_TASK_FIELDS)
  // Every field was set from the schema of its kind above: this is the ImportTask shape.
  return task as unknown as ImportTask
}

export const importTaskSchema = z
  .looseObject(taskShape, { error: 'expected an import task object' })
  .transform(toImportTask)

/** Descriptions are only ever shown; anything but text is ignored rather than failing the reply. */
const optionalText = z.string().optional().catch(undefined)

const CODE = "expected a text code such as '0200000'"
/** The reference for reply-codes.ts readEnvelope, and its fallback. */
export const envelopeSchema = z.looseObject(
  {
    resultCode: z.string({ error: CODE }).optional(),
    returnCode: z.string({ error: CODE }).optional(),
    resultDesc: optionalText,
    returnDesc: optionalText,
    description: optionalText,
  },
  { error: 'expected a JSON object' },
)

/** The zod reading of a whole page: the reference for task-row-reader.ts, and its fallback. */
export const importTaskPageSchema = z.looseObject({
  // A success reply with no tasks may leave result out (or null): read as an empty list.
  result: z.array(importTaskSchema, { error: 'expected a list of import tasks' }).nullish(),
  count: wholeNumber.nullish(),
})

const campaignIdSchema = z.union(
  [
    z.string().min(1, { error: 'expected a non-empty campaign id' }),
    // Sibling interfaces type campaign ids as integers; those small enough to be exact are fine.
    z.number().refine(Number.isSafeInteger, { error: 'expected a whole-number campaign id' }),
  ],
  { error: 'expected the campaign id as text or a number' },
)

const CAMPAIGN_FIELDS = new Set(['id', 'name'])

export const campaignSchema = z
  .looseObject(
    {
      id: campaignIdSchema.optional(),
      campaignId: campaignIdSchema.optional(),
      name: z.string({ error: 'expected text' }).nullish(),
      campaignName: z.string({ error: 'expected text' }).nullish(),
    },
    { error: 'expected a campaign object' },
  )
  .transform((c, ctx): Campaign => {
    // The campaign list is documented only loosely: take `id`, else `campaignId`.
    const id = c.id ?? c.campaignId
    if (id === undefined) {
      ctx.addIssue({ code: 'custom', path: ['id'], message: 'expected the campaign id' })
      return z.NEVER
    }
    return {
      id: String(id),
      name: c.name ?? c.campaignName ?? '',
      extra: extraFields(c, CAMPAIGN_FIELDS),
    }
  })

const campaignPageSchema = z.looseObject({
  data: z.array(campaignSchema, { error: 'expected a list of campaigns' }).nullish(),
  totalSize: wholeNumber.nullish(),
  curPage: wholeNumber.nullish(),
})

// ---------------------------------------------------------------------------------------------

/** A value quoted in a protocol error: its start is enough to recognise it. */
const QUOTED_VALUE_CHARS = 41

function describeValue(present: boolean, value: unknown): MessageRef {
  if (!present || value === undefined) return msg('replyValueMissing')
  if (value === null) return msg('replyValueNull')
  if (Array.isArray(value)) return msg('replyValueList')
  switch (typeof value) {
    case 'string':
      return msg('replyValueText', { text: serverText(value, [], QUOTED_VALUE_CHARS) })
    case 'number':
      return msg('replyValueNumber', { value: String(value) })
    case 'boolean':
      return msg('replyValueBoolean', { value: String(value) })
    default:
      return msg('replyValueObject')
  }
}

/**
 * Names the field and what the server sent there, then the schema's own words (English, as the
 * interface names things: "expected text").
 */
function protocolError(json: unknown, error: z.ZodError): AppError {
  const report = firstIssue(error, json)
  const field = report?.field || 'the reply'
  const said = msg('replyBadShape', {
    field: report?.field || msg('replyWhole'),
    sent: describeValue(report?.present ?? false, report?.value),
    reason: report?.issue.message ?? msg('replyUnexpected'),
  })
  return new AppError('protocol', said, { field })
}

function parseWith<T>(schema: z.ZodType<T>, json: unknown): T {
  const r = schema.safeParse(json)
  if (!r.success) throw protocolError(json, r.error)
  return r.data
}

/** Checks both code pairs (reply-codes.ts), the envelope read by zod when not plainly valid. */
function checkCodes(json: unknown): { resultCode: string; resultDesc: string } {
  return checkEnvelope(readEnvelope(json) ?? parseWith(envelopeSchema, json))
}

export interface ImportTaskPageResult {
  tasks: ImportTask[]
  /** Total number of tasks, or null when the server left `count` out. */
  count: number | null
  resultCode: string
  resultDesc: string
}

/** Parses a queryDataImportTask reply; throws AppError ('isales', 'rate-limited', 'protocol'). */
export function parseImportTaskPage(json: unknown): ImportTaskPageResult {
  // Plainly valid replies are read by the field table's own checker; anything else by zod, whose
  // issues make the message (task-row-reader.ts).
  const fast = readImportTaskReply(json)
  if (fast !== null) return fast
  const codes = checkCodes(json)
  const page = parseWith(importTaskPageSchema, json)
  return { tasks: page.result ?? [], count: page.count ?? null, ...codes }
}

export interface CampaignPageResult {
  campaigns: Campaign[]
  /** `totalSize`, or null when missing. */
  total: number | null
  curPage: number | null
  resultCode: string
  resultDesc: string
}

/** Parses a campaign-list reply; throws AppError ('isales', 'rate-limited', 'protocol'). */
export function parseCampaignPage(json: unknown): CampaignPageResult {
  const codes = checkCodes(json)
  const page = parseWith(campaignPageSchema, json)
  return {
    campaigns: page.data ?? [],
    total: page.totalSize ?? null,
    curPage: page.curPage ?? null,
    ...codes,
  }
}
