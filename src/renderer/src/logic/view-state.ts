/**
 * What a supervisor set up for one campaign (filter and sort), remembered per profile + campaign
 * in localStorage. Parsing is defensive: anything unexpected falls back to the defaults.
 */
import { TASK_STATUSES, type TaskStatus } from '@shared/import-task'
import {
  DEFAULT_SORT,
  EMPTY_FILTER,
  SORT_COLUMNS,
  type SortState,
  type TaskFilter,
} from './task-index'

export interface ViewState {
  filter: TaskFilter
  sort: SortState
}

const PREFIX = 'isales-monitor:view:v1:'

export function campaignKey(profileId: string, campaignId: string): string {
  return JSON.stringify([profileId, campaignId])
}

export function viewStorageKey(profileId: string, campaignId: string): string {
  return PREFIX + campaignKey(profileId, campaignId)
}

export function defaultViewState(): ViewState {
  return { filter: { ...EMPTY_FILTER, statuses: [] }, sort: { ...DEFAULT_SORT } }
}

function isStatus(v: unknown): v is TaskStatus {
  return typeof v === 'string' && (TASK_STATUSES as readonly string[]).includes(v)
}

function time(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null
}

export function parseViewState(raw: string | null): ViewState {
  const state = defaultViewState()
  if (!raw) return state
  let data: unknown
  try {
    data = JSON.parse(raw)
  } catch {
    return state
  }
  if (typeof data !== 'object' || data === null) return state
  const { filter, sort } = data as {
    filter?: Record<string, unknown>
    sort?: Record<string, unknown>
  }
  if (filter && typeof filter === 'object') {
    const statuses = Array.isArray(filter['statuses']) ? filter['statuses'].filter(isStatus) : []
    state.filter = {
      statuses: [...new Set(statuses)],
      beginFrom: time(filter['beginFrom']),
      beginTo: time(filter['beginTo']),
      text: typeof filter['text'] === 'string' ? filter['text'].slice(0, 200) : '',
      onlyFailed: filter['onlyFailed'] === true,
      cause:
        typeof filter['cause'] === 'string' && filter['cause'] !== ''
          ? filter['cause'].slice(0, 2000)
          : null,
    }
  }
  if (sort && typeof sort === 'object') {
    const column = sort['column']
    const order = sort['order']
    if (
      typeof column === 'string' &&
      (SORT_COLUMNS as readonly string[]).includes(column) &&
      (order === 'ascend' || order === 'descend')
    ) {
      state.sort = { column: column as SortState['column'], order }
    }
  }
  return state
}

export function serializeViewState(state: ViewState): string {
  return JSON.stringify({ filter: state.filter, sort: state.sort })
}

/** The last selected campaign, restored on start. */
export const SELECTION_STORAGE_KEY = 'isales-monitor:selection:v1'
