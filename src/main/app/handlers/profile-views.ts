import type { Emit } from '../../../shared/contract'
import type { ProfileView, ServerProfile } from '../../../shared/profile'
import type { ProfileStore } from '../../profiles/profile-store'
import { toProfileView, toProfileViews } from '../../profiles/profile-view'
import type { SecretStore } from '../../secrets/secret-store'

/** Profiles as the window sees them (with where their SK is kept), answered or announced. */
export interface ProfileViews {
  of(profile: ServerProfile): Promise<ProfileView>
  all(): Promise<ProfileView[]>
  /** Sends every profile to the window (profiles:changed), without waiting. */
  announce(): void
}

export function createProfileViews(deps: {
  profiles: Pick<ProfileStore, 'list'>
  secrets: Pick<SecretStore, 'storage'>
  emit: Emit
}): ProfileViews {
  const { profiles, secrets, emit } = deps
  const all = () => toProfileViews(profiles.list(), (id) => secrets.storage(id))
  return {
    of: async (profile) => toProfileView(profile, await secrets.storage(profile.id)),
    all,
    announce: () => void all().then((views) => emit('profiles:changed', views)),
  }
}
