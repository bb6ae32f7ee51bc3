/**
 * Main's own refreshes, as the window sees them: which campaigns are being refreshed right now by
 * whoever started it (refresh:running), stopping one (tasks:stop: automatic refreshes too), and
 * telling main which campaign is open (tasks:open: main probes its server every few seconds while
 * it is offline, so the campaign comes back within seconds of the server answering).
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { RefreshRunningEvent } from '@shared/contract'
import { call, subscribe } from '../bridge'
import { campaignKey } from '../logic/view-state'
import { reportError } from '../ui/error-text'

export interface CampaignRef {
  profileId: string
  campaignId: string
}

export const useAutoRefreshStore = defineStore('autoRefresh', () => {
  /** campaignKey → when its running refresh started (epoch ms). */
  const running = ref<Record<string, number>>({})
  let opened: string | null = null

  /** When the campaign's refresh in flight started; null when none runs. */
  function runningSince(profileId: string, campaignId: string): number | null {
    return running.value[campaignKey(profileId, campaignId)] ?? null
  }

  function onRunning(e: RefreshRunningEvent): void {
    const key = campaignKey(e.profileId, e.campaignId)
    const next = { ...running.value }
    if (e.running) next[key] = Date.now()
    else delete next[key]
    running.value = next
  }

  /** Stops the campaign's refresh in flight, whoever started it; its last good tasks stay. */
  async function stop(target: CampaignRef): Promise<void> {
    const r = await call((api) =>
      api.stopRefresh({ profileId: target.profileId, campaignId: target.campaignId }),
    )
    if (!r.ok) reportError('cancelRefresh', r.error)
  }

  /** The campaign on screen (null: none, say the overview): only a change is sent. */
  async function open(target: CampaignRef | null): Promise<void> {
    const campaign = target ? { profileId: target.profileId, campaignId: target.campaignId } : null
    const key = campaign ? campaignKey(campaign.profileId, campaign.campaignId) : null
    if (key === opened) return
    opened = key
    const r = await call((api) => api.openCampaign({ campaign }))
    // Only the quick recovery after an outage is lost; the regular retries go on.
    if (!r.ok) console.warn('Could not tell main which campaign is open', r.error.code)
  }

  function start(): () => void {
    return subscribe((api) => api.onRefreshRunning(onRunning))
  }

  return { running, runningSince, onRunning, stop, open, start }
})
