/**
 * One overview row from what is known about a campaign: its last tasks, when it was last checked
 * and last read well, its server's link and the campaign list's name and status. Pure, so the
 * service and its tests agree on every rule.
 */
import { healthOf, summarizeDay, type HealthThresholds } from '../../shared/day-health'
import type { ConnectivityState } from '../../shared/contract'
import type { ErrorPayload } from '../../shared/errors'
import type { ImportTask } from '../../shared/import-task'
import type { CampaignRunStatus, OverviewRow } from '../../shared/overview'

/** What the service holds per watched campaign. */
export interface CampaignFacts {
  /** The last tasks seen (a good check, else the cache); null before any. */
  tasks: readonly ImportTask[] | null
  lastGoodAt: number | null
  lastCheckedAt: number | null
  /** The last check failed (main then sends the cached tasks marked stale). */
  lastFailed: boolean
  error?: ErrorPayload
}

export interface RowContext {
  profileId: string
  serverName: string
  campaignId: string
  label: string
  link: ConnectivityState | 'unknown'
  linkError?: ErrorPayload
  listed: { name: string; status: CampaignRunStatus | null } | undefined
  now: number
  thresholds: HealthThresholds
  /** Numbers older than this (ms since the last good check) are stale. */
  staleAfterMs: number
}

export function overviewRow(facts: CampaignFacts, ctx: RowContext): OverviewRow {
  const summary = facts.tasks ? summarizeDay(facts.tasks, ctx.now, ctx.thresholds) : null
  const offline = ctx.link === 'offline' || ctx.link === 'error'
  const stale =
    facts.lastFailed || facts.lastGoodAt === null || ctx.now - facts.lastGoodAt > ctx.staleAfterMs
  const error = facts.lastFailed
    ? (facts.error ?? ctx.linkError)
    : offline
      ? ctx.linkError
      : undefined
  return {
    profileId: ctx.profileId,
    serverName: ctx.serverName,
    campaignId: ctx.campaignId,
    name: ctx.label || ctx.listed?.name || '',
    campaignStatus: ctx.listed?.status ?? null,
    summary,
    lastCheckedAt: facts.lastCheckedAt,
    lastGoodAt: facts.lastGoodAt,
    link: ctx.link,
    ...(error ? { error } : {}),
    health: healthOf(summary, { offline, stale }, ctx.thresholds),
  }
}
