/**
 * English and Simplified Chinese (vue-i18n, composition mode). The window follows the OS language
 * (navigator.languages) unless Settings.locale picks one. Main's messages (errors, notices) are
 * merged in under `main.` from the shared catalogue (src/shared/messages).
 */
import { createI18n } from 'vue-i18n'
import { MESSAGES, resolveMessageLocale, type MessageLocale } from '@shared/messages'
import type { LocaleSetting } from '@shared/profile'
import en from './en'
import zhCN from './zh-CN'

export type AppLocale = MessageLocale
export const APP_LOCALES: readonly AppLocale[] = ['en', 'zh-CN']

export const messages = {
  en: { ...en, main: MESSAGES.en },
  'zh-CN': { ...zhCN, main: MESSAGES['zh-CN'] },
}

export const i18n = createI18n({
  legacy: false,
  locale: 'en',
  fallbackLocale: 'en',
  messages,
  missingWarn: true,
  fallbackWarn: false,
})

/** Any Chinese the OS prefers means Simplified Chinese here; everything else is English. */
export function resolveLocale(setting: LocaleSetting, languages: readonly string[]): AppLocale {
  return resolveMessageLocale(setting, languages) // the same rule main uses for notifications
}

export function applyLocale(locale: AppLocale): void {
  i18n.global.locale.value = locale
  if (typeof document !== 'undefined') {
    document.documentElement.lang = locale
    document.title = i18n.global.t('app.title')
  }
}

/** Translation outside components (stores, toasts). */
export function tr(key: string, params?: Record<string, unknown>): string {
  return params ? i18n.global.t(key, params) : i18n.global.t(key)
}

/** Plural form ("1 task" / "2 tasks"; Chinese has one form), {n} formatted for the locale. */
export function trn(key: string, n: number, params?: Record<string, unknown>): string {
  const shown = new Intl.NumberFormat(i18n.global.locale.value).format(n)
  return i18n.global.t(key, { ...params, n: shown }, n)
}
