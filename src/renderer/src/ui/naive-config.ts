/** Naive UI's theme and locale for the window's theme and language (also used by the toasts). */
import { computed, type ComputedRef } from 'vue'
import { darkTheme, dateEnUS, dateZhCN, enUS, zhCN, type ConfigProviderProps } from 'naive-ui'
import { usePreferencesStore } from '../stores/preferences'

export function naiveConfig(): ComputedRef<ConfigProviderProps> {
  const prefs = usePreferencesStore()
  return computed(() => ({
    theme: prefs.theme === 'dark' ? darkTheme : null,
    locale: prefs.locale === 'zh-CN' ? zhCN : enUS,
    dateLocale: prefs.locale === 'zh-CN' ? dateZhCN : dateEnUS,
  }))
}
