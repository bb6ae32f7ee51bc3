/**
 * The overview table's filter and sort, plain TypeScript (tested without Vue): filter by health,
 * server and text (server, campaign name or id), sort by any column with ties broken by server,
 * then campaign, so the order never jumps between updates.
 */
import { HEALTH_STATES, type Health } from '@shared/day-health'
import type { OverviewRow } from '@shared/overview'

export const OVERVIEW_SORT_COLUMNS = [
  'health',
  'server',
  'campaign',
  'campaignStatus',
  'preparing',
  'importing',
  'failedToday',
  'importedToday',
  'succeeded',
  'duplicates',
  'failed',
  'successRate',
  'lastImportAt',
  'lastCheckedAt',
] as const
export type OverviewSortColumn = (typeof OVERVIEW_SORT_COLUMNS)[number]

export interface OverviewSort {
  column: OverviewSortColumn
  order: 'ascend' | 'descend'
}

export interface OverviewFilter {
  /** Empty: every state. */
  health: Health[]
  /** Empty: every server. */
  profileIds: string[]
  text: string
}

/** Worst first: what needs a look comes to the top. */
export const DEFAULT_OVERVIEW_SORT: OverviewSort = { column: 'health', order: 'ascend' }
export const EMPTY_OVERVIEW_FILTER: OverviewFilter = { health: [], profileIds: [], text: '' }

export function isOverviewFilterActive(f: OverviewFilter): boolean {
  return f.health.length > 0 || f.profileIds.length > 0 || f.text.trim() !== ''
}

/** How the campaign reads in the table: its name, else its id. */
export function campaignTitle(row: OverviewRow): string {
  return row.name || row.campaignId
}

const HEALTH_RANK = new Map<Health, number>(HEALTH_STATES.map((h, i) => [h, i]))

function sortValue(row: OverviewRow, column: OverviewSortColumn): number | string | null {
  const s = row.summary
  switch (column) {
    case 'health':
      return HEALTH_RANK.get(row.health) ?? HEALTH_STATES.length
    case 'server':
      return row.serverName.toLowerCase()
    case 'campaign':
      return campaignTitle(row).toLowerCase()
    case 'campaignStatus':
      return row.campaignStatus
    case 'successRate':
      return s?.successRate ?? null
    case 'lastImportAt':
      return s?.lastImportAt ?? null
    case 'lastCheckedAt':
      return row.lastCheckedAt
    default:
      return s ? s[column] : null
  }
}

function compareValues(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return String(a).localeCompare(String(b))
}

/** Server, then campaign, then id: the tie-breaker, ascending in both directions. */
function compareRows(a: OverviewRow, b: OverviewRow): number {
  return (
    a.serverName.localeCompare(b.serverName) ||
    campaignTitle(a).localeCompare(campaignTitle(b)) ||
    a.campaignId.localeCompare(b.campaignId) ||
    a.profileId.localeCompare(b.profileId)
  )
}

export function filterOverview(rows: readonly OverviewRow[], f: OverviewFilter): OverviewRow[] {
  const text = f.text.trim().toLowerCase()
  return rows.filter(
    (r) =>
      (f.health.length === 0 || f.health.includes(r.health)) &&
      (f.profileIds.length === 0 || f.profileIds.includes(r.profileId)) &&
      (text === '' ||
        [r.serverName, r.name, r.campaignId].some((v) => v.toLowerCase().includes(text))),
  )
}

/** Rows without a value (no numbers yet) go last in both directions. */
export function sortOverview(rows: readonly OverviewRow[], sort: OverviewSort): OverviewRow[] {
  const sign = sort.order === 'ascend' ? 1 : -1
  return [...rows].sort((a, b) => {
    const va = sortValue(a, sort.column)
    const vb = sortValue(b, sort.column)
    if (va === null || vb === null) {
      if (va === null && vb === null) return compareRows(a, b)
      return va === null ? 1 : -1
    }
    return sign * compareValues(va, vb) || compareRows(a, b)
  })
}

/** How many campaigns are in each state (every state present, 0 when none). */
export function countByHealth(rows: readonly { health: Health }[]): Record<Health, number> {
  const counts = Object.fromEntries(HEALTH_STATES.map((h) => [h, 0])) as Record<Health, number>
  for (const r of rows) counts[r.health]++
  return counts
}

/** Each column's width in px (the campaign's: the least it gets, it takes what is left over). */
export const OVERVIEW_COLUMN_WIDTH: Record<OverviewSortColumn, number> = {
  health: 110,
  server: 140,
  campaign: 170,
  campaignStatus: 140,
  preparing: 108,
  importing: 108,
  failedToday: 170,
  importedToday: 140,
  succeeded: 100,
  duplicates: 90,
  failed: 90,
  successRate: 110,
  lastImportAt: 140,
  lastCheckedAt: 140,
}

/**
 * Which columns a narrow window keeps (logic/column-priority.ts; 1: always): which campaign, its
 * health and today's failures first, then what is running; the rest give way (the campaign's
 * own view has every number).
 */
export const OVERVIEW_COLUMN_PRIORITY: Record<OverviewSortColumn, number> = {
  health: 1,
  campaign: 1,
  failedToday: 1,
  successRate: 2,
  importing: 3,
  preparing: 4,
  failed: 5,
  lastCheckedAt: 6,
  server: 7,
  importedToday: 8,
  succeeded: 9,
  duplicates: 10,
  campaignStatus: 11,
  lastImportAt: 12,
}
