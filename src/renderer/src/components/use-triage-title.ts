/** A cause group's title and "what to fix" line in the window's language. */
import { useI18n } from 'vue-i18n'
import { NO_MESSAGE_KEY, triageTextWith, type CauseGroup } from '../logic/triage'

export function useTriageText(): {
  title: (g: CauseGroup) => string
  fix: (g: CauseGroup) => string | null
  /** The title of the cause `key` among `groups`, for the filter chip (the key when absent). */
  titleOfKey: (groups: readonly CauseGroup[], key: string) => string
} {
  const { t } = useI18n()
  const { title, fix } = triageTextWith((key) => t(key))
  function titleOfKey(groups: readonly CauseGroup[], key: string): string {
    const g = groups.find((x) => x.key === key)
    if (g) return title(g)
    return key === NO_MESSAGE_KEY ? t('triage.noMessage') : key
  }
  return { title, fix, titleOfKey }
}
