/**
 * The expected values, computed from the simulator's own data (what the server holds), not from
 * the app's code: an independent oracle for what the screen must show.
 */
import type { Simulator } from '../../src/main/simulator/server'
import type { RawTask } from '../../src/main/simulator/dataset'

export type Status = '0' | '1' | '2' | '3'

export interface ExpectedTask {
  id: string
  status: Status
  beginTime: string
  endTime: string
  beginAt: number | null
  endAt: number | null
  succNum: number
  repeatNum: number
  failNum: number
  blackNum: number | undefined
  errMsg: string
}

/** Both server time formats; `yyyy-MM-dd HH:mm:ss` is the server's (UTC) and our (TZ=UTC) time. */
export function parseTime(text: string): number | null {
  if (!text) return null
  const ms = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text)
    ? Date.parse(text.replace(' ', 'T') + 'Z')
    : Date.parse(text)
  return Number.isNaN(ms) ? null : ms
}

export function expectedTask(raw: RawTask): ExpectedTask {
  return {
    id: raw.id,
    status: String(raw.status) as Status,
    beginTime: raw.beginTime,
    endTime: raw.endTime,
    beginAt: parseTime(raw.beginTime),
    endAt: parseTime(raw.endTime),
    succNum: raw.succNum,
    repeatNum: raw.repeatNum,
    failNum: raw.failNum,
    blackNum: raw.blackNum,
    // Sent as text, a number or null; 0 and null mean no message, shown as "".
    errMsg:
      raw.errMsg === null || raw.errMsg === undefined || raw.errMsg === 0 ? '' : String(raw.errMsg),
  }
}

/** The campaign's tasks as the server has them now, newest first. */
export function simTasks(sim: Simulator, campaignId: string): ExpectedTask[] {
  const campaign = sim.campaigns.find((c) => c.id === campaignId)
  if (!campaign) throw new Error(`The simulator has no campaign ${campaignId}`)
  return campaign.tasks.map(expectedTask)
}

export interface ExpectedSummary {
  total: number
  byStatus: Record<Status, number>
  succ: number
  repeat: number
  fail: number
  black: number
}

export function summarize(tasks: readonly ExpectedTask[]): ExpectedSummary {
  const byStatus: Record<Status, number> = { '0': 0, '1': 0, '2': 0, '3': 0 }
  let succ = 0
  let repeat = 0
  let fail = 0
  let black = 0
  for (const t of tasks) {
    byStatus[t.status]++
    succ += t.succNum
    repeat += t.repeatNum
    fail += t.failNum
    black += t.blackNum ?? 0
  }
  return { total: tasks.length, byStatus, succ, repeat, fail, black }
}

/** How the English UI writes a count (en-US grouping). */
export const en = (n: number): string => n.toLocaleString('en-US')

export type SortKey = 'failNum' | 'succNum' | 'repeatNum' | 'status' | 'beginAt' | 'endAt' | 'id'

/** Task ids are digit strings: shorter is smaller, then text order. */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * The table's order: by the column, ties by task id ascending in both directions, tasks without
 * a value last. Default: begin time, newest first.
 */
export function sortTasks(
  tasks: readonly ExpectedTask[],
  key: SortKey = 'beginAt',
  order: 'ascend' | 'descend' = 'descend',
): ExpectedTask[] {
  const value = (t: ExpectedTask): number | null =>
    key === 'id' ? null : key === 'status' ? Number(t.status) : t[key]
  return [...tasks].sort((a, b) => {
    if (key === 'id') return order === 'ascend' ? compareIds(a.id, b.id) : compareIds(b.id, a.id)
    const va = value(a)
    const vb = value(b)
    if (va === null || vb === null) {
      if (va === null && vb === null) return compareIds(a.id, b.id)
      return va === null ? 1 : -1
    }
    const diff = order === 'ascend' ? va - vb : vb - va
    return diff || compareIds(a.id, b.id)
  })
}

/** A campaign's day as the overview must show it, from the server's data. */
export interface ExpectedToday {
  preparing: number
  importing: number
  failedToday: number
  importedToday: number
  succ: number
  repeat: number
  fail: number
  /** Succeeded share of today's records; null with none. */
  rate: number | null
  /** The imports that failed today (what "Failed today" must list). */
  failed: ExpectedTask[]
}

/**
 * Written from the rules as the issue states them, not from the app's code: "today" is the
 * workstation's local day (the tests run with TZ=UTC); an import belongs to today when it is
 * still preparing or importing, began today, or finished today (by its end time, or its begin
 * time when the server sent no end). Failed / imported today count finished imports only.
 */
export function todayOf(tasks: readonly ExpectedTask[], nowMs: number): ExpectedToday {
  const now = new Date(nowMs)
  const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime()
  const onToday = (ms: number | null) => ms !== null && ms >= midnight
  const out: ExpectedToday = {
    preparing: tasks.filter((t) => t.status === '0').length,
    importing: tasks.filter((t) => t.status === '1').length,
    failedToday: 0,
    importedToday: 0,
    succ: 0,
    repeat: 0,
    fail: 0,
    rate: null,
    failed: [],
  }
  for (const t of tasks) {
    const running = t.status === '0' || t.status === '1'
    // Today's imports are those that began today (the end time only when there is no begin).
    const begunToday = onToday(t.beginAt === null ? t.endAt : t.beginAt)
    if (begunToday && t.status === '3') out.failed.push(t)
    if (begunToday && t.status === '2') out.importedToday++
    if (running || begunToday) {
      out.succ += t.succNum
      out.repeat += t.repeatNum
      out.fail += t.failNum
    }
  }
  out.failedToday = out.failed.length
  const records = out.succ + out.repeat + out.fail
  out.rate = records === 0 ? null : out.succ / records
  return out
}
