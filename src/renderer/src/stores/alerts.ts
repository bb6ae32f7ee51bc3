/**
 * Today's alerts as main keeps them (main/alerts): the list for the alerts panel, how many are not
 * acknowledged yet (the header's badge), acknowledging, and muting a campaign.
 */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { Alert } from '@shared/alerts'
import { call, subscribe } from '../bridge'
import { reportError } from '../ui/error-text'

export const useAlertsStore = defineStore('alerts', () => {
  /** Newest first, as main sends them. */
  const alerts = ref<Alert[]>([])
  const unread = computed(() => alerts.value.filter((a) => !a.acknowledged).length)

  async function load(): Promise<void> {
    const r = await call((api) => api.listAlerts({}))
    if (r.ok) alerts.value = r.data
    else reportError('loadAlerts', r.error)
  }

  /** The alerts named, or all of today's. */
  async function acknowledge(ids?: string[]): Promise<void> {
    const r = await call((api) => api.acknowledgeAlerts(ids ? { ids } : {}))
    if (r.ok) alerts.value = r.data
    else reportError('acknowledgeAlerts', r.error)
  }

  /** The profile comes back through profiles:changed. */
  async function mute(profileId: string, campaignId: string, muted: boolean): Promise<boolean> {
    const r = await call((api) => api.muteCampaign({ profileId, campaignId, muted }))
    if (!r.ok) reportError('muteCampaign', r.error)
    return r.ok
  }

  /** Subscribes to alerts:changed and loads the list; returns the undo. */
  function start(): () => void {
    const off = subscribe((api) => api.onAlertsChanged((list) => (alerts.value = list)))
    void load()
    return off
  }

  return { alerts, unread, load, acknowledge, mute, start }
})
