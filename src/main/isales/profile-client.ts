import type { Campaign } from '../../shared/import-task'
import { MAX_PAGE_SIZE } from '../../shared/limits'
import type { ServerProfile, TlsSettings } from '../../shared/profile'
import { createAgent } from '../tls/agent-factory'
import type { TlsTrust } from '../tls/trust'
import { IsalesClient } from './client'
import type { ServerGate } from './server-slots'

/** The agent trust for a profile's stored TLS settings. */
export function trustOf(tls: TlsSettings): TlsTrust {
  switch (tls.mode) {
    case 'system':
      return { mode: 'system' }
    case 'ca':
      return { mode: 'ca', caPem: tls.caPem }
    case 'pin':
      return { mode: 'pin', fingerprint256: tls.fingerprint256 }
  }
}

/** The client's calls, each holding one of the server's slots (server-slots.ts) while it runs. */
export type GatedClient = Pick<
  IsalesClient,
  'queryImportTasks' | 'queryBlacklistTasks' | 'listCampaigns'
>

export interface ProfileClient {
  client: GatedClient
  /** Closes the agent: its sockets and TLS sessions, once their requests are done. */
  close(): Promise<void>
  /** Closes them now, requests in flight included. */
  destroy(): Promise<void>
}

/** What a client needs of a profile (a saved one, or the profile dialog's unsaved form). */
export type ServerSettings = Pick<ServerProfile, 'serverUrl' | 'vdnId' | 'ak' | 'signing' | 'tls'>

/**
 * The one way to talk to a profile's server: an IsalesClient over its own agent and trust, every
 * call through the server's gate (so its requests and every other caller's share one limit).
 */
export function clientForProfile(
  profile: ServerSettings,
  sk: string,
  gate: ServerGate,
): ProfileClient {
  const agent = createAgent(trustOf(profile.tls))
  try {
    const isales = new IsalesClient({
      baseUrl: profile.serverUrl,
      vdnId: profile.vdnId,
      ak: profile.ak,
      sk,
      signing: profile.signing,
      dispatcher: agent,
    })
    const client: GatedClient = {
      queryImportTasks: (query, opts = {}) =>
        gate.run(profile.serverUrl, opts.signal, () => isales.queryImportTasks(query, opts)),
      queryBlacklistTasks: (query, opts = {}) =>
        gate.run(profile.serverUrl, opts.signal, () => isales.queryBlacklistTasks(query, opts)),
      listCampaigns: (query, opts = {}) =>
        gate.run(profile.serverUrl, opts.signal, () => isales.listCampaigns(query, opts)),
    }
    return { client, close: () => agent.close(), destroy: () => agent.destroy() }
  } catch (err) {
    void agent.close().catch(() => undefined)
    throw err
  }
}

/** The first page of the server's campaign list (name filter optional), on a client of its own. */
export async function firstCampaignPage(
  server: ServerSettings,
  sk: string,
  gate: ServerGate,
  opts: { name?: string; signal?: AbortSignal } = {},
): Promise<Campaign[]> {
  const { client, close } = clientForProfile(server, sk, gate)
  try {
    const page = await client.listCampaigns(
      { curPage: 1, rowsPerPage: MAX_PAGE_SIZE, ...(opts.name ? { name: opts.name } : {}) },
      opts.signal ? { signal: opts.signal } : {},
    )
    return page.campaigns
  } finally {
    await close()
  }
}
