import { AppError } from '../../../shared/errors'
import { msg } from '../../../shared/messages'
import { firstCampaignPage } from '../../isales/profile-client'
import type { Handlers } from '../../ipc/registry'
import { signalOf, type AppServices } from './services'

/** The server's campaign list, for picking the campaigns to watch. */
export function campaignHandlers({
  profiles,
  secrets,
  log,
  gate,
}: Pick<AppServices, 'profiles' | 'secrets' | 'log' | 'gate'>): Pick<
  Handlers,
  'campaigns:listRemote'
> {
  async function requireSecret(profileId: string): Promise<string> {
    const sk = await secrets.get(profileId)
    if (!sk) throw new AppError('auth', msg('secretMissing'))
    log.addSecret(sk)
    return sk
  }

  return {
    'campaigns:listRemote': async ({ profileId, name }, ctx) =>
      firstCampaignPage(profiles.get(profileId), await requireSecret(profileId), gate, {
        name,
        ...signalOf(ctx),
      }),
  }
}
