/** Every campaign of a profile's server (all pages of the campaign list), for names and statuses. */
import { MAX_PAGE_SIZE } from '../../shared/limits'
import type { Campaign } from '../../shared/import-task'
import type { ServerProfile } from '../../shared/profile'
import type { CampaignPage } from '../isales/client'
import { clientForProfile } from '../isales/profile-client'
import type { ServerGate } from '../isales/server-slots'

/** Enough for any real VDN; a server that keeps answering full pages is not read for ever. */
export const MAX_CAMPAIGN_LIST_PAGES = 20

export async function readAllCampaigns(
  listPage: (curPage: number) => Promise<CampaignPage>,
): Promise<Campaign[]> {
  const all: Campaign[] = []
  for (let page = 1; page <= MAX_CAMPAIGN_LIST_PAGES; page++) {
    const { campaigns, total } = await listPage(page)
    all.push(...campaigns)
    if (campaigns.length < MAX_PAGE_SIZE || (total !== null && all.length >= total)) break
  }
  return all
}

/** The profile's campaign list over its own client (its trust and keys); no SK: nothing to read. */
export async function listProfileCampaigns(
  profile: ServerProfile,
  sk: string | null,
  gate: ServerGate,
): Promise<Campaign[]> {
  if (!sk) return []
  const { client, close } = clientForProfile(profile, sk, gate)
  try {
    return await readAllCampaigns((curPage) =>
      client.listCampaigns({ curPage, rowsPerPage: MAX_PAGE_SIZE }),
    )
  } finally {
    await close()
  }
}
