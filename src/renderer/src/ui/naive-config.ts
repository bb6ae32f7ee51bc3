/** Naive UI's theme and locale for the window's theme and language (also used by the toasts). */
import { computed, h, type ComputedRef } from 'vue'
import {
  darkTheme,
  dateEnUS,
  dateZhCN,
  enUS,
  zhCN,
  type ConfigProviderProps,
  type GlobalThemeOverrides,
} from 'naive-ui'
import { InboxIcon } from '../components/icons'
import { usePreferencesStore } from '../stores/preferences'

/**
 * Every empty state (ours and the table's) shows a plain empty tray: Naive's default picture has
 * an × badge that reads as an error where nothing is wrong.
 */
export const COMPONENT_OPTIONS: ConfigProviderProps['componentOptions'] = {
  Empty: { renderIcon: () => h(InboxIcon) },
}

/**
 * Light theme colours for WCAG 2.1 AA (naive-config.test.ts checks every pair): Naive's defaults
 * give white on its green 3.4:1 and its orange text 2.2:1, so each accent is darkened until it is
 * ≥ 4.5:1 as text on white, on its own 12 % tag tint and under white button text, in every state
 * (hover, pressed, suppl included). Grey text and placeholders likewise; icons and input borders
 * (graphics that identify a control) ≥ 3:1.
 */
export const LIGHT_COLORS = {
  primaryColor: '#0b6e3c',
  primaryColorHover: '#0c7a43',
  primaryColorPressed: '#085530',
  primaryColorSuppl: '#0c7a43',
  successColor: '#0b6e3c',
  successColorHover: '#0c7a43',
  successColorPressed: '#085530',
  successColorSuppl: '#0c7a43',
  infoColor: '#1060c9',
  infoColorHover: '#1a6ad6',
  infoColorPressed: '#0b4fa6',
  infoColorSuppl: '#1a6ad6',
  warningColor: '#8f5300',
  warningColorHover: '#9a5a00',
  warningColorPressed: '#7a4600',
  warningColorSuppl: '#9a5a00',
  errorColor: '#b01c3d',
  errorColorHover: '#c01f42',
  errorColorPressed: '#a01a38',
  errorColorSuppl: '#c01f42',
  textColor3: 'rgb(92, 98, 104)',
  placeholderColor: 'rgb(107, 112, 117)',
  iconColor: 'rgb(118, 124, 130)',
  iconColorHover: 'rgb(92, 98, 104)',
  iconColorPressed: 'rgb(72, 78, 84)',
  clearColor: 'rgb(118, 124, 130)',
  clearColorHover: 'rgb(92, 98, 104)',
  clearColorPressed: 'rgb(72, 78, 84)',
} as const

/**
 * Dark theme: Naive's accents pass on its dark surfaces except its red on a red tag in a hovered
 * row (4.0:1), so the red is lightened; its tertiary text (0.38 white, 3.6:1: the empty states)
 * and placeholders are raised.
 */
export const DARK_COLORS = {
  errorColor: '#f29c9c',
  errorColorHover: '#f5a8a8',
  errorColorPressed: '#e88080',
  textColor3: 'rgba(255, 255, 255, 0.62)',
  placeholderColor: 'rgba(255, 255, 255, 0.6)',
  iconColor: 'rgba(255, 255, 255, 0.5)',
  clearColor: 'rgba(255, 255, 255, 0.5)',
} as const

/** The border that outlines a text field or a select: ≥ 3:1 against the page, so the field shows. */
export const FIELD_BORDER = { light: 'rgb(128, 133, 140)', dark: 'rgba(255, 255, 255, 0.4)' }

function overrides(theme: 'light' | 'dark'): GlobalThemeOverrides {
  const common = theme === 'light' ? LIGHT_COLORS : DARK_COLORS
  const border = `1px solid ${FIELD_BORDER[theme]}`
  return {
    common,
    // The empty states' text is Naive's "disabled" grey (1.8:1 light, 3.6:1 dark): tertiary text.
    Empty: { textColor: common.textColor3 },
    // A disabled checkbox still says something (the request headers that are always signed).
    Checkbox: { textColorDisabled: common.textColor3 },
    Input: { border },
    InternalSelection: { border },
  }
}

export const THEME_OVERRIDES = { light: overrides('light'), dark: overrides('dark') }

/**
 * Colours the window's own CSS uses, set on the root element by App.vue (dialogs and drawers are
 * teleported out of the app's tree): base.css's focus ring (the primary colour) and the muted
 * text of hints, ids and counts (the tertiary text colour, in place of a faded opacity that fell
 * under 4.5:1), and the warning and error text of our own notes (certificate validity, trust
 * errors). naive-config.test.ts checks them all on every surface.
 */
export const CSS_VARS = {
  light: {
    '--app-focus-ring': LIGHT_COLORS.primaryColor,
    '--app-text-muted': LIGHT_COLORS.textColor3,
    '--app-text-warning': LIGHT_COLORS.warningColor,
    '--app-text-error': LIGHT_COLORS.errorColor,
  },
  dark: {
    '--app-focus-ring': darkTheme.common.primaryColor,
    '--app-text-muted': DARK_COLORS.textColor3,
    '--app-text-warning': darkTheme.common.warningColor,
    '--app-text-error': DARK_COLORS.errorColor,
  },
} as const

export function naiveConfig(): ComputedRef<ConfigProviderProps> {
  const prefs = usePreferencesStore()
  return computed(() => ({
    theme: prefs.theme === 'dark' ? darkTheme : null,
    themeOverrides: THEME_OVERRIDES[prefs.theme === 'dark' ? 'dark' : 'light'],
    locale: prefs.locale === 'zh-CN' ? zhCN : enUS,
    dateLocale: prefs.locale === 'zh-CN' ? dateZhCN : dateEnUS,
    componentOptions: COMPONENT_OPTIONS,
  }))
}
