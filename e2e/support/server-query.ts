/**
 * Reads a campaign straight from a server (here: the demo's simulator, which lives inside the
 * app), signed with the profile's keys and trusting its pinned certificate: what the server holds,
 * independently of the window.
 */
import { fetchAllImportTasks } from '../../src/main/isales/fetch-all'
import { IsalesClient } from '../../src/main/isales/client'
import { trustOf } from '../../src/main/monitor/client-pool'
import { createAgent } from '../../src/main/tls/agent-factory'
import type { ImportTask } from '../../src/shared/import-task'
import type { ServerProfile } from '../../src/shared/profile'

export async function readCampaign(
  profile: ServerProfile,
  sk: string,
  campaignId: string,
): Promise<{ tasks: ImportTask[]; count: number | null }> {
  const agent = createAgent(trustOf(profile.tls))
  try {
    const client = new IsalesClient({
      baseUrl: profile.serverUrl,
      vdnId: profile.vdnId,
      ak: profile.ak,
      sk,
      signing: profile.signing,
      dispatcher: agent,
    })
    const result = await fetchAllImportTasks(client, { campaignId })
    return { tasks: result.tasks, count: result.count }
  } finally {
    await agent.close()
  }
}
