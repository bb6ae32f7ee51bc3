import { AppError, SUCCESS_CODE, TOO_FREQUENT_CODE, isalesError } from '../../shared/errors'
import { msg } from '../../shared/messages'
import { serverCode, serverText } from './server-text'

/**
 * The result codes every iSales reply carries, read without zod: the task pages' fast path
 * (task-row-reader.ts) needs no schema library loaded at all. A reply whose envelope is not plainly
 * valid is left to the zod schema (schemas.ts envelopeSchema), whose issue makes the message;
 * reply-codes.test.ts checks the two read every envelope alike.
 */

/** What the envelope schema reads: the codes, and the descriptions when they are text. */
export interface Envelope {
  resultCode?: string | undefined
  returnCode?: string | undefined
  resultDesc?: string | undefined
  returnDesc?: string | undefined
  description?: string | undefined
}

const textOrUndefined = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)

/** The reply's envelope, or null when the zod schema must decide (not an object, a code not text). */
export function readEnvelope(json: unknown): Envelope | null {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null
  const reply = json as Record<string, unknown>
  const { resultCode, returnCode } = reply
  if (resultCode !== undefined && typeof resultCode !== 'string') return null
  if (returnCode !== undefined && typeof returnCode !== 'string') return null
  // Descriptions are only ever shown: anything but text reads as none, as in the schema.
  return {
    resultCode,
    returnCode,
    resultDesc: textOrUndefined(reply.resultDesc),
    returnDesc: textOrUndefined(reply.returnDesc),
    description: textOrUndefined(reply.description),
  }
}

/**
 * 0200022 is flow control, not a business error: it gets its own code so callers back off. The
 * server's code and description are its own text: stripped and cut (server-text.ts).
 */
export function resultCodeError(rawCode: string, rawDesc: string | undefined): AppError {
  const code = serverCode(rawCode)
  const desc = rawDesc === undefined ? undefined : serverText(rawDesc)
  if (code === TOO_FREQUENT_CODE) {
    return new AppError(
      'rate-limited',
      desc
        ? msg('tooFrequentServerSays', { code, resultDesc: desc })
        : msg('tooFrequent', { code }),
      { resultCode: code, ...(desc ? { resultDesc: desc } : {}) },
    )
  }
  return isalesError(code, desc)
}

/**
 * Checks both code pairs; a reply with neither is not an iSales reply. Throws the matching
 * AppError, or returns the success code and description.
 */
export function checkEnvelope(env: Envelope): { resultCode: string; resultDesc: string } {
  if (env.resultCode === undefined && env.returnCode === undefined) {
    throw new AppError('protocol', msg('replyNoResultCode'), { field: 'resultCode' })
  }
  if (env.resultCode !== undefined && env.resultCode !== SUCCESS_CODE) {
    throw resultCodeError(env.resultCode, env.resultDesc ?? env.description ?? env.returnDesc)
  }
  if (env.returnCode !== undefined && env.returnCode !== SUCCESS_CODE) {
    throw resultCodeError(env.returnCode, env.returnDesc ?? env.resultDesc ?? env.description)
  }
  return {
    resultCode: SUCCESS_CODE,
    resultDesc: env.resultDesc ?? env.description ?? env.returnDesc ?? '',
  }
}
