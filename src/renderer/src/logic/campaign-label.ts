/**
 * What a watched campaign is called in the window. The blacklist imports (a reserved campaign id,
 * shared/blacklist.ts) are called by their name in the window's language, never by the id; every
 * other campaign by the label the user gave it, else the name the server gave it, else its id.
 */
import { isBlacklist } from '@shared/blacklist'

export const BLACKLIST_NAME_KEY = 'blacklist.name'

export function campaignLabel(
  campaign: { id: string; label: string },
  serverName: string,
  t: (key: string) => string,
): string {
  if (isBlacklist(campaign.id)) return t(BLACKLIST_NAME_KEY)
  return campaign.label || serverName || campaign.id
}

export { isBlacklist }
