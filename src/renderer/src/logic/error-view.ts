/**
 * What the window says and offers for each failure: message keys (translated by the caller) and
 * the actions that fix it. Every ErrorCode has its own text; nothing shows a stack trace.
 */
import { isReachabilityProblem } from '@shared/error-kinds'
import { ISALES_CODES, type ErrorCode, type ErrorPayload } from '@shared/errors'
import { certReason } from './cert-reason'

export type ErrorAction = 'openProfile' | 'trustNewCertificate' | 'testConnection' | 'retry'

export interface Message {
  key: string
  params?: Record<string, string | number>
}

export interface ErrorView {
  code: ErrorCode
  title: Message
  lines: Message[]
  /** The main process's own wording, shown as a detail line when it adds something. */
  detail?: string
  fingerprints?: { expected: string; presented: string }
  /** Reachability problems (shared/error-kinds.ts): the caller shows "next attempt in N s". */
  retrying: boolean
  actions: ErrorAction[]
}

/** The bridge itself failed (not a main-process error): see bridge.ts. */
export const BRIDGE_FAILURE_CAUSE = 'bridge'

/** Key of an iSales code's catalogue entry, or null when the catalogue does not know it. */
export function isalesCodeKey(code: string): string | null {
  return Object.hasOwn(ISALES_CODES, code) ? `isalesCode.c${code}` : null
}

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
    if (error.message) view.detail = error.message
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
      const known = isalesCodeKey(code)
      view.lines = known
        ? [{ key: `${known}.meaning` }, { key: `${known}.action` }]
        : [{ key: 'error.isales.unknownCode', params: { code } }]
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
