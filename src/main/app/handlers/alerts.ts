import { AppError } from '../../../shared/errors'
import { msg } from '../../../shared/messages'
import type { Handlers } from '../../ipc/registry'
import type { AppServices } from './services'

/**
 * Today's alerts, acknowledging them, and muting a campaign. The mute is kept with the watched
 * campaign in its profile: it goes when the campaign stops being watched, travels with an exported
 * profile, and a closed demo takes its own with it.
 */
export function alertHandlers({
  alerts,
  profiles,
  views,
}: Pick<AppServices, 'alerts' | 'profiles' | 'views'>): Pick<
  Handlers,
  'alerts:list' | 'alerts:acknowledge' | 'alerts:mute'
> {
  return {
    'alerts:list': async () => alerts.list(),
    'alerts:acknowledge': async ({ ids }) => alerts.acknowledge(ids),
    'alerts:mute': async ({ profileId, campaignId, muted }) => {
      const profile = profiles.get(profileId)
      if (!profile.campaigns.some((c) => c.id === campaignId)) {
        throw new AppError('validation', msg('alertCampaignNotWatched', { campaign: campaignId }))
      }
      const saved = await profiles.setCampaigns(
        profileId,
        profile.campaigns.map((c) => {
          if (c.id !== campaignId) return c
          const { muted: _was, ...rest } = c
          return muted ? { ...rest, muted: true } : rest
        }),
      )
      views.announce()
      return views.of(saved)
    },
  }
}
