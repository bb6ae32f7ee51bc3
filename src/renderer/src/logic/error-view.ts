/**
 * What the window says and offers for each failure: message keys (translated by the caller) and
 * the actions that fix it. Every ErrorCode has its own text; nothing shows a stack trace. Main's
 * own wording comes as a catalogue message (`main.<id>`, in the window's language) when it has one.
 */
import { isReachabilityProblem } from '@shared/error-kinds'
import {
  isalesCodeMessages,
  isKnownIsalesCode,
  type ErrorCode,
  type ErrorPayload,
} from '@shared/errors'
import type { MainText, MessageRef } from '@shared/messages'
import { certReason } from './cert-reason'

export type ErrorAction = 'openProfile' | 'trustNewCertificate' | 'testConnection' | 'retry'

/** A translation key; a parameter may itself be a message, translated first. */
export interface Message {
  key: string
  params?: Record<string, string | number | Message>
}

/** Text to show: a message to translate, or main's words as they came (no catalogue id). */
export type Text = Message | { text: string }

/** The window's key of a main-process catalogue message. */
export function mainMessage(ref: MessageRef): Message {
  if (!ref.params) return { key: `main.${ref.id}` }
  const params: Record<string, string | number | Message> = {}
  for (const [name, value] of Object.entries(ref.params)) {
    params[name] = typeof value === 'object' ? mainMessage(value) : value
  }
  return { key: `main.${ref.id}`, params }
}

/** What main said, in the window's language when it names its message, else as it came. */
export function mainTextOf(said: MainText): Text {
  if (said.messageId === undefined) return { text: said.message }
  return mainMessage({ id: said.messageId, ...(said.params ? { params: said.params } : {}) })
}

export interface ErrorView {
  code: ErrorCode
  title: Message
  lines: Message[]
  /** The main process's own wording, shown as a detail line when it adds something. */
  detail?: Text
  fingerprints?: { expected: string; presented: string }
  /** Reachability problems (shared/error-kinds.ts): the caller shows "next attempt in N s". */
  retrying: boolean
  actions: ErrorAction[]
}

/** The bridge itself failed (not a main-process error): see bridge.ts. */
export const BRIDGE_FAILURE_CAUSE = 'bridge'

export function describeError(error: ErrorPayload): ErrorView {
  const d = error.detail ?? {}
  const view: ErrorView = {
    code: error.code,
    title: { key: `error.${error.code}.title` },
    lines: [{ key: `error.${error.code}.body` }],
    retrying: false,
    actions: [],
  }
  const withDetail = (): void => {
    if (error.message || error.messageId) view.detail = mainTextOf(error)
  }
  switch (error.code) {
    case 'auth':
      view.actions = ['openProfile', 'retry']
      withDetail()
      break
    case 'cert-changed':
      view.fingerprints = {
        expected: d.expectedFingerprint ?? '',
        presented: d.presentedFingerprint ?? '',
      }
      view.actions = ['trustNewCertificate', 'openProfile']
      break
    case 'tls': {
      // The reason in plain words when the code is a known one, then the code itself.
      const reason = certReason(d.cause)
      if (reason) view.lines.push({ key: `error.tls.reason.${reason}` })
      if (d.cause) view.lines.push({ key: 'error.tls.cause', params: { cause: d.cause } })
      view.actions = ['testConnection', 'openProfile']
      break
    }
    case 'isales': {
      const code = d.resultCode ?? '?'
      view.title = { key: 'error.isales.title', params: { code } }
      // A known code's meaning and action come from the shared catalogue.
      if (isKnownIsalesCode(code)) {
        const { meaning, action } = isalesCodeMessages(code)
        view.lines = [mainMessage(meaning), mainMessage(action)]
      } else view.lines = [{ key: 'error.isales.unknownCode', params: { code } }]
      if (d.resultDesc) {
        view.lines.push({ key: 'error.isales.serverSays', params: { desc: d.resultDesc } })
      }
      view.actions = ['openProfile', 'retry']
      break
    }
    case 'network':
    case 'timeout':
    case 'rate-limited':
      view.retrying = true
      withDetail()
      view.actions = ['retry']
      break
    case 'http':
      view.title = { key: 'error.http.title', params: { status: d.status ?? '?' } }
      view.retrying = isReachabilityProblem(error)
      withDetail()
      view.actions = ['retry']
      break
    case 'validation':
      // The message is the whole point: it names the field and the rule.
      view.lines = []
      withDetail()
      break
    case 'internal':
      if (d.cause === BRIDGE_FAILURE_CAUSE) view.lines = [{ key: 'error.internal.bridge' }]
      else withDetail()
      view.actions = ['retry']
      break
    case 'keychain':
      withDetail()
      view.actions = ['openProfile']
      break
    case 'protocol':
      // A cut-off reply is a transport failure: main retries it like a network error.
      view.retrying = isReachabilityProblem(error)
      withDetail()
      view.actions = ['retry']
      break
    case 'cancelled':
      break
  }
  return view
}
