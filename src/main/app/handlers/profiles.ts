import type { ProfileInput } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import type { ServerProfile } from '../../../shared/profile'
import { DEMO_PROFILE_ID } from '../../../shared/profile'
import { MAX_PROFILES_FILE_BYTES } from '../../../shared/limits'
import { msg } from '../../../shared/messages'
import { sweepExportFolder } from '../../export/export-service'
import { writeFileAtomic } from '../../fs/atomic-write'
import { readLimited } from '../../fs/read-limited'
import type { Handlers } from '../../ipc/registry'
import { storedKeyMayGo } from '../../profiles/server-draft'
import { bindingOf } from '../../secrets/bound-secret'
import type { AppServices } from './services'

type Deps = Pick<
  AppServices,
  'profiles' | 'views' | 'secrets' | 'monitor' | 'demo' | 'log' | 'adapters' | 'shown'
>

/** Server profiles: list, save (with the SK, all or nothing), delete, export and import. */
export function profileHandlers({
  profiles,
  views,
  secrets,
  monitor,
  demo,
  log,
  adapters,
  shown,
}: Deps): Pick<
  Handlers,
  'profiles:list' | 'profiles:save' | 'profiles:delete' | 'profiles:export' | 'profiles:import'
> {
  /**
   * The profile and its new SK, all or nothing, also across a crash: the key is written first
   * (beside the previous one), then the profile, then the previous key is dropped; see
   * SecretStore.stage. A keychain failure leaves the profile as it was, so the person can save
   * the same form again (say, "this session only") without a duplicate or a half-applied edit.
   */
  async function saveWithSecret(
    input: ProfileInput,
    next: ServerProfile,
    secret: { sk: string; sessionOnly: boolean },
  ): Promise<ServerProfile> {
    const staged = await secrets.stage(next.id, secret.sk, bindingOf(next), {
      sessionOnly: secret.sessionOnly,
    })
    let saved: ServerProfile
    try {
      saved = await profiles.save(input, { newId: next.id })
    } catch (error) {
      await staged
        .abandon()
        .catch((undo: unknown) =>
          log.error('Putting the previous secret key back failed', { error: undo }),
        )
      throw error
    }
    log.addSecret(secret.sk)
    // Both are in place; a previous key left beside the new one is removed at the next start.
    await staged
      .commit()
      .catch((error: unknown) => log.warn('Dropping the previous secret key failed', { error }))
    return saved
  }

  return {
    'profiles:list': () => views.all(),
    'profiles:save': async ({ profile, secret }) => {
      const previous = profile.id === undefined ? undefined : profiles.find(profile.id)
      const next = profiles.prepare(profile)
      // A stored key goes only where, with the AK and under the trust it was given for.
      if (previous && !secret && !storedKeyMayGo(previous, next)) {
        throw new AppError('validation', msg('secretNeededForChange'), { field: 'sk' })
      }
      const saved = secret
        ? await saveWithSecret(profile, next, secret)
        : await profiles.save(profile)
      monitor.profileChanged(saved.id)
      views.announce()
      return views.of(saved)
    },
    'profiles:delete': async ({ profileId }) => {
      const sk = await secrets.get(profileId)
      await profiles.delete(profileId)
      // The monitor waits for the profile's fetches to end, then removes its cache files.
      await monitor.profileRemoved(profileId)
      try {
        await secrets.clear(profileId)
        if (sk) log.removeSecret(sk)
      } catch (error) {
        // The profile is gone either way; a keychain entry left behind is harmless but logged.
        log.warn('The secret key of a deleted profile could not be removed from the keychain', {
          profileId,
          error,
        })
      }
      if (profileId === DEMO_PROFILE_ID) await demo.stop()
      views.announce()
      return null
    },
    'profiles:export': async () => {
      const path = await adapters.chooseSavePath({
        title: shown(msg('dialogExportProfiles')),
        defaultName: 'isales-profiles.json',
        extension: 'json',
      })
      if (!path) return null
      await writeFileAtomic(path, profiles.exportJson())
      await sweepExportFolder(path, log)
      return { path, rowCount: profiles.list().filter((p) => !p.demo).length }
    },
    'profiles:import': async () => {
      const path = await adapters.chooseOpenPath({
        title: shown(msg('dialogImportProfiles')),
        extensions: ['json'],
      })
      if (!path) return null
      const text = await readLimited(path, MAX_PROFILES_FILE_BYTES, msg('fileWhatProfiles'))
      const result = await profiles.importJson(text)
      monitor.watchEveryProfile()
      views.announce()
      return result
    },
  }
}
