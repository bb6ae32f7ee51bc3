/**
 * The overview's "Failed today" triage: today's failed imports of every watched campaign, by
 * cause, from the task snapshots the window already holds (every watched campaign's cache is
 * loaded at start-up and main sends each check's tasks). Grouped again only when a snapshot
 * changes or the day does, not on every tick of the clock.
 */
import { defineStore } from 'pinia'
import { computed } from 'vue'
import { localDayStart } from '@shared/day-health'
import { failedTodayTriage, type CampaignSource } from '../logic/triage'
import { campaignKey } from '../logic/view-state'
import { useConnectivityStore } from './connectivity'
import { useProfilesStore } from './profiles'
import { useTasksStore } from './tasks'

export const useTriageStore = defineStore('triage', () => {
  const tasks = useTasksStore()
  const profiles = useProfilesStore()
  const connectivity = useConnectivityStore()

  const dayStart = computed(() => localDayStart(connectivity.now))

  const failedToday = computed(() => {
    const snapshots = tasks.snapshots
    const sources: CampaignSource[] = []
    for (const p of profiles.profiles) {
      for (const c of p.campaigns) {
        const s = snapshots[campaignKey(p.id, c.id)]
        if (!s) continue
        sources.push({
          profileId: p.id,
          campaignId: c.id,
          label: c.label || c.id,
          tasks: s.tasks,
        })
      }
    }
    return failedTodayTriage(sources, dayStart.value)
  })

  return { failedToday }
})
