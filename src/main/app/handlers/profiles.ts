import type { ServerProfile } from '../../../shared/profile'
import { DEMO_PROFILE_ID } from '../../../shared/profile'
import { MAX_PROFILES_FILE_BYTES } from '../../../shared/limits'
import { msg } from '../../../shared/messages'
import { sweepExportFolder } from '../../export/export-service'
import { writeFileAtomic } from '../../fs/atomic-write'
import { readLimited } from '../../fs/read-limited'
import type { Handlers } from '../../ipc/registry'
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
  /** Puts a profile back as it was before a save (removes it when it was new). */
  async function undoSave(id: string, previous: ServerProfile | undefined): Promise<void> {
    if (!previous) {
      await profiles.delete(id)
      return
    }
    const { demo: _demo, ...input } = previous // the store keeps the demo flag of an existing one
    await profiles.save(input)
  }

  return {
    'profiles:list': () => views.all(),
    'profiles:save': async ({ profile, secret }) => {
      const previous = profile.id === undefined ? undefined : profiles.find(profile.id)
      const saved = await profiles.save(profile)
      if (secret) {
        try {
          await secrets.set(saved.id, secret.sk, { sessionOnly: secret.sessionOnly })
        } catch (error) {
          // All or nothing: the person saves the same form again (say, "this session only"), so
          // a new profile must not stay behind (it would be duplicated), nor an edit half-apply.
          await undoSave(saved.id, previous).catch((undo: unknown) =>
            log.error('Undoing a profile save failed', { error: undo }),
          )
          throw error
        }
        log.addSecret(secret.sk)
      }
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
