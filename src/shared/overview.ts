/**
 * The overview: one row per watched campaign of every server profile, with today's numbers and a
 * health state (day-health.ts). Main keeps the rows (main/overview) and sends them whole as
 * 'overview:updated'; the window only sorts and filters them.
 */
import type { ConnectivityState } from './contract'
import type { DaySummary, Health } from './day-health'
import type { ErrorPayload } from './errors'

/** The campaign's own status in the server's campaign list: 2 started, 3 suspended, 4 completed. */
export type CampaignRunStatus = 2 | 3 | 4

export interface OverviewRow {
  profileId: string
  /** The server profile's name. */
  serverName: string
  campaignId: string
  /** The watched campaign's label, else its name from the server's list, else ''. */
  name: string
  /** null: the server's campaign list has not said (yet). */
  campaignStatus: CampaignRunStatus | null
  /** Today's numbers from the last tasks seen (cache or check); null before any. */
  summary: DaySummary | null
  /** The last check of this campaign, good or not (epoch ms); null: not checked this session. */
  lastCheckedAt: number | null
  /** The fetch behind the numbers (epoch ms); null before any. */
  lastGoodAt: number | null
  link: ConnectivityState | 'unknown'
  /** Why the last check failed, when it did. */
  error?: ErrorPayload
  health: Health
}

export interface OverviewSnapshot {
  rows: OverviewRow[]
  /** When the rows were computed (epoch ms): "today" is this moment's local day. */
  computedAt: number
}
