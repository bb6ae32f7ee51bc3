/**
 * The one error catalogue: every failure the product can meet, as a typed code with a message that
 * says what happened and what to do. Plain data so it crosses the preload bridge and the CLI alike.
 * The texts live in the message catalogue (messages/), in every language the window speaks.
 */
import { MAX_PAGE_SIZE, MAX_VDN_ID, MIN_PAGE_SIZE, MIN_VDN_ID } from './limits'
import {
  formatRef,
  msg,
  type MainText,
  type MessageId,
  type MessageParams,
  type MessageRef,
} from './messages'

export const ERROR_CODES = [
  'auth', // HTTP 401: the server rejected the AK/SK signature
  'tls', // the TLS handshake or chain verification failed
  'cert-changed', // a pinned server presented another certificate
  'isales', // HTTP 200 with a non-success resultCode
  'rate-limited', // HTTP 429 or 0200022, after retries ran out
  'http', // any other non-2xx HTTP status
  'protocol', // the reply is not what the interface documents (bad JSON, wrong shape, too large)
  'network', // could not connect, connection dropped, DNS
  'timeout', // connect, headers or body took too long
  'cancelled', // the user or the app aborted the request
  'validation', // bad input from the user (URL, VDN id, campaign id, options)
  'keychain', // the OS keychain cannot be used
  'internal',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export interface ErrorDetail {
  /** iSales resultCode / returnCode and the server's own description. */
  resultCode?: string
  resultDesc?: string
  /** HTTP status, when there was one. */
  status?: number
  /** SHA-256 fingerprints (colon-separated upper-case hex) for TLS errors. */
  presentedFingerprint?: string
  expectedFingerprint?: string
  /** Low-level code from Node / undici (ECONNREFUSED, DEPTH_ZERO_SELF_SIGNED_CERT, ...). */
  cause?: string
  /** Path of the offending field for protocol / validation errors. */
  field?: string
  /** Seconds the server asked us to wait. */
  retryAfter?: number
}

/** An error as it crosses the bridge: the English message, and the message id to render it from. */
export interface ErrorPayload extends MainText {
  code: ErrorCode
  detail?: ErrorDetail
}

export class AppError extends Error {
  override readonly name = 'AppError'
  /** The catalogue message this error says (absent for a plain text). */
  readonly messageId: MessageId | undefined
  readonly params: MessageParams | undefined

  /**
   * `message` is a catalogue message (msg('id', {...})); its English text becomes `.message`.
   * A plain string is accepted for test doubles and the simulator only: production code names a
   * catalogue message (checked by src/main/error-messages.test.ts).
   */
  constructor(
    readonly code: ErrorCode,
    message: MessageRef | string,
    readonly detail: ErrorDetail = {},
    options?: { cause?: unknown },
  ) {
    super(typeof message === 'string' ? message : formatRef('en', message), options)
    this.messageId = typeof message === 'string' ? undefined : message.id
    this.params = typeof message === 'string' ? undefined : message.params
  }

  /** The message as a reference, for wrapping this error's text in another message. */
  get ref(): MessageRef | undefined {
    if (this.messageId === undefined) return undefined
    return this.params ? { id: this.messageId, params: this.params } : { id: this.messageId }
  }

  toPayload(): ErrorPayload {
    return {
      code: this.code,
      message: this.message,
      ...(this.messageId !== undefined ? { messageId: this.messageId } : {}),
      ...(this.params !== undefined ? { params: this.params } : {}),
      ...(Object.keys(this.detail).length > 0 ? { detail: { ...this.detail } } : {}),
    }
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError
}

/** The one error for a request or check that the user or the app aborted. */
export function cancelledError(said: MessageRef | string = msg('cancelled')): AppError {
  return new AppError('cancelled', said)
}

export const SUCCESS_CODE = '0200000'
export const TOO_FREQUENT_CODE = '0200022'

/** The codes the catalogue has a meaning for (isalesMeaning<code>). */
type CatalogueCode<Id> = Id extends `isalesMeaning${infer C}` ? C : never

/** iSales result codes and where each comes from: docs/isales-interface.md#error-codes. */
const KNOWN_ISALES_CODES = [
  '0200001',
  '0200006',
  '0200007',
  '0200022',
  '02000001',
  '02000002',
  '02000003',
  '02000004',
  '02000005',
  '02000006',
  '02000007',
  '02000008',
  '02000009',
  '02000010',
  '02000011',
] as const satisfies readonly CatalogueCode<MessageId>[]

export type KnownIsalesCode = (typeof KNOWN_ISALES_CODES)[number]

/** The catalogue messages of one iSales code: what it means and what to do. */
export interface IsalesCodeMessages {
  meaning: MessageRef
  action: MessageRef
}

/** The one action that names limits: its numbers come from shared/limits.ts. */
const RANGE_ACTION_CODE = '02000005'

function codeMessages(code: KnownIsalesCode): IsalesCodeMessages {
  const action =
    code === RANGE_ACTION_CODE
      ? msg('isalesAction02000005', {
          minVdn: MIN_VDN_ID,
          maxVdn: MAX_VDN_ID,
          minPage: MIN_PAGE_SIZE,
          maxPage: MAX_PAGE_SIZE,
        })
      : msg(`isalesAction${code}`)
  return { meaning: msg(`isalesMeaning${code}`), action }
}

/** Each known iSales code's meaning and action, in English (the window has them in its language). */
export const ISALES_CODES: Readonly<Record<string, { meaning: string; action: string }>> =
  Object.fromEntries(
    KNOWN_ISALES_CODES.map((code) => {
      const { meaning, action } = codeMessages(code)
      return [code, { meaning: formatRef('en', meaning), action: formatRef('en', action) }]
    }),
  )

/** Whether the catalogue knows the code's meaning. */
export function isKnownIsalesCode(code: string): code is KnownIsalesCode {
  return (KNOWN_ISALES_CODES as readonly string[]).includes(code)
}

/** The meaning and action messages of a code; unknown codes get a neutral pair naming the code. */
export function isalesCodeMessages(code: string): IsalesCodeMessages {
  if (isKnownIsalesCode(code)) return codeMessages(code)
  return { meaning: msg('isalesUnknownMeaning', { code }), action: msg('isalesUnknownAction') }
}

/** The error for a reply with a non-success resultCode; the server's description stays verbatim. */
export function isalesError(resultCode: string, resultDesc: string | undefined): AppError {
  const { meaning, action } = isalesCodeMessages(resultCode)
  const ref = resultDesc
    ? msg('isalesErrorServerSays', { resultCode, meaning, resultDesc, action })
    : msg('isalesError', { resultCode, meaning, action })
  return new AppError('isales', ref, {
    resultCode,
    ...(resultDesc ? { resultDesc } : {}),
  })
}
