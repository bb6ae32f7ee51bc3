/**
 * The tasks store's small helpers: the window's storage (absent or full is no error), the
 * remembered campaign, and refresh request ids.
 */
import { SELECTION_STORAGE_KEY } from '../logic/view-state'
import type { CampaignRef } from './tasks'

export function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    return null
  }
}

export function readSelection(): CampaignRef | null {
  try {
    const raw = storage()?.getItem(SELECTION_STORAGE_KEY)
    const v = raw ? (JSON.parse(raw) as Partial<CampaignRef>) : null
    return typeof v?.profileId === 'string' && typeof v.campaignId === 'string'
      ? { profileId: v.profileId, campaignId: v.campaignId }
      : null
  } catch {
    return null
  }
}

export function newRequestId(): string {
  return globalThis.crypto.randomUUID()
}
