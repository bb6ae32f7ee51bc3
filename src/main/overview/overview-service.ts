/**
 * The overview's rows, one per watched campaign of every profile, kept from what main already
 * says to the window: it observes the events on their way out (observe(emit)) — 'tasks:updated'
 * after each check, 'connectivity:changed' per server, 'profiles:changed' — and starts from the
 * disk cache. It never fetches tasks itself; it reads a server's campaign list only for names and
 * statuses (campaign-directory.ts). A tick re-evaluates the rows, so "stale" and a new day show
 * without any event. Sends 'overview:updated' (the whole list) whenever a row changes.
 */
import type {
  ConnectivityEvent,
  ConnectivityState,
  Emit,
  EventName,
  EventPayloads,
  TaskSnapshot,
} from '../../shared/contract'
import type { HealthThresholds } from '../../shared/day-health'
import type { ErrorPayload } from '../../shared/errors'
import type { Campaign, ImportTask } from '../../shared/import-task'
import type { OverviewRow, OverviewSnapshot } from '../../shared/overview'
import type { ServerProfile } from '../../shared/profile'
import type { TimerHandle, Timers } from '../monitor/scheduler'
import { CampaignDirectory } from './campaign-directory'
import { overviewRow, type CampaignFacts } from './overview-row'

/** Numbers are stale after this many slow intervals without a good check. */
export const STALE_AFTER_SLOW_INTERVALS = 2
/** How often the rows are re-evaluated without an event. */
export const OVERVIEW_TICK_MS = 5_000
/** The campaign list is read again at most this often per server (statuses change rarely). */
export const CAMPAIGN_LIST_REFRESH_MS = 10 * 60_000

export interface OverviewServiceOptions {
  profiles(): readonly ServerProfile[]
  cached(
    profileId: string,
    campaignId: string,
  ): Promise<{ fetchedAt: string; tasks: ImportTask[] } | null>
  listCampaigns(profileId: string): Promise<Campaign[]>
  thresholds(): HealthThresholds
  /** The monitor's slow interval (ms): numbers older than two of them are stale. */
  slowIntervalMs(): number
  /** Where 'overview:updated' goes (the window). */
  emit: Emit
  timers: Timers
  now(): number
  log: { warn(message: string, meta?: Record<string, unknown>): void }
}

interface Link {
  state: ConnectivityState
  error?: ErrorPayload
}

const keyOf = (profileId: string, campaignId: string): string =>
  JSON.stringify([profileId, campaignId])

function parseTime(iso: string): number | null {
  const at = Date.parse(iso)
  return Number.isNaN(at) ? null : at
}

export class OverviewService {
  readonly #o: OverviewServiceOptions
  readonly #facts = new Map<string, CampaignFacts>()
  readonly #links = new Map<string, Link>()
  readonly #directory: CampaignDirectory
  #lastSent = ''
  #tick: TimerHandle | null = null
  #stopped = false

  constructor(options: OverviewServiceOptions) {
    this.#o = options
    this.#directory = new CampaignDirectory({
      list: options.listCampaigns,
      now: options.now,
      refreshMs: CAMPAIGN_LIST_REFRESH_MS,
      changed: () => this.#update(),
      log: options.log,
    })
  }

  /** An emit that forwards every event to `next` and learns from the ones the overview needs. */
  observe(next: Emit): Emit {
    return <E extends EventName>(event: E, payload: EventPayloads[E]): void => {
      next(event, payload)
      try {
        this.#observe(event, payload)
      } catch (error) {
        this.#o.log.warn('The overview could not take an event into account', { event, error })
      }
    }
  }

  /** Reads every watched campaign's cached tasks, then re-evaluates the rows every tick. */
  async start(): Promise<void> {
    this.#scheduleTick()
    await this.#loadCached(this.#o.profiles())
  }

  stop(): void {
    this.#stopped = true
    if (this.#tick !== null) this.#o.timers.clearTimeout(this.#tick)
    this.#tick = null
  }

  snapshot(): OverviewSnapshot {
    const now = this.#o.now()
    return { rows: this.#rows(now), computedAt: now }
  }

  // ---- events -----------------------------------------------------------------------------------

  #observe<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    if (event === 'tasks:updated') this.#onTasks(payload as TaskSnapshot)
    else if (event === 'connectivity:changed') this.#onLink(payload as ConnectivityEvent)
    else if (event === 'profiles:changed') this.#onProfiles(payload as ServerProfile[])
  }

  #onTasks(s: TaskSnapshot): void {
    const key = keyOf(s.profileId, s.campaignId)
    const facts = this.#factsOf(key)
    facts.lastCheckedAt = this.#o.now()
    if (s.stale) {
      facts.lastFailed = true
      if (s.error) facts.error = s.error
      else delete facts.error
      facts.tasks ??= s.tasks
    } else {
      facts.lastFailed = false
      delete facts.error
      facts.tasks = s.tasks
      facts.lastGoodAt = parseTime(s.fetchedAt) ?? facts.lastCheckedAt
      // A good answer is the server online, whatever was said before.
      if (this.#links.get(s.profileId)?.state !== 'online')
        this.#links.set(s.profileId, { state: 'online' })
      const profile = this.#o.profiles().find((p) => p.id === s.profileId)
      if (profile)
        this.#directory.wanted(
          profile.id,
          profile.campaigns.map((c) => c.id),
        )
    }
    this.#update()
  }

  #onLink(e: ConnectivityEvent): void {
    this.#links.set(e.profileId, { state: e.state, ...(e.error ? { error: e.error } : {}) })
    if (e.state !== 'online') {
      // The server was just tried: its campaigns were checked, and failed.
      const now = this.#o.now()
      const profile = this.#o.profiles().find((p) => p.id === e.profileId)
      for (const c of profile?.campaigns ?? [])
        this.#factsOf(keyOf(e.profileId, c.id)).lastCheckedAt = now
    }
    this.#update()
  }

  #onProfiles(views: readonly ServerProfile[]): void {
    const watched = new Set(views.flatMap((p) => p.campaigns.map((c) => keyOf(p.id, c.id))))
    const profileIds = new Set(views.map((p) => p.id))
    for (const key of [...this.#facts.keys()]) if (!watched.has(key)) this.#facts.delete(key)
    for (const id of [...this.#links.keys()]) {
      if (profileIds.has(id)) continue
      this.#links.delete(id)
      this.#directory.forget(id)
    }
    this.#update()
    void this.#loadCached(views)
  }

  // ---- rows -------------------------------------------------------------------------------------

  async #loadCached(profiles: readonly ServerProfile[]): Promise<void> {
    const missing = profiles.flatMap((p) =>
      p.campaigns.filter((c) => !this.#facts.has(keyOf(p.id, c.id))).map((c) => ({ p, c })),
    )
    await Promise.all(
      missing.map(async ({ p, c }) => {
        try {
          const entry = await this.#o.cached(p.id, c.id)
          if (!entry || this.#facts.has(keyOf(p.id, c.id))) return // a check answered first
          this.#facts.set(keyOf(p.id, c.id), {
            tasks: entry.tasks,
            lastGoodAt: parseTime(entry.fetchedAt),
            lastCheckedAt: null,
            lastFailed: false,
          })
        } catch (error) {
          this.#o.log.warn('Cached tasks for the overview could not be read', { error })
        }
      }),
    )
    if (missing.length > 0) this.#update()
  }

  #factsOf(key: string): CampaignFacts {
    let facts = this.#facts.get(key)
    if (!facts) {
      facts = { tasks: null, lastGoodAt: null, lastCheckedAt: null, lastFailed: false }
      this.#facts.set(key, facts)
    }
    return facts
  }

  #rows(now: number): OverviewRow[] {
    const thresholds = this.#o.thresholds()
    const staleAfterMs = STALE_AFTER_SLOW_INTERVALS * this.#o.slowIntervalMs()
    const none: CampaignFacts = {
      tasks: null,
      lastGoodAt: null,
      lastCheckedAt: null,
      lastFailed: false,
    }
    return this.#o.profiles().flatMap((p) => {
      const link = this.#links.get(p.id)
      return p.campaigns.map((c) =>
        overviewRow(this.#facts.get(keyOf(p.id, c.id)) ?? none, {
          profileId: p.id,
          serverName: p.name,
          campaignId: c.id,
          label: c.label,
          link: link?.state ?? 'unknown',
          ...(link?.error ? { linkError: link.error } : {}),
          listed: this.#directory.info(p.id, c.id),
          now,
          thresholds,
          staleAfterMs,
        }),
      )
    })
  }

  /** Sends the rows when they differ from the last ones sent. */
  #update(): void {
    if (this.#stopped) return
    const snapshot = this.snapshot()
    const text = JSON.stringify(snapshot.rows)
    if (text === this.#lastSent) return
    this.#lastSent = text
    this.#o.emit('overview:updated', snapshot)
  }

  #scheduleTick(): void {
    if (this.#stopped) return
    this.#tick = this.#o.timers.setTimeout(() => {
      this.#update()
      this.#scheduleTick()
    }, OVERVIEW_TICK_MS)
  }
}
