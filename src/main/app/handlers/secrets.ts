import type { Handlers } from '../../ipc/registry'
import type { AppServices } from './services'

/** Forgetting a profile's SK. A new SK only ever arrives with profiles:save. */
export function secretHandlers({
  profiles,
  views,
  secrets,
  monitor,
  log,
}: Pick<AppServices, 'profiles' | 'views' | 'secrets' | 'monitor' | 'log'>): Pick<
  Handlers,
  'secrets:clear'
> {
  return {
    'secrets:clear': async ({ profileId }) => {
      const profile = profiles.get(profileId)
      const sk = await secrets.get(profileId)
      await secrets.clear(profileId)
      if (sk) log.removeSecret(sk)
      monitor.profileChanged(profileId)
      return views.of(profile)
    },
  }
}
