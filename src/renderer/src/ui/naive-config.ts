/** Naive UI's theme and locale for the window's theme and language (also used by the toasts). */
import { computed, h, type ComputedRef } from 'vue'
import { darkTheme, dateEnUS, dateZhCN, enUS, zhCN, type ConfigProviderProps } from 'naive-ui'
import { InboxIcon } from '../components/icons'
import { usePreferencesStore } from '../stores/preferences'

/**
 * Every empty state (ours and the table's) shows a plain empty tray: Naive's default picture has
 * an × badge that reads as an error where nothing is wrong.
 */
export const COMPONENT_OPTIONS: ConfigProviderProps['componentOptions'] = {
  Empty: { renderIcon: () => h(InboxIcon) },
}

export function naiveConfig(): ComputedRef<ConfigProviderProps> {
  const prefs = usePreferencesStore()
  return computed(() => ({
    theme: prefs.theme === 'dark' ? darkTheme : null,
    locale: prefs.locale === 'zh-CN' ? zhCN : enUS,
    dateLocale: prefs.locale === 'zh-CN' ? dateZhCN : dateEnUS,
    componentOptions: COMPONENT_OPTIONS,
  }))
}
