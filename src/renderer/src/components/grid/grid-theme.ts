/** The grid's colours from the Naive theme (contrast-tested there), as the --vg-* variables. */
import { computed, type ComputedRef } from 'vue'
import { useThemeVars } from 'naive-ui'

export function useGridColors(): ComputedRef<Record<string, string>> {
  const theme = useThemeVars()
  return computed(() => ({
    '--vg-text': theme.value.textColor2,
    '--vg-head-bg': theme.value.tableHeaderColor,
    '--vg-bg': theme.value.tableColor,
    '--vg-border': theme.value.dividerColor,
    '--vg-hover': theme.value.tableColorHover,
    '--vg-focus': theme.value.primaryColor,
  }))
}
