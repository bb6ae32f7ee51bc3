/**
 * What the server's campaign list says about a watched campaign: its own status (started,
 * suspended, ended), for the header. The list is asked for quietly, once per profile and session,
 * when one of its campaigns is opened (a failure only means the status is not shown); a list the
 * user loaded in the profile dialog counts too.
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { campaignStatusOf, type CampaignStatus } from '@shared/campaign-status'
import type { Campaign } from '@shared/import-task'
import { call } from '../bridge'
import { useProfilesStore } from './profiles'

export const useCampaignInfoStore = defineStore('campaign-info', () => {
  const profiles = useProfilesStore()
  /** The campaign list per profile id, as last fetched here. */
  const lists = ref<Record<string, Campaign[]>>({})
  const asked = new Set<string>()

  function find(profileId: string, campaignId: string): Campaign | undefined {
    const list = profiles.remote[profileId]?.data ?? lists.value[profileId]
    return list?.find((c) => c.id === campaignId)
  }

  function statusOf(profileId: string, campaignId: string): CampaignStatus | null {
    return campaignStatusOf(find(profileId, campaignId))
  }

  async function ensure(profileId: string): Promise<void> {
    if (asked.has(profileId) || profiles.remote[profileId]?.data) return
    asked.add(profileId)
    const r = await call((api) => api.listRemoteCampaigns({ profileId }))
    if (r.ok) lists.value = { ...lists.value, [profileId]: r.data }
  }

  return { lists, statusOf, ensure }
})
