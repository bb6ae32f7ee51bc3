/**
 * Reads a campaign straight from a server (here: the demo's simulator, which lives inside the
 * app), signed with the profile's keys and trusting its pinned certificate: what the server holds,
 * independently of the window.
 */
import { fetchAllImportTasks } from '../../src/main/isales/fetch-all'
import { clientForProfile } from '../../src/main/isales/profile-client'
import { ServerSlots } from '../../src/main/isales/server-slots'
import type { ImportTask } from '../../src/shared/import-task'
import type { ServerProfile } from '../../src/shared/profile'

export async function readCampaign(
  profile: ServerProfile,
  sk: string,
  campaignId: string,
): Promise<{ tasks: ImportTask[]; count: number | null }> {
  const { client, close } = clientForProfile(profile, sk, new ServerSlots())
  try {
    const result = await fetchAllImportTasks(client, { campaignId })
    return { tasks: result.tasks, count: result.count }
  } finally {
    await close()
  }
}
