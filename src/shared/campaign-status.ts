/**
 * A campaign's own status, as the campaign list gives it (`status` in a campaign's `extra`): the
 * list's query codes 2 started, 3 suspended, 4 completed, as a number or text. Anything else is
 * not known (null), so nothing is shown rather than a guess.
 */
import type { Campaign } from './import-task'

export const CAMPAIGN_STATUSES = ['started', 'suspended', 'completed'] as const
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number]

const BY_CODE: Readonly<Record<string, CampaignStatus>> = {
  '2': 'started',
  '3': 'suspended',
  '4': 'completed',
}

export function campaignStatusOf(
  campaign: Pick<Campaign, 'extra'> | null | undefined,
): CampaignStatus | null {
  const raw = campaign?.extra['status']
  if (typeof raw !== 'number' && typeof raw !== 'string') return null
  return BY_CODE[String(raw).trim()] ?? null
}
