/**
 * The names and statuses of a server's campaigns, from its campaign list: looked up once the server
 * answers, then at most every `refreshMs` (a campaign may be suspended or completed during the
 * day). A name once found is remembered for the session even if
 * a later list misses it. One lookup per server at a time; a failed one is retried after
 * `refreshMs`, never in a loop.
 */
import type { Campaign } from '../../shared/import-task'
import type { CampaignRunStatus } from '../../shared/overview'

export interface Listed {
  name: string
  status: CampaignRunStatus | null
}

export interface CampaignDirectoryOptions {
  /** Every campaign of the profile's server (all pages). */
  list(profileId: string): Promise<Campaign[]>
  now(): number
  refreshMs: number
  /** Something new was learnt about this profile's campaigns. */
  changed(profileId: string): void
  log: { warn(message: string, meta?: Record<string, unknown>): void }
}

interface ProfileEntry {
  campaigns: Map<string, Listed>
  lastAttemptAt: number | null
  busy: boolean
}

/** The campaign list's status (documented as 2, 3 or 4; sent as a number or as text). */
export function runStatusOf(campaign: Campaign): CampaignRunStatus | null {
  const raw = campaign.extra['status']
  const n = typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : raw
  return n === 2 || n === 3 || n === 4 ? n : null
}

export class CampaignDirectory {
  readonly #o: CampaignDirectoryOptions
  readonly #profiles = new Map<string, ProfileEntry>()

  constructor(options: CampaignDirectoryOptions) {
    this.#o = options
  }

  info(profileId: string, campaignId: string): Listed | undefined {
    return this.#profiles.get(profileId)?.campaigns.get(campaignId)
  }

  /**
   * The server has just answered: read its campaign list unless a lookup is under way or the last
   * one is younger than refreshMs.
   */
  wanted(profileId: string, watched: readonly string[]): void {
    if (watched.length === 0) return
    const entry = this.#entry(profileId)
    const last = entry.lastAttemptAt
    if (entry.busy || (last !== null && this.#o.now() - last < this.#o.refreshMs)) return
    void this.#lookUp(profileId, entry)
  }

  forget(profileId: string): void {
    this.#profiles.delete(profileId)
  }

  async #lookUp(profileId: string, entry: ProfileEntry): Promise<void> {
    entry.busy = true
    entry.lastAttemptAt = this.#o.now()
    try {
      const campaigns = await this.#o.list(profileId)
      if (this.#profiles.get(profileId) !== entry) return // forgotten meanwhile
      for (const c of campaigns) {
        const known = entry.campaigns.get(c.id)
        entry.campaigns.set(c.id, {
          name: c.name || known?.name || '',
          status: runStatusOf(c) ?? known?.status ?? null,
        })
      }
      this.#o.changed(profileId)
    } catch (error) {
      this.#o.log.warn('Campaign list for the overview could not be read', { profileId, error })
    } finally {
      entry.busy = false
    }
  }

  #entry(profileId: string): ProfileEntry {
    let entry = this.#profiles.get(profileId)
    if (!entry) {
      entry = { campaigns: new Map(), lastAttemptAt: null, busy: false }
      this.#profiles.set(profileId, entry)
    }
    return entry
  }
}
