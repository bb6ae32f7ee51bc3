/**
 * Which alerts the monitor's events mean, and nothing else (no clock, no I/O): a campaign's fresh
 * list of imports against the one before it, and a server's link state against its last one.
 *
 * - import failed: an import that was preparing or importing is now failed, or a failed import
 *   that ended today appeared between two checks (a slow check can miss its running phase);
 * - import stuck: preparing or importing past `stuckMinutes` (day-health.ts), once per import;
 * - server offline / certificate changed: when the server's state becomes so, once until it
 *   answers again.
 *
 * Only campaigns the user watches count: an event for an unwatched campaign, or for a profile that
 * no longer exists (the closed demo), raises nothing. A kind switched off in Settings raises
 * nothing; a muted campaign's alerts are raised (listed for the day) but marked muted, so the
 * service shows no desktop notification for them. The first list of a campaign is its baseline.
 */
import type { AlertKind } from '../../shared/alerts'
import { ALERT_KIND_SETTING } from '../../shared/alerts'
import { campaignName, campaignNames } from '../../shared/blacklist'
import type { ConnectivityEvent, TaskSnapshot } from '../../shared/contract'
import { isStuck, localDayStart } from '../../shared/day-health'
import { isInProgress, type ImportTask, type TaskStatus } from '../../shared/import-task'
import { msg, type MessageRef } from '../../shared/messages'
import type { ServerProfile } from '../../shared/profile'
import type { Settings } from '../../shared/settings'
import { endedSince } from './ended-notification'

export type AlertSettings = Pick<
  Settings,
  | 'stuckMinutes'
  | 'alertImportFailed'
  | 'alertImportStuck'
  | 'alertServerOffline'
  | 'alertCertChanged'
>

export interface RuleContext {
  now: number
  settings: AlertSettings
  /** The profile, or undefined when it no longer exists. */
  profile(id: string): ServerProfile | undefined
}

export interface RaisedAlert {
  kind: AlertKind
  profileId: string
  campaignId: string | null
  title: MessageRef
  body: MessageRef
  /** Listed, but no desktop notification (every campaign it names is muted). */
  muted: boolean
}

/** What one fresh list of a campaign means. */
export interface SnapshotVerdict {
  alerts: RaisedAlert[]
  /**
   * Imports that ended since the last check, for the one desktop notification summing them up
   * (finished ones always; failed ones while their kind is on).
   */
  ended: ImportTask[]
  /** The campaign named with its server, for that notification. */
  where: MessageRef
  muted: boolean
}

interface CampaignMemory {
  statuses: Map<string, TaskStatus>
  /** Imports already alerted as stuck (kept while they run). */
  stuck: Set<string>
}

type LinkMemory = 'online' | 'offline' | 'cert' | 'error'

export class AlertRules {
  readonly #campaigns = new Map<string, CampaignMemory>()
  readonly #links = new Map<string, LinkMemory>()

  onSnapshot(snapshot: TaskSnapshot, ctx: RuleContext): SnapshotVerdict | null {
    // A stale list is the cache shown after a failure: it says nothing new about the imports.
    if (snapshot.stale) return null
    const key = `${snapshot.profileId}\n${snapshot.campaignId}`
    const profile = ctx.profile(snapshot.profileId)
    const watched = profile?.campaigns.find((c) => c.id === snapshot.campaignId)
    if (!profile || !watched) {
      this.#campaigns.delete(key)
      return null
    }
    const previous = this.#campaigns.get(key)
    const memory: CampaignMemory = {
      statuses: new Map(snapshot.tasks.map((t) => [t.id, t.status])),
      stuck: new Set(),
    }
    this.#campaigns.set(key, memory)

    const server = profile.name
    const campaign = campaignName(watched)
    const muted = watched.muted === true
    const { settings, now } = ctx
    const raise = (kind: AlertKind, title: MessageRef, body: MessageRef): RaisedAlert => ({
      kind,
      profileId: snapshot.profileId,
      campaignId: snapshot.campaignId,
      title,
      body,
      muted,
    })

    const ended = previous ? endedSince(previous.statuses, snapshot.tasks) : []
    const dayStart = localDayStart(now)
    const appeared = previous
      ? snapshot.tasks.filter(
          (t) =>
            t.status === '3' &&
            !previous.statuses.has(t.id) &&
            (t.endAt ?? t.beginAt ?? now) >= dayStart,
        )
      : []
    const failed = [...ended.filter((t) => t.status === '3'), ...appeared]
    const failedOn = settings[ALERT_KIND_SETTING.importFailed]
    const alerts: RaisedAlert[] = []
    if (failedOn) {
      for (const t of failed) {
        const reason = t.errMsg.trim() !== '' ? t.errMsg.trim() : msg('notifyNoReason')
        alerts.push(
          raise(
            'importFailed',
            msg('alertImportFailedTitle', { campaign, server }),
            msg('alertImportFailedBody', { task: t.id, reason }),
          ),
        )
      }
    }

    for (const t of snapshot.tasks) {
      if (!isInProgress(t.status)) continue
      if (previous?.stuck.has(t.id)) {
        memory.stuck.add(t.id)
        continue
      }
      if (!settings[ALERT_KIND_SETTING.importStuck]) continue
      if (!isStuck(t, now, settings.stuckMinutes) || t.beginAt === null) continue
      memory.stuck.add(t.id)
      const minutes = Math.floor((now - t.beginAt) / 60_000)
      alerts.push(
        raise(
          'importStuck',
          msg('alertImportStuckTitle', { campaign, server }),
          msg('alertImportStuckBody', { task: t.id, minutes }),
        ),
      )
    }

    return {
      alerts,
      ended: [...ended.filter((t) => t.status === '2'), ...(failedOn ? failed : [])],
      where: msg('notifyCampaignOnServer', { campaign, server }),
      muted,
    }
  }

  onConnectivity(event: ConnectivityEvent, ctx: RuleContext): RaisedAlert | null {
    const state: LinkMemory =
      event.state === 'error' && event.error?.code === 'cert-changed' ? 'cert' : event.state
    const before = this.#links.get(event.profileId)
    this.#links.set(event.profileId, state)
    if (state === before || (state !== 'offline' && state !== 'cert')) return null
    const profile = ctx.profile(event.profileId)
    if (!profile || profile.campaigns.length === 0) return null
    const kind: AlertKind = state === 'offline' ? 'serverOffline' : 'certChanged'
    if (!ctx.settings[ALERT_KIND_SETTING[kind]]) return null
    const server = profile.name
    const campaign = campaignNames(profile.campaigns)
    return {
      kind,
      profileId: event.profileId,
      campaignId: null,
      title:
        kind === 'serverOffline'
          ? msg('alertServerOfflineTitle', { server })
          : msg('alertCertChangedTitle', { server }),
      body:
        kind === 'serverOffline'
          ? msg('alertServerOfflineBody', { campaign })
          : msg('alertCertChangedBody', { campaign }),
      muted: profile.campaigns.every((c) => c.muted === true),
    }
  }

  /** Drops what is remembered of profiles that no longer exist. */
  keepProfiles(ids: ReadonlySet<string>): void {
    for (const key of this.#campaigns.keys()) {
      if (!ids.has(key.split('\n')[0] ?? '')) this.#campaigns.delete(key)
    }
    for (const id of this.#links.keys()) if (!ids.has(id)) this.#links.delete(id)
  }
}
