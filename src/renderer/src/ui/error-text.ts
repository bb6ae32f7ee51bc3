/** An ErrorPayload in the window's language: title, explanation lines and the main's detail. */
import type { ErrorPayload } from '@shared/errors'
import { tr } from '../i18n'
import { describeError, type ErrorView, type Message } from '../logic/error-view'
import { toast } from './toasts'

export function text(m: Message): string {
  return tr(m.key, m.params)
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
  if (view.detail && !lines.includes(view.detail)) lines.push(view.detail)
  return { view, title: text(view.title), lines }
}

/** Operations that failed with no place of their own to say so: one error toast each. */
export type Operation =
  | 'loadProfiles'
  | 'saveProfile'
  | 'deleteProfile'
  | 'startDemo'
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

export function reportError(op: Operation, error: ErrorPayload): void {
  const { title, lines } = errorTexts(error)
  toast({
    kind: error.code === 'cancelled' ? 'info' : 'error',
    title: tr(`ops.${op}`),
    lines: [title, ...lines],
    testid: 'toast-error',
  })
}
