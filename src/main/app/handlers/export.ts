import { AppError } from '../../../shared/errors'
import { msg } from '../../../shared/messages'
import { isBlacklist } from '../../../shared/blacklist'
import { defaultExportName, exportTasksCsv, sweepExportFolder } from '../../export/export-service'
import type { Handlers } from '../../ipc/registry'
import type { AppServices } from './services'

/** CSV export of a campaign's cached tasks, and "Show in folder" for a file it wrote. */
export function exportHandlers({
  profiles,
  cache,
  settings,
  exported,
  adapters,
  log,
  shown,
}: Pick<
  AppServices,
  'profiles' | 'cache' | 'settings' | 'exported' | 'adapters' | 'log' | 'shown'
>): Pick<Handlers, 'export:csv' | 'export:showInFolder'> {
  return {
    'export:csv': async ({ profileId, campaignId, taskIds }) => {
      const profile = profiles.get(profileId)
      const entry = await cache.get(profileId, campaignId)
      if (!entry) throw new AppError('validation', msg('exportNothingYet'))
      const watched = profile.campaigns.find((c) => c.id === campaignId)
      // The blacklist's file is named for it in the user's language, never by its reserved id.
      const label = isBlacklist(campaignId)
        ? shown(msg('blacklistImports'))
        : watched?.label || campaignId
      const path = await adapters.chooseSavePath({
        title: shown(msg('dialogExportCsv')),
        defaultName: defaultExportName(label, new Date()),
        extension: 'csv',
      })
      if (!path) return null
      const result = await exportTasksCsv({
        tasks: entry.tasks,
        taskIds,
        path,
        bom: settings.get().csvBom,
        withBlackNum: entry.hasBlackNum,
      })
      exported.remember(result.path)
      log.info('Exported CSV', { rows: result.rowCount, path: result.path })
      await sweepExportFolder(result.path, log)
      return result
    },
    'export:showInFolder': async ({ path }) => {
      adapters.showItemInFolder(exported.check(path))
      return null
    },
  }
}
