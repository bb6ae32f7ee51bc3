/** An ErrorPayload in the window's language: title, explanation lines and the main's detail. */
import type { KeychainStatus } from '@shared/contract'
import type { ErrorPayload } from '@shared/errors'
import { tr } from '../i18n'
import {
  describeError,
  mainTextOf,
  type ErrorView,
  type Message,
  type Text,
} from '../logic/error-view'
import { toast } from './toasts'

export type Translate = (key: string, params?: Record<string, unknown>) => string

/** A Text with a given translate function (a component's `t`, to follow the locale reactively). */
export function textWith(t: Translate, m: Text): string {
  if ('text' in m) return m.text
  if (!m.params) return t(m.key)
  const params: Record<string, string | number> = {}
  for (const [name, value] of Object.entries(m.params)) {
    params[name] = typeof value === 'object' ? textWith(t, value as Message) : value
  }
  return t(m.key, params)
}

export function text(m: Text): string {
  return textWith(tr, m)
}

/** Why the keychain cannot be used, in the window's language; its name when main gave no reason. */
export function keychainProblemText(t: Translate, status: KeychainStatus | null): string {
  if (status?.problem) return textWith(t, mainTextOf(status.problem))
  return status?.backend ?? ''
}

export interface ErrorTexts {
  view: ErrorView
  title: string
  lines: string[]
}

export function errorTexts(error: ErrorPayload): ErrorTexts {
  const view = describeError(error)
  const lines = view.lines.map(text)
  if (view.fingerprints) {
    lines.push(tr('error.cert-changed.expected', { fp: view.fingerprints.expected || '?' }))
    lines.push(tr('error.cert-changed.presented', { fp: view.fingerprints.presented || '?' }))
  }
  const detail = view.detail ? text(view.detail) : ''
  if (detail && !lines.includes(detail)) lines.push(detail)
  return { view, title: text(view.title), lines }
}

/** Operations that failed with no place of their own to say so: one error toast each. */
export type Operation =
  | 'loadProfiles'
  | 'saveProfile'
  | 'deleteProfile'
  | 'startDemo'
  | 'closeDemo'
  | 'clearSecret'
  | 'trust'
  | 'probe'
  | 'pickCa'
  | 'listCampaigns'
  | 'exportProfiles'
  | 'importProfiles'
  | 'loadSettings'
  | 'saveSettings'
  | 'openLogs'
  | 'exportCsv'
  | 'showInFolder'
  | 'loadTasks'
  | 'cancelRefresh'
  | 'loadAlerts'
  | 'acknowledgeAlerts'
  | 'muteCampaign'
  | 'loadOverview'

export function reportError(op: Operation, error: ErrorPayload): void {
  const { title, lines } = errorTexts(error)
  toast({
    kind: error.code === 'cancelled' ? 'info' : 'error',
    title: tr(`ops.${op}`),
    lines: [title, ...lines],
    testid: 'toast-error',
  })
}
