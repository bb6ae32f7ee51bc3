/**
 * The composition root: builds every main-process service from the user-data folder and answers
 * each bridge channel with a handler. Plain Node: Electron's dialogs, shell and notifications come
 * in as DesktopAdapters, so the end-to-end harness runs exactly this code with fakes for those.
 */
import { X509Certificate } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import type { ServerProfile } from '../../shared/profile'
import { AppError } from '../../shared/errors'
import {
  formatRef,
  mainText,
  msg,
  resolveMessageLocale,
  type MainText,
  type MessageRef,
} from '../../shared/messages'
import type { AppInfo, Emit } from '../../shared/contract'
import { TaskCache } from '../cache/task-cache'
import { startDemo, DEMO_PROFILE_ID, type DemoServer } from '../demo/demo-server'
import { defaultExportName, ExportedFiles, exportTasksCsv } from '../export/export-service'
import { writeFileAtomic } from '../fs/atomic-write'
import type { Handlers } from '../ipc/registry'
import type { Logger } from '../log/logger'
import { clientForProfile } from '../isales/profile-client'
import { TaskMonitor } from '../monitor/task-monitor'
import { ProfileStore } from '../profiles/profile-store'
import { toProfileView, toProfileViews } from '../profiles/profile-view'
import { SecretStore } from '../secrets/secret-store'
import type { KeychainBackend } from '../secrets/keychain'
import { SettingsStore } from '../settings/settings-store'
import { probeCertificate } from '../tls/probe'
import { normalizeFingerprint, validateCaPem } from '../tls/trust'

/** The few things only Electron can do; the e2e harness passes fakes. */
export interface DesktopAdapters {
  /** A path chosen in a save dialog, or null when the person cancelled. */
  chooseSavePath(opts: {
    title: string
    defaultName: string
    extension: string
  }): Promise<string | null>
  /** A file chosen in an open dialog, or null when the person cancelled. */
  chooseOpenPath(opts: { title: string; extensions: string[] }): Promise<string | null>
  showItemInFolder(path: string): void
  /** Resolves to an error text, '' on success (shell.openPath). */
  openPath(path: string): Promise<string>
  notify(notification: { title: string; body: string }): void
}

export interface ComposeOptions {
  userDataDir: string
  log: Logger
  emit: Emit
  adapters: DesktopAdapters
  /** null: no keychain on this system. */
  keychain: KeychainBackend | null
  version: string
  platform?: NodeJS.Platform
  /** The OS languages, for settings.locale 'system' (notifications); default none: English. */
  systemLanguages?: () => readonly string[]
}

export interface ComposedApp {
  handlers: Handlers
  monitor: { suspend(): void; resume(): void; networkChanged(): void }
  dispose(): Promise<void>
}

const MAX_CA_FILE_BYTES = 200_000
const MAX_PROFILES_FILE_BYTES = 10_000_000

export async function composeApp(opts: ComposeOptions): Promise<ComposedApp> {
  const { log, emit, adapters, userDataDir } = opts
  const notices: MainText[] = []
  const opened = await ProfileStore.open(userDataDir)
  const profiles = opened.store
  if (opened.problem) notices.push({ message: opened.problem })
  const openedSettings = await SettingsStore.open(userDataDir)
  const settings = openedSettings.store
  if (openedSettings.problem) notices.push({ message: openedSettings.problem })
  for (const notice of notices) log.warn('Start-up problem', { notice: notice.message })

  /** The window's language, for what main shows itself (notifications, dialog titles). */
  const windowLocale = () =>
    resolveMessageLocale(settings.get().locale, opts.systemLanguages?.() ?? [])
  const shown = (ref: MessageRef) => formatRef(windowLocale(), ref)

  const secrets = new SecretStore(opts.keychain)
  const cache = new TaskCache({ userDataDir, log })
  void cache.removeLeftoverTemps().catch((error: unknown) => log.warn('Cache clean-up', { error }))
  const exported = new ExportedFiles(opts.platform)

  const monitor = new TaskMonitor({
    getProfile: (id) => profiles.get(id),
    getSecret: async (id) => {
      const sk = await secrets.get(id)
      if (sk) log.addSecret(sk) // any accidental occurrence in a log line becomes ***
      return sk
    },
    cache,
    emit,
    notify: (n) => adapters.notify(n),
    settings: () => settings.get(),
    locale: windowLocale,
    log,
  })

  const viewOf = async (profile: ServerProfile) =>
    toProfileView(profile, await secrets.storage(profile.id))
  const allViews = () => toProfileViews(profiles.list(), (id) => secrets.storage(id))
  const announceProfiles = async () => emit('profiles:changed', await allViews())

  // The demo's simulator lives as long as the app; its port and certificate are new each start.
  // Kept as the start itself, so dispose() also stops a demo that is still starting.
  let demo: Promise<DemoServer> | null = null
  let disposed = false
  const shuttingDown = () => new AppError('cancelled', 'The app is shutting down.')
  async function stopOwnDemo(): Promise<void> {
    const running = await demo?.catch(() => null)
    await running?.stop()
  }
  async function ensureDemo(): Promise<ServerProfile> {
    if (disposed) throw shuttingDown()
    const starting = startDemo()
    demo = starting
    const server = await starting
    if (disposed) throw shuttingDown() // dispose() stops it
    const existing = profiles.find(DEMO_PROFILE_ID)
    const { id: _id, demo: _demo, ...fresh } = server.profile
    // Keep the watched campaigns the person chose; take address, keys and pin from the new server.
    const profile = await profiles.save(
      { ...fresh, id: DEMO_PROFILE_ID, campaigns: existing?.campaigns ?? fresh.campaigns },
      { demo: true },
    )
    await secrets.set(DEMO_PROFILE_ID, server.sk, { sessionOnly: true })
    monitor.profileChanged(DEMO_PROFILE_ID)
    return profile
  }
  if (profiles.find(DEMO_PROFILE_ID)) {
    await ensureDemo().catch((error: unknown) => {
      log.warn('The demo server did not start', { error })
      notices.push(mainText(msg('demoNotStarted')))
    })
  }

  /** Puts a profile back as it was before a save (removes it when it was new). */
  async function undoSave(id: string, previous: ServerProfile | undefined): Promise<void> {
    if (!previous) {
      await profiles.delete(id)
      return
    }
    const { demo: _demo, ...input } = previous // the store keeps the demo flag of an existing one
    await profiles.save(input)
  }

  async function requireSecret(profileId: string): Promise<string> {
    const sk = await secrets.get(profileId)
    if (!sk) {
      throw new AppError(
        'auth',
        'No secret key is stored for this server profile. Open the profile and enter the SK.',
      )
    }
    log.addSecret(sk)
    return sk
  }

  const handlers: Handlers = {
    'app:info': async (): Promise<AppInfo> => ({
      version: opts.version,
      platform: opts.platform ?? process.platform,
      userDataDir,
      logFile: log.file,
      keychain: await secrets.status(),
      notices,
    }),
    'app:openLogFolder': async () => {
      const problem = await adapters.openPath(log.dir)
      if (problem) throw new AppError('internal', `Could not open the log folder: ${problem}`)
      return null
    },
    'settings:get': async () => settings.get(),
    'settings:update': async (patch) => settings.update(patch),

    'profiles:list': allViews,
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
      void announceProfiles()
      return viewOf(saved)
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
      if (profileId === DEMO_PROFILE_ID) await stopOwnDemo()
      void announceProfiles()
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
      return { path, rowCount: profiles.list().filter((p) => !p.demo).length }
    },
    'profiles:import': async () => {
      const path = await adapters.chooseOpenPath({
        title: shown(msg('dialogImportProfiles')),
        extensions: ['json'],
      })
      if (!path) return null
      const text = await readLimited(path, MAX_PROFILES_FILE_BYTES, 'profiles file')
      const result = await profiles.importJson(text)
      void announceProfiles()
      return result
    },
    'demo:start': async () => {
      const profile = await ensureDemo()
      void announceProfiles()
      return viewOf(profile)
    },

    'secrets:set': async ({ profileId, sk, sessionOnly }) => {
      const profile = profiles.get(profileId)
      await secrets.set(profileId, sk, { sessionOnly })
      log.addSecret(sk)
      monitor.profileChanged(profileId)
      return viewOf(profile)
    },
    'secrets:clear': async ({ profileId }) => {
      const profile = profiles.get(profileId)
      const sk = await secrets.get(profileId)
      await secrets.clear(profileId)
      if (sk) log.removeSecret(sk)
      monitor.profileChanged(profileId)
      return viewOf(profile)
    },

    'tls:probe': async ({ serverUrl, caPem }, ctx) =>
      probeCertificate(serverUrl, { ...(caPem ? { caPem } : {}), ...signalOf(ctx.signal) }),
    'tls:trust': async ({ profileId, fingerprint256 }, ctx) => {
      const profile = profiles.get(profileId)
      // Trust what the server presents now, and only if it is what the person saw and approved.
      const presented = await probeCertificate(profile.serverUrl, signalOf(ctx.signal))
      if (presented.fingerprint256 !== normalizeFingerprint(fingerprint256)) {
        throw new AppError(
          'cert-changed',
          'The server now presents a different certificate from the one you checked. Test the connection again before trusting it.',
          { presentedFingerprint: presented.fingerprint256, expectedFingerprint: fingerprint256 },
        )
      }
      const saved = await profiles.setTls(profileId, {
        mode: 'pin',
        fingerprint256: presented.fingerprint256,
        subject: presented.subject,
        trustedAt: new Date().toISOString(),
      })
      monitor.profileChanged(profileId)
      void announceProfiles()
      return viewOf(saved)
    },
    'tls:pickCaFile': async () => {
      const path = await adapters.chooseOpenPath({
        title: shown(msg('dialogPickCaFile')),
        extensions: ['pem', 'crt', 'cer'],
      })
      if (!path) return null
      const pem = validateCaPem(await readLimited(path, MAX_CA_FILE_BYTES, 'CA certificate file'))
      const subject = new X509Certificate(pem).subject.replace(/\n/g, ', ')
      return { pem, label: `${basename(path)} (${subject})` }
    },

    'campaigns:listRemote': async ({ profileId, name }, ctx) => {
      const profile = profiles.get(profileId)
      const { client, close } = clientForProfile(profile, await requireSecret(profileId))
      try {
        const page = await client.listCampaigns(
          { curPage: 1, rowsPerPage: 100, ...(name ? { name } : {}) },
          signalOf(ctx.signal),
        )
        return page.campaigns
      } finally {
        await close()
      }
    },

    'tasks:cached': async ({ profileId, campaignId }) => monitor.cached(profileId, campaignId),
    'tasks:refresh': async ({ profileId, campaignId, requestId }, ctx) => {
      const onAbort = () => monitor.cancel(requestId)
      ctx.signal?.addEventListener('abort', onAbort, { once: true })
      try {
        return await monitor.refresh(profileId, campaignId, requestId)
      } finally {
        ctx.signal?.removeEventListener('abort', onAbort)
      }
    },
    'tasks:cancel': async ({ requestId }) => {
      monitor.cancel(requestId)
      return null
    },

    'export:csv': async ({ profileId, campaignId, taskIds }) => {
      const profile = profiles.get(profileId)
      const entry = await cache.get(profileId, campaignId)
      if (!entry) {
        throw new AppError(
          'validation',
          'There are no tasks to export for this campaign yet. Refresh it first.',
        )
      }
      const label = profile.campaigns.find((c) => c.id === campaignId)?.label || campaignId
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
      return result
    },
    'export:showInFolder': async ({ path }) => {
      adapters.showItemInFolder(exported.check(path))
      return null
    },
  }

  return {
    handlers,
    monitor,
    async dispose() {
      disposed = true
      await monitor.stop()
      await stopOwnDemo()
    },
  }
}

function signalOf(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal ? { signal } : {}
}

async function readLimited(path: string, maxBytes: number, what: string): Promise<string> {
  try {
    const info = await stat(path)
    if (info.size > maxBytes) {
      throw new AppError(
        'validation',
        `The ${what} is too large (${info.size} bytes). Choose the right file.`,
      )
    }
    return await readFile(path, 'utf8')
  } catch (error) {
    if (error instanceof AppError) throw error
    throw new AppError(
      'validation',
      `The ${what} could not be read. Check that it exists and that you may open it.`,
    )
  }
}
