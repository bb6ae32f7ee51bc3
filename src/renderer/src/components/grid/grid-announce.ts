/**
 * What a grid's polite live region says (VirtualGrid's `announcement`): the new sort after a
 * sort, and, when asked, the row count after a filter (not after every refresh: that would talk
 * over the user every few seconds). The same words twice are announced twice.
 */
import { ref, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { trn } from '../../i18n'
import type { GridSort } from './grid-types'

export interface GridAnnouncerOptions {
  /** Every column the grid may show (a sort names its column by its full title). */
  columns: () => readonly { key: string; title: string }[]
  sort: () => GridSort | null
  /** A change of this (deep) says the row count: the filter the rows answer. */
  filter?: () => unknown
  rowCount?: () => number
}

export function useGridAnnouncer(o: GridAnnouncerOptions): { announcement: Ref<string> } {
  const { t } = useI18n()
  const announcement = ref('')
  let flip = false
  /** Alternates a trailing invisible mark so the same words said twice are said twice. */
  const announce = (text: string): void => {
    flip = !flip
    announcement.value = flip ? text : `${text}\u200b`
  }

  const rowCount = o.rowCount
  if (o.filter && rowCount) {
    watch(o.filter, () => announce(trn('table.rowCount', rowCount())), {
      deep: true,
      flush: 'post',
    })
  }
  watch(
    () => {
      const s = o.sort()
      return s ? `${s.key}\u0000${s.order}` : ''
    },
    () => {
      const s = o.sort()
      if (!s) return
      const name = o.columns().find((c) => c.key === s.key)?.title ?? s.key
      announce(
        t(s.order === 'ascend' ? 'table.sortedAscending' : 'table.sortedDescending', {
          column: name,
        }),
      )
    },
  )
  return { announcement }
}
