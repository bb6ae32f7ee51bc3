/**
 * English and Simplified Chinese (vue-i18n, composition mode). The window follows the OS language
 * (navigator.languages) unless Settings.locale picks one.
 */
import { createI18n } from 'vue-i18n'
import type { LocaleSetting } from '@shared/profile'
import en from './en'
import zhCN from './zh-CN'

export type AppLocale = 'en' | 'zh-CN'
export const APP_LOCALES: readonly AppLocale[] = ['en', 'zh-CN']

export const messages = { en, 'zh-CN': zhCN }

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
  if (setting === 'en' || setting === 'zh-CN') return setting
  for (const lang of languages) {
    const l = lang.toLowerCase()
    if (l.startsWith('zh')) return 'zh-CN'
    if (l.startsWith('en')) return 'en'
  }
  return 'en'
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
