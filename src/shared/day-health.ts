/**
 * A campaign's day at a glance, for the overview, the sidebar and alerts: what is preparing or
 * importing now, what finished or failed today, the records of today's imports, and one health
 * state. "Today" is the workstation's local day. Pure: main computes it after each check, and the
 * tests compute it again from the simulator's data.
 */
import { isInProgress, type ImportTask } from './import-task'

/** Worst first: the order the overview sorts by and the sidebar counts in. */
export const HEALTH_STATES = ['offline', 'stale', 'failing', 'stuck', 'running', 'idle'] as const
export type Health = (typeof HEALTH_STATES)[number]

export interface HealthThresholds {
  /** An import preparing or importing longer than this is stuck. */
  stuckMinutes: number
  /** Today's failed records above this share of all of today's records (percent) is failing. */
  failureRatePct: number
}

export interface DaySummary {
  /** Local midnight that starts "today" (epoch ms). */
  dayStart: number
  preparing: number
  importing: number
  /** Imports begun today that ended with status "import failed". */
  failedToday: number
  /** Imports begun today that ended with status "imported". */
  importedToday: number
  /** Records of today's imports (begun or ended today, or still running). */
  succeeded: number
  duplicates: number
  failed: number
  /** succeeded / (succeeded + duplicates + failed) of today's imports; null with no records. */
  successRate: number | null
  /** The newest import's begin time (epoch ms), any day; null when none has one. */
  lastImportAt: number | null
  /** Imports preparing or importing for longer than the stuck threshold. */
  stuck: number
}

/** Local midnight of the day that holds `nowMs`. */
export function localDayStart(nowMs: number): number {
  const day = new Date(nowMs)
  day.setHours(0, 0, 0, 0)
  return day.getTime()
}

/** Preparing or importing, begun longer than the stuck threshold ago. */
export function isStuck(task: ImportTask, nowMs: number, stuckMinutes: number): boolean {
  return (
    isInProgress(task.status) &&
    task.beginAt !== null &&
    task.beginAt < nowMs - stuckMinutes * 60_000
  )
}

export function summarizeDay(
  tasks: readonly ImportTask[],
  nowMs: number,
  thresholds: Pick<HealthThresholds, 'stuckMinutes'>,
): DaySummary {
  const dayStart = localDayStart(nowMs)
  const s: DaySummary = {
    dayStart,
    preparing: 0,
    importing: 0,
    failedToday: 0,
    importedToday: 0,
    succeeded: 0,
    duplicates: 0,
    failed: 0,
    successRate: null,
    lastImportAt: null,
    stuck: 0,
  }
  for (const t of tasks) {
    if (t.beginAt !== null && (s.lastImportAt === null || t.beginAt > s.lastImportAt)) {
      s.lastImportAt = t.beginAt
    }
    const running = isInProgress(t.status)
    if (running) {
      if (t.status === '0') s.preparing++
      else s.importing++
      if (isStuck(t, nowMs, thresholds.stuckMinutes)) s.stuck++
    }
    // An import belongs to the day it began (its end time when the server sends no begin): the
    // same rule as the task table's begin-time filter, so "Failed today" opens exactly the rows
    // counted here.
    const dated = t.beginAt ?? t.endAt
    const begunToday = dated !== null && dated >= dayStart
    if (begunToday && t.status === '3') s.failedToday++
    if (begunToday && t.status === '2') s.importedToday++
    const today = running || begunToday
    if (today) {
      s.succeeded += t.succNum
      s.duplicates += t.repeatNum
      s.failed += t.failNum
    }
  }
  const records = s.succeeded + s.duplicates + s.failed
  s.successRate = records > 0 ? s.succeeded / records : null
  return s
}

/** The share of today's records that failed, in percent; null with no records. */
export function failureRatePct(s: DaySummary): number | null {
  const records = s.succeeded + s.duplicates + s.failed
  return records > 0 ? (s.failed / records) * 100 : null
}

/**
 * One state per campaign. The link comes first: numbers from a server that cannot be reached, or
 * that were not checked for a while, are not today's truth.
 */
export function healthOf(
  summary: DaySummary | null,
  link: { offline: boolean; stale: boolean },
  thresholds: Pick<HealthThresholds, 'failureRatePct'>,
): Health {
  if (link.offline) return 'offline'
  if (link.stale || summary === null) return 'stale'
  const rate = failureRatePct(summary)
  if (summary.failedToday > 0 || (rate !== null && rate > thresholds.failureRatePct)) {
    return 'failing'
  }
  if (summary.stuck > 0) return 'stuck'
  if (summary.preparing + summary.importing > 0) return 'running'
  return 'idle'
}
