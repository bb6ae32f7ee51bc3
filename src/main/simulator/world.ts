import type { TaskStatus } from '../../shared/import-task'
import {
  BLACKLIST_FAILURE_MESSAGES,
  buildRawTask,
  FAILURE_MESSAGES,
  failureText,
  generateCampaignTasks,
  makeTaskId,
  splitRecords,
  type RawTask,
} from './dataset'
import { mulberry32, pick, type Rng } from './prng'
import { formatSimTime, parseSimTime, timeFormatOf, type TimeFormat } from './sim-time'

/**
 * The simulated iSales data: campaigns and their import tasks, kept in the order the server
 * replies with (newest beginTime first, stable), and the deterministic live progression.
 */

export interface CampaignSpec {
  id: string
  name: string
  taskCount: number
  seed?: number
  withBlackNum?: boolean
  /** Default 1. */
  vdnId?: number
  /** New tasks appear on tick(). */
  live?: boolean
  /** Quirk: success replies for this campaign have no `count`. */
  omitCount?: boolean
  /** Fault: success replies claim this `count` whatever the tasks really are (a lying total). */
  inflateCount?: number
  /** Fault: the server ignores `offset` and always sends the first page. */
  ignoreOffset?: boolean
  /** Dataset quirks (see dataset.ts); default true. */
  quirks?: boolean
  /** In-progress tasks at start (default: dataset.ts rule). */
  inProgress?: number
  /** Campaign-list status: 2 started (default), 3 suspended, 4 completed. */
  status?: 2 | 3 | 4
  /**
   * An otherwise idle campaign that receives one new import (preparing, then advancing like any
   * other) every this many tick()s.
   */
  newImportEveryTicks?: number
  /**
   * Imports stuck importing: begun STUCK_BEGUN_MS before the start, they never advance on tick()
   * (setTaskStatus still moves them).
   */
  stuckImports?: number
}

/** Blacklist file imports per VDN, by default: a page and a bit at the smallest page size. */
export const DEFAULT_BLACKLIST_TASKS = 60

export interface BlacklistSpec {
  /** Blacklist imports of each VDN (default DEFAULT_BLACKLIST_TASKS). */
  taskCount?: number
}

/** How long before the start a stuck import began: past the window's default 60-minute threshold. */
export const STUCK_BEGUN_MS = 90 * 60_000

export interface SimCampaign {
  readonly id: string
  readonly name: string
  readonly vdnId: number
  readonly live: boolean
  readonly omitCount: boolean
  readonly inflateCount: number | null
  readonly ignoreOffset: boolean
  readonly withBlackNum: boolean
  readonly status: 2 | 3 | 4
  readonly beginTime: string
  readonly endTime: string
  /** Current tasks, newest first: the live array, do not mutate. */
  readonly tasks: readonly RawTask[]
}

interface TaskEntry {
  raw: RawTask
  beginMs: number
  /** Records an in-progress task will have processed when it finishes. */
  target: number
  /** Never advances on tick(). */
  stuck: boolean
}

interface CampaignState extends Omit<SimCampaign, 'tasks'> {
  entries: TaskEntry[]
  tasks: RawTask[]
  nextSequence: number
  newImportEveryTicks: number | null
  ticks: number
  /** The blacklists' own random stream (campaigns share the world's). */
  ownRng?: Rng
}

export const DEFAULT_CAMPAIGNS: readonly CampaignSpec[] = [
  { id: '1001', name: 'Spring Renewal Offers 2024', taskCount: 250, live: true, seed: 1 },
  {
    id: '1002',
    name: 'Credit Card Activation Follow-up',
    taskCount: 1200,
    withBlackNum: true,
    seed: 2,
  },
  { id: '1003', name: 'Insurance Cross-sell Q3', taskCount: 0, status: 3, seed: 3 },
  {
    id: '1004',
    name: 'Customer Satisfaction Survey',
    taskCount: 37,
    omitCount: true,
    status: 4,
    seed: 4,
  },
]

function statusText(status: string | number): string {
  return String(status)
}

/** Keeps the task's status type (quirk: some are numbers). */
function withStatus(task: RawTask, status: TaskStatus): void {
  task.status = typeof task.status === 'number' ? Number(status) : status
}

function formatOf(task: RawTask): TimeFormat {
  return timeFormatOf(task.beginTime) ?? 'iso'
}

/** A stable target size for an in-progress task, derived from its id. */
function targetFor(task: RawTask): number {
  const processed = task.succNum + task.repeatNum + task.failNum + (task.blackNum ?? 0)
  return processed + 1000 + (Number(task.id.slice(-9)) % 40_000)
}

export class SimWorld {
  private readonly byKey = new Map<string, CampaignState>()
  private readonly list: CampaignState[] = []
  /** Each VDN's blacklist imports: served by the blackfile interface, never in the campaign list. */
  private readonly blacklists = new Map<number, CampaignState>()
  private readonly rng: Rng

  constructor(
    specs: readonly CampaignSpec[],
    private readonly now: () => number,
    seed: number,
    blacklist: BlacklistSpec = {},
    /** VDNs given blacklist imports besides the campaigns' own. */
    extraVdnIds: readonly number[] = [],
  ) {
    this.rng = mulberry32(seed ^ 0x5eed)
    const start = now()
    specs.forEach((spec, index) => {
      const vdnId = spec.vdnId ?? 1
      const key = `${vdnId}/${spec.id}`
      if (this.byKey.has(key)) throw new Error(`Duplicate campaign ${key}`)
      const state = this.build(spec, vdnId, seed + index, start)
      this.byKey.set(key, state)
      this.list.push(state)
      for (let i = 0; i < (spec.stuckImports ?? 0); i++) this.addStuck(state, start)
    })
    const vdns = [...new Set([...this.vdnIds(), ...extraVdnIds])]
    for (const vdnId of vdns) {
      const spec: CampaignSpec = {
        id: 'blackfile',
        name: 'Blacklist imports',
        taskCount: blacklist.taskCount ?? DEFAULT_BLACKLIST_TASKS,
      }
      // Its own seed stream per VDN: deterministic, and unlike any campaign's tasks.
      const state = this.build(spec, vdnId, (seed ^ 0xb1ac) + vdnId, start, true)
      state.ownRng = mulberry32((seed ^ 0xb1ac) + vdnId)
      this.blacklists.set(vdnId, state)
    }
  }

  private build(
    spec: CampaignSpec,
    vdnId: number,
    fallbackSeed: number,
    start: number,
    blacklist = false,
  ): CampaignState {
    const raws = generateCampaignTasks({
      seed: spec.seed ?? fallbackSeed,
      count: spec.taskCount,
      now: start,
      quirks: spec.quirks ?? true,
      withBlackNum: spec.withBlackNum ?? false,
      ...(spec.inProgress !== undefined ? { inProgress: spec.inProgress } : {}),
      // Blacklist files fail more often, with their own causes, so a page always shows some.
      ...(blacklist ? { failureMessages: BLACKLIST_FAILURE_MESSAGES, failureRate: 0.2 } : {}),
    })
    return {
      id: spec.id,
      name: spec.name,
      vdnId,
      live: spec.live ?? false,
      omitCount: spec.omitCount ?? false,
      inflateCount: spec.inflateCount ?? null,
      ignoreOffset: spec.ignoreOffset ?? false,
      withBlackNum: spec.withBlackNum ?? false,
      status: spec.status ?? 2,
      beginTime: formatSimTime(start - 30 * 86_400_000, 'plain'),
      endTime: formatSimTime(start + 60 * 86_400_000, 'plain'),
      entries: raws.map((raw) => ({
        raw,
        beginMs: parseSimTime(raw.beginTime),
        target: targetFor(raw),
        stuck: false,
      })),
      tasks: raws,
      nextSequence: raws.length,
      newImportEveryTicks: spec.newImportEveryTicks ?? null,
      ticks: 0,
    }
  }

  get campaigns(): readonly SimCampaign[] {
    return this.list
  }

  vdnIds(): number[] {
    return [...new Set(this.list.map((c) => c.vdnId))]
  }

  find(vdnId: number, campaignId: string): SimCampaign | undefined {
    return this.byKey.get(`${vdnId}/${campaignId}`)
  }

  /** The VDN's blacklist imports (the blackfile interface), or undefined for an unknown VDN. */
  findBlacklist(vdnId: number): SimCampaign | undefined {
    return this.blacklists.get(vdnId)
  }

  /** Adds a blacklist import to the VDN (test helper); throws when the VDN has none. */
  addBlacklistTask(vdnId: number, partial: Partial<RawTask> = {}): RawTask {
    const state = this.blacklists.get(vdnId)
    if (!state) throw new Error(`No blacklist imports for VDN ${vdnId}`)
    return this.addTo(state, partial)
  }

  /** By id alone (first match across VDNs); throws when unknown, for test helpers. */
  private campaign(campaignId: string): CampaignState {
    const found = this.list.find((c) => c.id === campaignId)
    if (!found) throw new Error(`Unknown campaign ${campaignId}`)
    return found
  }

  private insert(state: CampaignState, entry: TaskEntry): void {
    // Newest first; an equal beginTime goes after the existing ones (stable).
    let at = state.entries.findIndex((e) => e.beginMs < entry.beginMs)
    if (at < 0) at = state.entries.length
    state.entries.splice(at, 0, entry)
    state.tasks.splice(at, 0, entry.raw)
  }

  addTask(campaignId: string, partial: Partial<RawTask> = {}): RawTask {
    return this.addTo(this.campaign(campaignId), partial)
  }

  /** An import begun STUCK_BEGUN_MS ago, partly processed, that never advances. */
  private addStuck(state: CampaignState, start: number): void {
    const raw = this.addTo(state, {
      beginTime: formatSimTime(Math.floor((start - STUCK_BEGUN_MS) / 1000) * 1000, 'iso'),
      status: '1',
      succNum: 420,
      repeatNum: 3,
      failNum: 7,
    })
    const entry = state.entries.find((e) => e.raw === raw)
    if (entry) entry.stuck = true
  }

  private addTo(state: CampaignState, partial: Partial<RawTask>): RawTask {
    const nowMs = this.now()
    const id = partial.id ?? makeTaskId(nowMs, state.ownRng ?? this.rng, state.nextSequence++)
    if (state.entries.some((e) => e.raw.id === id)) throw new Error(`Task ${id} already exists`)
    const raw: RawTask = {
      ...buildRawTask({
        id,
        beginTime: formatSimTime(Math.floor(nowMs / 1000) * 1000, 'iso'),
        endTime: '',
        status: '0',
        succNum: 0,
        repeatNum: 0,
        failNum: 0,
        ...(state.withBlackNum ? { blackNum: 0 } : {}),
        errMsg: '',
      }),
      ...partial,
    } as RawTask
    const beginMs = parseSimTime(raw.beginTime)
    this.insert(state, {
      raw,
      beginMs: Number.isNaN(beginMs) ? nowMs : beginMs,
      target: targetFor(raw),
      stuck: false,
    })
    return raw
  }

  setTaskStatus(campaignId: string, taskId: string, status: TaskStatus): RawTask {
    return this.setStatus(this.campaign(campaignId), taskId, status)
  }

  /** setTaskStatus for one of the VDN's blacklist imports (test helper). */
  setBlacklistTaskStatus(vdnId: number, taskId: string, status: TaskStatus): RawTask {
    const state = this.blacklists.get(vdnId)
    if (!state) throw new Error(`No blacklist imports for VDN ${vdnId}`)
    return this.setStatus(state, taskId, status)
  }

  private setStatus(state: CampaignState, taskId: string, status: TaskStatus): RawTask {
    const entry = state.entries.find((e) => e.raw.id === taskId)
    if (!entry) throw new Error(`Unknown task ${taskId} in campaign ${state.id}`)
    const task = entry.raw
    withStatus(task, status)
    if (status === '0' || status === '1') task.endTime = ''
    else if (task.endTime === '') task.endTime = formatSimTime(this.now(), formatOf(task))
    if (status === '3' && (typeof task.errMsg !== 'string' || task.errMsg === '')) {
      const causes = state.ownRng ? BLACKLIST_FAILURE_MESSAGES : FAILURE_MESSAGES
      const failure = pick(state.ownRng ?? this.rng, causes)
      task.errMsg = failureText(failure.text, Number(task.id.slice(-9)), this.now())
    }
    return task
  }

  /** Advances the world n steps; returns how many tasks changed status or appeared. */
  tick(n = 1): number {
    let changes = 0
    for (let step = 0; step < n; step++) {
      for (const state of [...this.list, ...this.blacklists.values()]) changes += this.step(state)
    }
    return changes
  }

  private step(state: CampaignState): number {
    let changes = 0
    const nowMs = this.now()
    // A blacklist draws from its own stream, so the campaigns progress exactly as without it.
    const rng = state.ownRng ?? this.rng
    for (const entry of state.entries) {
      if (entry.stuck) continue
      const task = entry.raw
      const status = statusText(task.status)
      if (status === '1') {
        const processed = task.succNum + task.repeatNum + task.failNum + (task.blackNum ?? 0)
        const next = Math.min(entry.target, processed + Math.ceil(entry.target / 4))
        const split = splitRecords(rng, next, state.withBlackNum)
        task.succNum = split.succNum
        task.repeatNum = split.repeatNum
        task.failNum = split.failNum
        if (state.withBlackNum) task.blackNum = split.blackNum
        if (next >= entry.target) {
          const failed = rng() < 0.1
          withStatus(task, failed ? '3' : '2')
          if (failed) task.errMsg = 'Import interrupted: database operation exception'
          task.endTime = formatSimTime(Math.max(nowMs, entry.beginMs + 1000), formatOf(task))
          changes++
        }
      } else if (status === '0') {
        // Moves on the next step, so "0" is visible for at least one tick.
        withStatus(task, '1')
        changes++
      }
    }
    if (state.live && rng() < 0.35) {
      this.addTo(state, {})
      changes++
    }
    state.ticks++
    const every = state.newImportEveryTicks
    if (every !== null && every > 0 && state.ticks % every === 0) {
      this.addTo(state, {})
      changes++
    }
    return changes
  }
}
