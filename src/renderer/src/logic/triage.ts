/**
 * The triage panels' data: failed imports grouped by cause (shared/triage), once per task set,
 * and the overview's "Failed today" across campaigns with per-campaign counts. Plain TypeScript
 * (no Vue): the stores hand in arrays that stay the same object while their data does, so a
 * WeakMap keyed on them groups each set once.
 */
import { localDayStart } from '@shared/day-health'
import { MAX_SERVER_TEXT_CHARS } from '@shared/limits'
import type { ImportTask } from '@shared/import-task'
import {
  NO_MESSAGE_KEY,
  addToGroups,
  compareGroups,
  groupFailures,
  isFailedImport,
  type CauseGroup,
} from '@shared/triage/group'
import type { KnownCauseId } from '@shared/triage/known-causes'
import { EMPTY_FILTER, type TaskFilter } from './task-index'
import { presetRange } from './time-presets'

export { NO_MESSAGE_KEY, type CauseGroup }

const memo = new WeakMap<readonly ImportTask[], CauseGroup[]>()

/** The cause groups of a task set, computed once per array. */
export function triageOf(tasks: readonly ImportTask[]): CauseGroup[] {
  let groups = memo.get(tasks)
  if (!groups) {
    groups = groupFailures(tasks)
    memo.set(tasks, groups)
  }
  return groups
}

/** How a group is titled: the known cause's label, "no message", or the server's own text. */
export type GroupTitle =
  { kind: 'known'; id: KnownCauseId } | { kind: 'noMessage' } | { kind: 'message'; text: string }

export function groupTitle(g: CauseGroup): GroupTitle {
  if (g.key === NO_MESSAGE_KEY) return { kind: 'noMessage' }
  if (g.known) return { kind: 'known', id: g.known }
  return { kind: 'message', text: g.message }
}

export interface CampaignSource {
  profileId: string
  campaignId: string
  /** The campaign's name as the sidebar shows it. */
  label: string
  tasks: readonly ImportTask[]
}

export interface CampaignCount {
  profileId: string
  campaignId: string
  label: string
  imports: number
}

export interface CrossCampaignGroup extends CauseGroup {
  campaigns: CampaignCount[]
}

/** Began today (the same rule as day-health: the end time when the server sends no begin). */
function begunToday(t: ImportTask, dayStart: number): boolean {
  const at = t.beginAt ?? t.endAt
  return at !== null && at >= dayStart
}

/** Today's failed imports of every campaign by cause, each with its count per campaign. */
export function failedTodayTriage(
  sources: readonly CampaignSource[],
  now: number,
): CrossCampaignGroup[] {
  const dayStart = localDayStart(now)
  const groups = new Map<string, CauseGroup>()
  const perCampaign = new Map<string, Map<number, CampaignCount>>()
  sources.forEach((src, k) => {
    for (const t of src.tasks) {
      if (!isFailedImport(t) || !begunToday(t, dayStart)) continue
      const g = addToGroups(groups, t)
      let counts = perCampaign.get(g.key)
      if (!counts) perCampaign.set(g.key, (counts = new Map()))
      const c = counts.get(k) ?? {
        profileId: src.profileId,
        campaignId: src.campaignId,
        label: src.label,
        imports: 0,
      }
      c.imports++
      counts.set(k, c)
    }
  })
  return [...groups.values()].sort(compareGroups).map((g) => ({
    ...g,
    campaigns: [...perCampaign.get(g.key)!.values()].sort((a, b) => b.imports - a.imports),
  }))
}

/** The campaign's table showing exactly today's imports of one cause. */
export function causeTodayFilter(cause: string, now: number): TaskFilter {
  const [beginFrom, beginTo] = presetRange('today', now)
  return { ...EMPTY_FILTER, statuses: [], beginFrom, beginTo, cause }
}

/** A cause group as a row of the workbook's Summary sheet (the export:csv contract's `groups`). */
export interface TriageRow {
  cause: string
  fix?: string
  imports: number
  failedRecords: number
  firstSeen?: string
  lastSeen?: string
}

/** The groups as the Summary sheet lists them, titled and explained in the window's language. */
export function triageRows(
  groups: readonly CauseGroup[],
  text: { title: (g: CauseGroup) => string; fix: (g: CauseGroup) => string | null },
): TriageRow[] {
  return groups.map((g) => {
    const fix = text.fix(g)
    return {
      // A server's own text may be long: cut as main cuts server text (the contract's bound).
      cause: cut(text.title(g)),
      ...(fix !== null ? { fix: cut(fix) } : {}),
      imports: g.imports,
      failedRecords: g.failedRecords,
      ...(g.firstAt !== null ? { firstSeen: new Date(g.firstAt).toISOString() } : {}),
      ...(g.lastAt !== null ? { lastSeen: new Date(g.lastAt).toISOString() } : {}),
    }
  })
}

function cut(text: string): string {
  return text.length <= MAX_SERVER_TEXT_CHARS
    ? text
    : text.slice(0, MAX_SERVER_TEXT_CHARS - 1) + '…'
}

/** Cause titles and "what to fix" lines through a translate function (useI18n's t or tr). */
export function triageTextWith(t: (key: string) => string): {
  title: (g: CauseGroup) => string
  fix: (g: CauseGroup) => string | null
} {
  return {
    title(g) {
      const x = groupTitle(g)
      if (x.kind === 'known') return t(`triage.cause.${x.id}`)
      return x.kind === 'noMessage' ? t('triage.noMessage') : x.text
    },
    fix(g) {
      const x = groupTitle(g)
      if (x.kind === 'known') return t(`triage.fix.${x.id}`)
      return x.kind === 'noMessage' ? t('triage.noMessageFix') : null
    },
  }
}
