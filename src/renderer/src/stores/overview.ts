/**
 * The overview: main's rows (one per watched campaign of every server, overview:get and
 * overview:updated), the table's filter and sort (remembered in localStorage), and each
 * campaign's health for the sidebar.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { HEALTH_STATES, type Health } from '@shared/day-health'
import type { OverviewRow, OverviewSnapshot } from '@shared/overview'
import { call, subscribe } from '../bridge'
import {
  DEFAULT_OVERVIEW_SORT,
  EMPTY_OVERVIEW_FILTER,
  OVERVIEW_SORT_COLUMNS,
  countByHealth,
  filterOverview,
  isOverviewFilterActive,
  sortOverview,
  type OverviewFilter,
  type OverviewSort,
} from '../logic/overview-table'
import { campaignKey } from '../logic/view-state'
import { reportError } from '../ui/error-text'

const STORAGE_KEY = 'isales-monitor:overview:v1'

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    return null
  }
}

/** The remembered filter and sort; anything unexpected falls back to the defaults. */
export function parseOverviewView(raw: string | null): {
  filter: OverviewFilter
  sort: OverviewSort
} {
  const view: { filter: OverviewFilter; sort: OverviewSort } = {
    filter: { ...EMPTY_OVERVIEW_FILTER, health: [], profileIds: [] },
    sort: { ...DEFAULT_OVERVIEW_SORT },
  }
  let data: unknown
  try {
    data = raw ? JSON.parse(raw) : null
  } catch {
    return view
  }
  if (typeof data !== 'object' || data === null) return view
  const { filter, sort } = data as {
    filter?: Record<string, unknown>
    sort?: Record<string, unknown>
  }
  if (filter && typeof filter === 'object') {
    const health = Array.isArray(filter['health']) ? filter['health'] : []
    const ids = Array.isArray(filter['profileIds']) ? filter['profileIds'] : []
    view.filter = {
      health: health.filter((h): h is Health => (HEALTH_STATES as readonly unknown[]).includes(h)),
      profileIds: ids.filter((id): id is string => typeof id === 'string'),
      text: typeof filter['text'] === 'string' ? filter['text'].slice(0, 200) : '',
    }
  }
  const column = sort?.['column']
  const order = sort?.['order']
  if (
    typeof column === 'string' &&
    (OVERVIEW_SORT_COLUMNS as readonly string[]).includes(column) &&
    (order === 'ascend' || order === 'descend')
  ) {
    view.sort = { column: column as OverviewSort['column'], order }
  }
  return view
}

export const useOverviewStore = defineStore('overview', () => {
  const stored = parseOverviewView(storage()?.getItem(STORAGE_KEY) ?? null)
  const rows = shallowRef<OverviewRow[]>([])
  const computedAt = ref<number | null>(null)
  const filter = ref<OverviewFilter>(stored.filter)
  const sort = ref<OverviewSort>(stored.sort)

  const byKey = computed(
    () => new Map(rows.value.map((r) => [campaignKey(r.profileId, r.campaignId), r])),
  )
  const visibleRows = computed(() =>
    sortOverview(filterOverview(rows.value, filter.value), sort.value),
  )
  const counts = computed(() => countByHealth(rows.value))
  const filterActive = computed(() => isOverviewFilterActive(filter.value))

  function rowOf(profileId: string, campaignId: string): OverviewRow | null {
    return byKey.value.get(campaignKey(profileId, campaignId)) ?? null
  }

  /** The campaign's health; null before main has said anything about it. */
  function healthOf(profileId: string, campaignId: string): Health | null {
    return rowOf(profileId, campaignId)?.health ?? null
  }

  function persist(): void {
    try {
      storage()?.setItem(STORAGE_KEY, JSON.stringify({ filter: filter.value, sort: sort.value }))
    } catch {
      // Only the memory of the filter is lost.
    }
  }

  function setFilter(patch: Partial<OverviewFilter>): void {
    filter.value = { ...filter.value, ...patch }
    persist()
  }

  function clearFilters(): void {
    setFilter({ health: [], profileIds: [], text: '' })
  }

  /** null: back to the default order (worst first). */
  function setSort(next: OverviewSort | null): void {
    sort.value = next ? { ...next } : { ...DEFAULT_OVERVIEW_SORT }
    persist()
  }

  function onUpdated(s: OverviewSnapshot): void {
    rows.value = s.rows
    computedAt.value = s.computedAt
  }

  async function load(): Promise<void> {
    const r = await call((api) => api.getOverview({}))
    if (!r.ok) return reportError('loadOverview', r.error)
    // An update may have arrived meanwhile: keep the newer one.
    if (computedAt.value === null || r.data.computedAt >= computedAt.value) onUpdated(r.data)
  }

  function start(): () => void {
    return subscribe((api) => api.onOverviewUpdated(onUpdated))
  }

  return {
    rows,
    computedAt,
    filter,
    sort,
    visibleRows,
    counts,
    filterActive,
    rowOf,
    healthOf,
    setFilter,
    clearFilters,
    setSort,
    onUpdated,
    load,
    start,
  }
})
