import type { ProfileView, SecretStorage, ServerProfile } from '../../shared/profile'

/** What the window may see of a profile: the profile plus whether (and where) its SK is kept. */
export function toProfileView(profile: ServerProfile, storage: SecretStorage): ProfileView {
  return {
    ...structuredClone(profile),
    hasSecret: storage === 'keychain' || storage === 'session',
    secretStorage: storage,
  }
}

/** Views of several profiles; `storageOf` is typically `(id) => secretStore.storage(id)`. */
export async function toProfileViews(
  profiles: readonly ServerProfile[],
  storageOf: (profileId: string) => Promise<SecretStorage>,
): Promise<ProfileView[]> {
  return Promise.all(profiles.map(async (p) => toProfileView(p, await storageOf(p.id))))
}
