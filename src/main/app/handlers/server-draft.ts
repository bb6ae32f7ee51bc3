import type { ConnectionOutcome, ServerDraft } from '../../../shared/contract'
import { isAppError } from '../../../shared/errors'
import { MIN_PAGE_SIZE } from '../../../shared/limits'
import { clientForProfile, firstCampaignPage } from '../../isales/profile-client'
import type { Handlers } from '../../ipc/registry'
import { secretForDraft, trustAccepts } from '../../profiles/server-draft'
import { probeCertificate } from '../../tls/probe'
import { signalOf, type AppServices } from './services'

/**
 * Setting a server up before saving it: "Test connection" (the certificate, then one signed
 * request) and the server's campaign list, for the profile dialog's unsaved form. Which key may
 * sign is profiles/server-draft.ts.
 */
export function serverDraftHandlers({
  profiles,
  secrets,
  log,
  gate,
}: Pick<AppServices, 'profiles' | 'secrets' | 'log' | 'gate'>): Pick<
  Handlers,
  'profiles:test' | 'campaigns:listDraft'
> {
  async function secretFor(draft: ServerDraft): Promise<string> {
    const saved = draft.profileId === undefined ? undefined : profiles.find(draft.profileId)
    const sk = await secretForDraft(draft, saved, (id) => secrets.get(id))
    log.addSecret(sk)
    return sk
  }
  const untrusted: ConnectionOutcome = { kind: 'untrusted' }

  return {
    'profiles:test': async ({ server }, ctx) => {
      const caPem = server.tls.mode === 'ca' ? server.tls.caPem : undefined
      const certificate = await probeCertificate(server.serverUrl, {
        gate,
        ...(caPem ? { caPem } : {}),
        ...signalOf(ctx),
      })
      let outcome: ConnectionOutcome
      try {
        const sk = await secretFor(server)
        // Nothing is signed for a server the form does not trust yet.
        if (!trustAccepts(server.tls, certificate)) return { certificate, outcome: untrusted }
        const { client, close } = clientForProfile(server, sk, gate)
        try {
          const page = await client.listCampaigns(
            { curPage: 1, rowsPerPage: MIN_PAGE_SIZE },
            signalOf(ctx),
          )
          outcome = { kind: 'ok', campaignCount: page.total ?? page.campaigns.length }
        } finally {
          await close()
        }
      } catch (error) {
        if (!isAppError(error) || error.code === 'cancelled') throw error
        outcome = { kind: 'failed', error: error.toPayload() }
      }
      return { certificate, outcome }
    },
    'campaigns:listDraft': async ({ server, name }, ctx) =>
      firstCampaignPage(server, await secretFor(server), gate, { name, ...signalOf(ctx) }),
  }
}
