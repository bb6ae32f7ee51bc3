/**
 * Per server profile: online / offline / error as of main's last check (and when that was), and
 * when main retries; per campaign: when the next automatic refresh is due. `now` ticks every second so countdowns move.
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ConnectivityEvent, ConnectivityState, RefreshScheduleEvent } from '@shared/contract'
import type { ErrorPayload } from '@shared/errors'
import { subscribe } from '../bridge'
import { secondsUntil } from '../logic/format'
import { campaignKey } from '../logic/view-state'

export type LinkState = ConnectivityState | 'unknown'

export const useConnectivityStore = defineStore('connectivity', () => {
  const links = ref<Record<string, ConnectivityEvent>>({})
  /** campaignKey → next automatic refresh (epoch ms) or null when none is planned. */
  const schedules = ref<Record<string, number | null>>({})
  const now = ref(Date.now())

  function stateOf(profileId: string): LinkState {
    return links.value[profileId]?.state ?? 'unknown'
  }

  function errorOf(profileId: string): ErrorPayload | undefined {
    return links.value[profileId]?.error
  }

  /** Seconds until main's next attempt to reach an offline profile, null when none is planned. */
  function retryIn(profileId: string): number | null {
    const at = links.value[profileId]?.nextRetryAt
    return at === undefined ? null : secondsUntil(at, now.value)
  }

  /** When main last checked the server (epoch ms); null before the first check. */
  function checkedAt(profileId: string): number | null {
    return links.value[profileId]?.checkedAt ?? null
  }

  /** Seconds until the campaign's next automatic refresh; null: auto-refresh is off. */
  function refreshIn(profileId: string, campaignId: string): number | null {
    const at = schedules.value[campaignKey(profileId, campaignId)]
    return at === undefined || at === null ? null : secondsUntil(at, now.value)
  }

  /** Whether main has said anything yet about the campaign's automatic refresh (on or off). */
  function hasSchedule(profileId: string, campaignId: string): boolean {
    return campaignKey(profileId, campaignId) in schedules.value
  }

  function onConnectivity(e: ConnectivityEvent): void {
    links.value = { ...links.value, [e.profileId]: e }
  }

  function onSchedule(e: RefreshScheduleEvent): void {
    schedules.value = { ...schedules.value, [campaignKey(e.profileId, e.campaignId)]: e.nextAt }
  }

  /** A refresh that succeeded means the server answered, whatever the last event said. */
  function markOnline(profileId: string): void {
    const link = links.value[profileId]
    if (link?.state === 'online') return
    // Keeps the last check's time: main's own event for this refresh brings the new one.
    onConnectivity({
      profileId,
      state: 'online',
      ...(link?.checkedAt !== undefined ? { checkedAt: link.checkedAt } : {}),
    })
  }

  function forget(profileId: string): void {
    const next = { ...links.value }
    delete next[profileId]
    links.value = next
  }

  /** Subscribes to main's events and starts the clock; returns the undo. */
  function start(): () => void {
    const timer = setInterval(() => (now.value = Date.now()), 1000)
    const offs = [
      subscribe((api) => api.onConnectivityChanged(onConnectivity)),
      subscribe((api) => api.onRefreshScheduled(onSchedule)),
    ]
    return () => {
      clearInterval(timer)
      offs.forEach((off) => off())
    }
  }

  return {
    links,
    schedules,
    now,
    stateOf,
    errorOf,
    retryIn,
    checkedAt,
    refreshIn,
    hasSchedule,
    onConnectivity,
    onSchedule,
    markOnline,
    forget,
    start,
  }
})
