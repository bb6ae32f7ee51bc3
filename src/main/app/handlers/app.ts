import type { AppInfo } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import { msg } from '../../../shared/messages'
import type { Handlers } from '../../ipc/registry'
import type { AppServices } from './services'

/** About the app, its log folder, and the settings. */
export function appHandlers({
  about,
  log,
  adapters,
  secrets,
  settings,
}: Pick<AppServices, 'about' | 'log' | 'adapters' | 'secrets' | 'settings'>): Pick<
  Handlers,
  'app:info' | 'app:openLogFolder' | 'settings:get' | 'settings:update'
> {
  return {
    'app:info': async (): Promise<AppInfo> => ({
      version: about.version,
      platform: about.platform,
      userDataDir: about.userDataDir,
      logFile: log.file,
      keychain: await secrets.status(),
      notices: about.notices,
    }),
    'app:openLogFolder': async () => {
      const problem = await adapters.openPath(log.dir)
      if (problem) throw new AppError('internal', msg('logFolderFailed', { problem }))
      return null
    },
    'settings:get': async () => settings.get(),
    'settings:update': async (patch) => settings.update(patch),
  }
}
