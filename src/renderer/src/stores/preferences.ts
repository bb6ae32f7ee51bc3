/** Settings (from main), app info, and the locale and theme they and the OS make. */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { AppInfo } from '@shared/contract'
import { DEFAULT_SETTINGS, type Settings } from '@shared/profile'
import { call } from '../bridge'
import { applyLocale, resolveLocale, tr, type AppLocale } from '../i18n'
import { mainTextOf } from '../logic/error-view'
import { reportError, text } from '../ui/error-text'
import { toast } from '../ui/toasts'

export type AppTheme = 'light' | 'dark'

const DARK_QUERY = '(prefers-color-scheme: dark)'

function systemLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return []
  return navigator.languages?.length ? navigator.languages : [navigator.language]
}

/** Problems main met at start-up (a file set aside, the demo not starting): one warning each. */
function showNotices(info: AppInfo): void {
  for (const notice of info.notices ?? []) {
    toast({
      kind: 'warning',
      title: tr('toast.startupNotice'),
      lines: [text(mainTextOf(notice))],
      testid: 'toast-notice',
    })
  }
}

export const usePreferencesStore = defineStore('preferences', () => {
  const settings = ref<Settings>({ ...DEFAULT_SETTINGS })
  const appInfo = shallowRef<AppInfo | null>(null)
  const loaded = ref(false)
  const systemDark = ref(typeof matchMedia === 'function' ? matchMedia(DARK_QUERY).matches : false)
  const languages = ref<readonly string[]>(systemLanguages())

  const locale = computed<AppLocale>(() => resolveLocale(settings.value.locale, languages.value))
  const theme = computed<AppTheme>(() =>
    settings.value.theme === 'system'
      ? systemDark.value
        ? 'dark'
        : 'light'
      : settings.value.theme,
  )
  const isMac = computed(() =>
    /^(darwin|mac)/i.test(appInfo.value?.platform ?? globalThis.navigator?.platform ?? ''),
  )

  async function load(): Promise<void> {
    const [s, info] = await Promise.all([
      call((api) => api.getSettings({})),
      call((api) => api.appInfo({})),
    ])
    if (s.ok) settings.value = s.data
    else reportError('loadSettings', s.error)
    if (info.ok) {
      appInfo.value = info.data
      applyLocale(locale.value) // now, not on App's watch: the notices are worded in it
      showNotices(info.data)
    } else reportError('loadSettings', info.error)
    loaded.value = true
  }

  /** Applies at once (optimistic) and goes back if main refuses. */
  async function update(patch: Partial<Settings>): Promise<boolean> {
    const before = settings.value
    settings.value = { ...before, ...patch }
    const r = await call((api) => api.updateSettings(patch))
    if (r.ok) {
      settings.value = r.data
      return true
    }
    settings.value = before
    reportError('saveSettings', r.error)
    return false
  }

  async function openLogFolder(): Promise<void> {
    const r = await call((api) => api.openLogFolder({}))
    if (!r.ok) reportError('openLogs', r.error)
  }

  /** Follows the OS theme and language while the window is open; returns the undo. */
  function watchSystem(): () => void {
    const undo: (() => void)[] = []
    if (typeof matchMedia === 'function') {
      const mq = matchMedia(DARK_QUERY)
      const onChange = (e: MediaQueryListEvent): void => {
        systemDark.value = e.matches
      }
      mq.addEventListener?.('change', onChange)
      undo.push(() => mq.removeEventListener?.('change', onChange))
    }
    if (typeof window !== 'undefined') {
      const onLanguage = (): void => {
        languages.value = systemLanguages()
      }
      window.addEventListener('languagechange', onLanguage)
      undo.push(() => window.removeEventListener('languagechange', onLanguage))
    }
    return () => undo.forEach((f) => f())
  }

  return {
    settings,
    appInfo,
    loaded,
    systemDark,
    languages,
    locale,
    theme,
    isMac,
    load,
    update,
    openLogFolder,
    watchSystem,
  }
})
