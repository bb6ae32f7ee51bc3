/**
 * Import tasks per campaign: snapshots (main's versioned lists and deltas, task-lists.ts), the
 * selected campaign, its filter and sort (remembered per campaign), refresh with progress and
 * cancel, and CSV export of what is on screen.
 *
 * Snapshots are kept shallow (never deep-reactive: 50,000 tasks would each get a proxy); the
 * filter/sort work is done by TaskIndex, one per snapshot (patched from the previous one after a
 * small delta).
 *
 * Just over 400 lines: the refresh and event paths update the same snapshot map and stay side by
 * side; how a list's versions move on is in task-lists.ts.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { ProgressEvent, TaskSnapshot, TasksChange } from '@shared/contract'
import type { ErrorPayload } from '@shared/errors'
import type { ImportTask } from '@shared/import-task'
import type { ProfileView } from '@shared/profile'
import { call, subscribe } from '../bridge'
import { tr, trn } from '../i18n'
import { campaignState, recordsOverTime, summarize, type CampaignState } from '../logic/summary'
import {
  DEFAULT_SORT,
  EMPTY_FILTER,
  TaskIndex,
  isFilterActive,
  type SortState,
  type TaskFilter,
} from '../logic/task-index'
import {
  SELECTION_STORAGE_KEY,
  campaignKey,
  parseViewState,
  serializeViewState,
  viewStorageKey,
  type ViewState,
} from '../logic/view-state'
import { triageOf, triageRows, triageTextWith } from '../logic/triage'
import { reportError } from '../ui/error-text'
import { toast } from '../ui/toasts'
import { useConnectivityStore } from './connectivity'
import { createTaskLists } from './task-lists'
import { newRequestId, readSelection, storage } from './task-storage'

export interface CampaignRef {
  profileId: string
  campaignId: string
}

export interface RefreshState {
  requestId: string
  progress: ProgressEvent | null
  /** Started by the window in the background (start-up): no progress bar, no toast. */
  background: boolean
}

export const useTasksStore = defineStore('tasks', () => {
  const connectivity = useConnectivityStore()

  const snapshots = shallowRef<Record<string, TaskSnapshot>>({})
  /** The last refresh of a campaign failed (and main had no cached tasks to show instead). */
  const failures = ref<Record<string, ErrorPayload>>({})
  const refreshing = ref<Record<string, RefreshState>>({})
  const selection = ref<CampaignRef | null>(readSelection())
  const views = ref<Record<string, ViewState>>({})
  const refreshedOnce = new Set<string>()
  const indexes = new WeakMap<TaskSnapshot, TaskIndex>()
  const baseStates = new WeakMap<TaskSnapshot, CampaignState>()

  function indexFor(s: TaskSnapshot): TaskIndex {
    let index = indexes.get(s)
    if (!index) {
      const fetched = Date.parse(s.fetchedAt)
      index = new TaskIndex(s.tasks, Number.isNaN(fetched) ? Date.now() : fetched)
      indexes.set(s, index)
    }
    return index
  }

  function setSnapshot(s: TaskSnapshot): void {
    snapshots.value = { ...snapshots.value, [campaignKey(s.profileId, s.campaignId)]: s }
  }

  const lists = createTaskLists({
    snapshotOf: (key) => snapshots.value[key],
    setSnapshot,
    builtIndex: (s) => indexes.get(s),
    patchIndex(s, patch) {
      const fetched = Date.parse(s.fetchedAt)
      indexes.set(s, new TaskIndex(s.tasks, Number.isNaN(fetched) ? Date.now() : fetched, patch))
    },
    onFresh({ profileId, campaignId }) {
      clearFailure(campaignKey(profileId, campaignId))
      connectivity.markOnline(profileId)
    },
  })

  function storedView(profileId: string, campaignId: string): ViewState {
    return parseViewState(storage()?.getItem(viewStorageKey(profileId, campaignId)) ?? null)
  }

  /** The campaign's filter and sort, read from storage the first time (no state change). */
  function viewOf(profileId: string, campaignId: string): ViewState {
    return views.value[campaignKey(profileId, campaignId)] ?? storedView(profileId, campaignId)
  }

  /** Same, kept in state so it can change. */
  function ensureView(profileId: string, campaignId: string): ViewState {
    const key = campaignKey(profileId, campaignId)
    if (!views.value[key]) views.value[key] = storedView(profileId, campaignId)
    return views.value[key]!
  }

  // ---- the selected campaign ----------------------------------------------------------------

  const currentKey = computed(() =>
    selection.value ? campaignKey(selection.value.profileId, selection.value.campaignId) : null,
  )
  const current = computed<TaskSnapshot | null>(() =>
    currentKey.value ? (snapshots.value[currentKey.value] ?? null) : null,
  )
  const currentView = computed<ViewState>(() =>
    selection.value
      ? viewOf(selection.value.profileId, selection.value.campaignId)
      : { filter: { ...EMPTY_FILTER }, sort: { ...DEFAULT_SORT } },
  )
  const filterActive = computed(() => isFilterActive(currentView.value.filter))
  /** What the table shows and "Export view" writes: filtered, in screen order. */
  const visibleTasks = computed<ImportTask[]>(() => {
    const s = current.value
    if (!s) return []
    return indexFor(s).view(currentView.value.filter, currentView.value.sort)
  })
  /** The same set in no particular order: unchanged by a sort, so the summary is not redone. */
  const filteredTasks = computed<readonly ImportTask[]>(() => {
    const s = current.value
    return s ? indexFor(s).filtered(currentView.value.filter) : []
  })
  /** Failed imports of the view by cause: every filter but the cause, so all causes stay listed. */
  const triage = computed(() => {
    const s = current.value
    const f = currentView.value.filter
    if (!s) return []
    return triageOf(
      f.cause === null ? filteredTasks.value : indexFor(s).filtered({ ...f, cause: null }),
    )
  })
  const summary = computed(() => summarize(filteredTasks.value))
  const chart = computed(() => recordsOverTime(filteredTasks.value))
  const currentRefresh = computed<RefreshState | null>(() =>
    currentKey.value ? (refreshing.value[currentKey.value] ?? null) : null,
  )
  /** What went wrong for the selected campaign: the stale snapshot's cause or the last failure. */
  const currentError = computed<ErrorPayload | null>(() => {
    if (!currentKey.value) return null
    return failures.value[currentKey.value] ?? current.value?.error ?? null
  })

  function persistView(profileId: string, campaignId: string): void {
    try {
      storage()?.setItem(
        viewStorageKey(profileId, campaignId),
        serializeViewState(viewOf(profileId, campaignId)),
      )
    } catch {
      // A full or unavailable storage only costs the memory of the filter.
    }
  }

  function setFilter(patch: Partial<TaskFilter>): void {
    const sel = selection.value
    if (!sel) return
    const view = ensureView(sel.profileId, sel.campaignId)
    view.filter = { ...view.filter, ...patch }
    persistView(sel.profileId, sel.campaignId)
  }

  function clearFilters(): void {
    setFilter({ ...EMPTY_FILTER, statuses: [] })
  }

  /** null: back to the default order (newest first). */
  function setSort(sort: SortState | null): void {
    const sel = selection.value
    if (!sel) return
    ensureView(sel.profileId, sel.campaignId).sort = sort ? { ...sort } : { ...DEFAULT_SORT }
    persistView(sel.profileId, sel.campaignId)
  }

  function stateOf(profileId: string, campaignId: string): CampaignState {
    const key = campaignKey(profileId, campaignId)
    const s = snapshots.value[key]
    const link = connectivity.stateOf(profileId)
    const offline =
      link === 'offline' || link === 'error' || Boolean(s?.stale) || key in failures.value
    if (offline) return 'offline'
    if (!s) return 'unknown'
    let base = baseStates.get(s)
    if (!base) {
      base = campaignState(s.tasks, { offline: false })
      baseStates.set(s, base)
    }
    return base
  }

  // ---- loading and refreshing -----------------------------------------------------------------

  /** The campaign's cached list; asked once even when start-up and select() both want it. */
  async function loadCached(profileId: string, campaignId: string): Promise<void> {
    const error = await lists.loadCached(profileId, campaignId)
    if (error) reportError('loadTasks', error)
  }

  async function refresh(
    target: CampaignRef | null = selection.value,
    opts: { background?: boolean } = {},
  ): Promise<void> {
    if (!target) return
    const { profileId, campaignId } = target
    const key = campaignKey(profileId, campaignId)
    if (refreshing.value[key]) return
    const requestId = newRequestId()
    refreshing.value = {
      ...refreshing.value,
      [key]: { requestId, progress: null, background: Boolean(opts.background) },
    }
    refreshedOnce.add(key)
    const r = await call((api) => api.refreshTasks({ profileId, campaignId, requestId }))
    // select() may have brought a background refresh to the front meanwhile.
    const background = refreshing.value[key]?.background ?? Boolean(opts.background)
    const next = { ...refreshing.value }
    delete next[key]
    refreshing.value = next
    if (r.ok) {
      // The tasks came as 'tasks:changed'; the reply says which version they should be.
      clearFailure(key)
      await lists.onReceipt(profileId, campaignId, r.data)
      return
    }
    if (r.error.code === 'cancelled') {
      if (!background) {
        toast({ kind: 'info', title: tr('toast.refreshCancelled'), testid: 'toast-cancelled' })
      }
      return
    }
    failures.value = { ...failures.value, [key]: r.error }
  }

  function clearFailure(key: string): void {
    if (!(key in failures.value)) return
    const next = { ...failures.value }
    delete next[key]
    failures.value = next
  }

  async function cancel(target: CampaignRef | null = selection.value): Promise<void> {
    if (!target) return
    const state = refreshing.value[campaignKey(target.profileId, target.campaignId)]
    if (!state) return
    const r = await call((api) => api.cancelRefresh({ requestId: state.requestId }))
    if (!r.ok) reportError('cancelRefresh', r.error)
  }

  /** Shows a campaign: its cached tasks at once, then a refresh (once per session). */
  async function select(profileId: string, campaignId: string): Promise<void> {
    selection.value = { profileId, campaignId }
    ensureView(profileId, campaignId)
    try {
      storage()?.setItem(SELECTION_STORAGE_KEY, JSON.stringify(selection.value))
    } catch {
      // Only the memory of the last campaign is lost.
    }
    const key = campaignKey(profileId, campaignId)
    const running = refreshing.value[key]
    if (running?.background) {
      // A start-up refresh of this campaign is under way: show its progress from now on.
      refreshing.value = { ...refreshing.value, [key]: { ...running, background: false } }
    }
    if (!snapshots.value[key]) await loadCached(profileId, campaignId)
    if (!refreshedOnce.has(key)) await refresh({ profileId, campaignId })
  }

  function clearSelection(): void {
    selection.value = null
  }

  /**
   * Start-up: every watched campaign's cached tasks (for the sidebar dots), then one background
   * refresh at a time of those that may have moved (imports in progress, or nothing cached), so
   * main keeps them current. The selected campaign is refreshed by select().
   */
  async function loadAll(profiles: readonly ProfileView[]): Promise<void> {
    const all = profiles.flatMap((p) =>
      p.campaigns.map((c) => ({ profileId: p.id, campaignId: c.id })),
    )
    await Promise.all(
      all
        .filter((c) => !snapshots.value[campaignKey(c.profileId, c.campaignId)])
        .map((c) => loadCached(c.profileId, c.campaignId)),
    )
    for (const c of all) {
      const key = campaignKey(c.profileId, c.campaignId)
      if (refreshedOnce.has(key) || key === currentKey.value) continue
      const state = stateOf(c.profileId, c.campaignId)
      if (state === 'running' || state === 'unknown') await refresh(c, { background: true })
    }
  }

  /** A profile was deleted or its campaigns changed: drop what no longer exists. */
  function retain(profiles: readonly ProfileView[]): void {
    const keep = new Set(profiles.flatMap((p) => p.campaigns.map((c) => campaignKey(p.id, c.id))))
    const snaps = Object.fromEntries(
      Object.entries(snapshots.value).filter(([key]) => keep.has(key)),
    )
    if (Object.keys(snaps).length !== Object.keys(snapshots.value).length) snapshots.value = snaps
    lists.retain(keep)
    if (currentKey.value && !keep.has(currentKey.value)) selection.value = null
  }

  // ---- events from main -------------------------------------------------------------------------

  function onChanged(change: TasksChange): void {
    lists.onChanged(change)
  }

  function onProgress(e: ProgressEvent): void {
    const key = campaignKey(e.profileId, e.campaignId)
    const state = refreshing.value[key]
    if (state?.requestId !== e.requestId) return
    refreshing.value = { ...refreshing.value, [key]: { ...state, progress: e } }
  }

  function start(): () => void {
    const offs = [
      subscribe((api) => api.onTasksChanged(onChanged)),
      subscribe((api) => api.onTasksProgress(onProgress)),
    ]
    return () => offs.forEach((off) => off())
  }

  // ---- export -------------------------------------------------------------------------------------

  async function showInFolder(path: string): Promise<void> {
    const r = await call((api) => api.showInFolder({ path }))
    if (!r.ok) reportError('showInFolder', r.error)
  }

  /** What the export buttons write (the header's CSV / Excel switch). */
  const exportFormat = ref<'csv' | 'xlsx'>('csv')

  /**
   * 'view': the filtered tasks in screen order; 'all': every task of the campaign. As CSV or an
   * Excel workbook (exportFormat); the save dialog can still switch by the file's extension.
   */
  const triageText = triageTextWith((key) => tr(key))

  async function exportCsv(mode: 'view' | 'all'): Promise<void> {
    const sel = selection.value
    if (!sel || !current.value) return
    if (mode === 'view' && visibleTasks.value.length === 0) return
    if (current.value.tasks.length === 0) return // nothing to write (the button says so)
    const taskIds = mode === 'view' ? visibleTasks.value.map((t) => t.id) : null
    const format = exportFormat.value
    // The workbook's Summary sheet lists the exported rows' failures by cause, as titled on screen.
    const groups =
      format === 'xlsx'
        ? triageRows(
            triageOf(mode === 'view' ? filteredTasks.value : current.value.tasks),
            triageText,
          )
        : undefined
    const r = await call((api) =>
      api.exportCsv({ ...sel, taskIds, format, ...(groups ? { groups } : {}) }),
    )
    if (!r.ok) return reportError('exportCsv', r.error)
    if (r.data === null) return // the save dialog was closed
    const { path, rowCount } = r.data
    toast({
      kind: 'success',
      title: trn('toast.exported', rowCount),
      lines: [path],
      testid: 'toast-exported',
      action: {
        label: tr('toast.showInFolder'),
        testid: 'toast-show-in-folder',
        run: () => void showInFolder(path),
      },
    })
  }

  return {
    snapshots,
    failures,
    refreshing,
    selection,
    views,
    current,
    currentKey,
    currentView,
    currentRefresh,
    currentError,
    filterActive,
    visibleTasks,
    summary,
    chart,
    triage,
    indexFor,
    viewOf,
    setFilter,
    clearFilters,
    setSort,
    stateOf,
    loadCached,
    refresh,
    cancel,
    select,
    clearSelection,
    loadAll,
    retain,
    onChanged,
    onProgress,
    start,
    showInFolder,
    exportCsv,
    exportFormat,
  }
})
