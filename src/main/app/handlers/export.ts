import { extname } from 'node:path'
import { AppError } from '../../../shared/errors'
import { msg } from '../../../shared/messages'
import { isBlacklist } from '../../../shared/blacklist'
import {
  defaultExportName,
  exportTasksCsv,
  exportTasksXlsx,
  serverHost,
  sweepExportFolder,
  type ExportFormat,
} from '../../export/export-service'
import type { Handlers } from '../../ipc/registry'
import type { AppServices } from './services'

/** The format a chosen path asks for: its extension when it names one, else the requested one. */
export function formatOfPath(path: string, requested: ExportFormat): ExportFormat {
  const ext = extname(path).toLowerCase()
  return ext === '.xlsx' ? 'xlsx' : ext === '.csv' ? 'csv' : requested
}

/** CSV or xlsx export of a campaign's cached tasks, and "Show in folder" for a file it wrote. */
export function exportHandlers({
  profiles,
  feed,
  monitor,
  settings,
  exported,
  adapters,
  log,
  shown,
}: Pick<
  AppServices,
  'profiles' | 'feed' | 'monitor' | 'settings' | 'exported' | 'adapters' | 'log' | 'shown'
>): Pick<Handlers, 'export:csv' | 'export:showInFolder'> {
  return {
    'export:csv': async ({ profileId, campaignId, taskIds, format = 'csv', filter, groups }) => {
      const profile = profiles.get(profileId)
      // The list the window was given (the rows on screen come from it), else the last good one.
      const shownList = feed.latest(profileId, campaignId)
      const snapshot = shownList?.snapshot ?? (await monitor.cached(profileId, campaignId))
      if (!snapshot) throw new AppError('validation', msg('exportNothingYet'))
      const watched = profile.campaigns.find((c) => c.id === campaignId)
      // The blacklist's file is named for it in the user's language, never by its reserved id.
      const label = isBlacklist(campaignId)
        ? shown(msg('blacklistImports'))
        : watched?.label || campaignId
      const server = serverHost(profile.serverUrl)
      const now = new Date()
      const path = await adapters.chooseSavePath({
        title: shown(msg(format === 'xlsx' ? 'dialogExportXlsx' : 'dialogExportCsv')),
        defaultName: defaultExportName({ server, campaign: label, date: now, format }),
        extension: format,
        otherExtensions: [format === 'xlsx' ? 'csv' : 'xlsx'],
      })
      if (!path) return null
      const written = formatOfPath(path, format)
      const common = {
        tasks: snapshot.tasks,
        byId: shownList?.byId ?? null,
        taskIds,
        path,
        withBlackNum: snapshot.hasBlackNum,
      }
      const result =
        written === 'xlsx'
          ? await exportTasksXlsx({
              ...common,
              context: {
                title: `${profile.name} — ${label}`,
                server,
                campaign:
                  label === campaignId || isBlacklist(campaignId)
                    ? label
                    : `${label} (${campaignId})`,
                // A view export never claims "All tasks": without the window's words, its size.
                ...(taskIds !== null
                  ? {
                      filter:
                        filter ??
                        `The view on screen: ${taskIds.length} of ${snapshot.tasks.length} tasks`,
                    }
                  : {}),
                ...(groups !== undefined ? { groups } : {}),
                exportedAt: now.getTime(),
              },
            })
          : await exportTasksCsv({ ...common, bom: settings.get().csvBom })
      exported.remember(result.path)
      log.info(`Exported ${written === 'xlsx' ? 'xlsx' : 'CSV'}`, {
        rows: result.rowCount,
        path: result.path,
      })
      await sweepExportFolder(result.path, log)
      return result
    },
    'export:showInFolder': async ({ path }) => {
      adapters.showItemInFolder(exported.check(path))
      return null
    },
  }
}
