/** Formatters for the window's current locale (dates, numbers, durations via Intl). */
import { computed, type ComputedRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { createFormatters, type Formatters } from '../logic/format'

export function useFormat(): ComputedRef<Formatters> {
  const { locale, t } = useI18n()
  return computed(() => createFormatters(locale.value, t('common.days')))
}
