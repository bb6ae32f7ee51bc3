/**
 * The one wrapper every bridge call goes through, whatever the transport (Electron's ipcMain in the
 * app, Playwright's exposeBinding in the end-to-end harness):
 *   known channel → trusted sender (our page, main frame) → arguments parsed by the channel's zod
 *   schema → handler → Result.
 * Typed failures (AppError) cross intact; anything else becomes one generic message, and its
 * details go to the log only. Argument values of secret-carrying channels are never logged.
 * Plain Node: no Electron import.
 */
import type { z } from 'zod'
import {
  CHANNELS,
  type Channel,
  type ChannelResults,
  type ParsedArgsOf,
  type Result,
} from '../../shared/contract'
import { AppError, isAppError, type ErrorPayload } from '../../shared/errors'
import { mainText } from '../../shared/messages'
import { firstIssue, type IssueReport, type ZodIssue } from '../../shared/zod-issue'
import type { Log } from '../log/logger'
import { redact } from '../log/redact'
import { createInFlightCaps, type EnterCall } from './in-flight-caps'
import { createSenderCheck, type SenderCheck, type SenderInfo } from './sender-trust'

export type { SenderInfo } from './sender-trust'

export interface HandlerContext {
  /**
   * Aborted when the calling window goes away. One per window (electron-ipc.ts), so it also
   * names the window for the in-flight caps.
   */
  signal?: AbortSignal
}

export type Handlers = {
  [C in Channel]: (args: ParsedArgsOf<C>, ctx: HandlerContext) => Promise<ChannelResults[C]>
}

export type Dispatch = (
  channel: string,
  sender: SenderInfo,
  rawArgs: unknown,
  ctx?: HandlerContext,
) => Promise<Result<unknown>>

export interface DispatcherOptions {
  log: Log
  /**
   * The pages allowed to call: the window's own origin app://bundle and, in development only, the
   * dev server's http origin. Never a file:// URL. See sender-trust.ts.
   */
  trustedPages: readonly string[]
  /** Overrides the check built from trustedPages (tests). */
  isTrustedSender?: SenderCheck
  /** Per-window caps on calls that open connections (default: in-flight-caps.ts's). */
  enterCall?: EnterCall
}

export const INTERNAL_MESSAGE =
  'Something went wrong inside the app. The details are in the log file.'
export const FOREIGN_SENDER_MESSAGE = 'Request refused: it did not come from the app window.'

/** The in-flight caps' key for calls that come without a window signal. */
const NO_WINDOW = {}

/** Channels whose arguments carry a secret: their values are never logged, even redacted. */
const SECRET_CHANNELS: ReadonlySet<string> = new Set<Channel>(['profiles:save'])

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(CHANNELS, name)
}

export function createDispatcher(handlers: Handlers, opts: DispatcherOptions): Dispatch {
  const { log } = opts
  const trusted = opts.isTrustedSender ?? createSenderCheck(opts.trustedPages)
  const enterCall = opts.enterCall ?? createInFlightCaps({ log })
  for (const channel of Object.keys(CHANNELS)) {
    if (typeof (handlers as Record<string, unknown>)[channel] !== 'function') {
      throw new Error(`No handler for channel ${channel}`)
    }
  }

  return async (channel, sender, rawArgs, ctx = {}) => {
    if (!isChannel(channel)) {
      log.warn('Bridge request refused: unknown channel', {
        channel: String(channel).slice(0, 100),
      })
      return fail({
        code: 'validation',
        message: 'Request refused: the app does not know this request.',
      })
    }
    if (!isTrusted(trusted, sender)) {
      log.warn('Bridge request refused: foreign sender', {
        channel,
        url: typeof sender?.url === 'string' ? sender.url.slice(0, 500) : null,
        isMainFrame: sender?.isMainFrame === true,
      })
      return fail({ code: 'validation', message: FOREIGN_SENDER_MESSAGE })
    }

    // Calls without a window signal (none in the app) share one count.
    const release = enterCall(channel, ctx.signal ?? NO_WINDOW)
    if (release instanceof AppError) return fail(release.toPayload())
    try {
      return await dispatchTrusted(channel, rawArgs, ctx)
    } finally {
      release()
    }
  }

  async function dispatchTrusted(
    channel: Channel,
    rawArgs: unknown,
    ctx: HandlerContext,
  ): Promise<Result<unknown>> {
    const schema: z.ZodType = CHANNELS[channel]
    const parsed = schema.safeParse(rawArgs)
    if (!parsed.success) {
      const error = validationError(parsed.error.issues, rawArgs)
      log.warn('Bridge request refused: invalid arguments', {
        channel,
        field: error.detail?.field,
        issue: parsed.error.issues[0]?.code,
      })
      return fail(error)
    }

    const handler = handlers[channel] as (args: unknown, ctx: HandlerContext) => Promise<unknown>
    try {
      return { ok: true, data: await handler(parsed.data, ctx) }
    } catch (err) {
      if (isAppError(err)) {
        const payload = err.toPayload()
        log.warn('Bridge request failed', { channel, code: payload.code, message: payload.message })
        return fail(payload)
      }
      log.error('Bridge handler crashed', {
        channel,
        args: SECRET_CHANNELS.has(channel) ? '[not logged]' : redact(parsed.data),
        error: err,
      })
      return fail({ code: 'internal', message: INTERNAL_MESSAGE })
    }
  }
}

function isTrusted(check: SenderCheck, sender: SenderInfo | undefined): boolean {
  try {
    return sender !== null && typeof sender === 'object' && check(sender)
  } catch {
    return false
  }
}

function fail(error: ErrorPayload): Result<never> {
  return { ok: false, error }
}

// ---- validation messages ----------------------------------------------------------------------

/** A plain sentence about the first problem, naming the field (`profile.vdnId`, `taskIds[3]`). */
export function validationError(issues: readonly ZodIssue[], rawArgs: unknown): ErrorPayload {
  const report = firstIssue(issues, rawArgs)
  if (!report) return { code: 'validation', message: 'The request is invalid.' }
  const field = report.field || 'arguments'
  // A rule's own sentence (the server address) has its catalogue message: the window's language.
  const said = report.sentenceRef
    ? mainText(report.sentenceRef)
    : { message: sentence(report, field) }
  return { code: 'validation', ...said, detail: { field } }
}

function sentence(report: IssueReport, field: string): string {
  if (report.sentence !== undefined) return report.sentence
  const f = `"${field}"`
  switch (report.issue.code) {
    case 'unrecognized_keys':
      return `The request has an unexpected field ${f}.`
    case 'invalid_type':
      if (report.path.length === 0) return 'The request arguments must be an object.'
      if (!report.present) return `The request is missing the field ${f}.`
      break
  }
  return `The field ${f} ${report.problem}.`
}
