/**
 * The composition root: builds every main-process service from the user-data folder and merges
 * each domain's bridge handlers (handlers/) into one Handlers. Plain Node: Electron's dialogs,
 * shell and notifications come in as DesktopAdapters, so the end-to-end harness runs exactly this
 * code with fakes for those.
 */
import type { Emit } from '../../shared/contract'
import {
  formatRef,
  resolveMessageLocale,
  type MainText,
  type MessageRef,
} from '../../shared/messages'
import { AlertService } from '../alerts/alert-service'
import { TaskCache } from '../cache/task-cache'
import { DemoController } from '../demo/demo-controller'
import { ExportedFiles } from '../export/export-service'
import { sweepAndLog } from '../fs/orphan-temps'
import type { Handlers } from '../ipc/registry'
import type { Logger } from '../log/logger'
import { ServerSlots } from '../isales/server-slots'
import { nodeTimers } from '../monitor/scheduler'
import { TLS_ENV_IGNORED, tlsChecksOffRequested } from '../tls/env-override'
import { TaskMonitor } from '../monitor/task-monitor'
import { WindowFeed } from '../monitor/window-feed'
import { listProfileCampaigns } from '../overview/campaign-list'
import { OverviewService } from '../overview/overview-service'
import { ProfileStore } from '../profiles/profile-store'
import { bindingOf } from '../secrets/bound-secret'
import { SecretStore } from '../secrets/secret-store'
import type { KeychainBackend } from '../secrets/keychain'
import { SettingsStore } from '../settings/settings-store'
import type { DesktopAdapters } from './desktop-adapters'
import { alertHandlers } from './handlers/alerts'
import { appHandlers } from './handlers/app'
import { serverDraftHandlers } from './handlers/server-draft'
import { campaignHandlers } from './handlers/campaigns'
import { demoHandlers } from './handlers/demo'
import { exportHandlers } from './handlers/export'
import { mergeHandlers } from './handlers/merge'
import { overviewHandlers } from './handlers/overview'
import { createProfileViews } from './handlers/profile-views'
import { profileHandlers } from './handlers/profiles'
import { secretHandlers } from './handlers/secrets'
import type { AppServices } from './handlers/services'
import { taskHandlers } from './handlers/tasks'
import { tlsHandlers } from './handlers/tls'

export type { DesktopAdapters } from './desktop-adapters'

export interface ComposeOptions {
  userDataDir: string
  log: Logger
  /** The window's event sender (createEventSender); a `false` answer: the event did not go out. */
  emit: Emit<unknown>
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
  monitor: { suspend(): void; resume(): void }
  dispose(): Promise<void>
}

export async function composeApp(opts: ComposeOptions): Promise<ComposedApp> {
  const { log, adapters, userDataDir } = opts
  const notices: MainText[] = []
  const opened = await ProfileStore.open(userDataDir)
  const profiles = opened.store
  if (opened.problem) notices.push(opened.problem)
  const openedSettings = await SettingsStore.open(userDataDir)
  const settings = openedSettings.store
  if (openedSettings.problem) notices.push(openedSettings.problem)
  for (const notice of notices) log.warn('Start-up problem', { notice: notice.message })
  if (tlsChecksOffRequested(process.env)) log.warn(TLS_ENV_IGNORED)

  /** The window's language, for what main shows itself (notifications, dialog titles). */
  const windowLocale = () =>
    resolveMessageLocale(settings.get().locale, opts.systemLanguages?.() ?? [])
  const shown = (ref: MessageRef) => formatRef(windowLocale(), ref)

  // Alerts and desktop notifications are decided from what main tells the window: every service
  // sends through `emit`, which the alert service watches.
  const alerts = new AlertService({
    emit: opts.emit,
    notify: (n) => adapters.notify(n),
    settings: () => settings.get(),
    locale: windowLocale,
    findProfile: (id) => profiles.find(id),
    log,
  })

  const secrets = new SecretStore(opts.keychain, (id) => {
    const profile = profiles.find(id)
    return profile && bindingOf(profile)
  })
  // Keys left by a crash mid-save or a failed removal; never when the profiles file was set aside
  // (its profiles' keys must still be there when it is put back).
  if (!opened.problem) {
    void secrets
      .tidy()
      .catch((error: unknown) => log.warn('Keychain clean-up at start-up', { error }))
  }
  const cache = new TaskCache({ userDataDir, log })
  // Start-up sweep of what killed writes left: the stores' folder and the cache (orphan-temps.ts).
  void sweepAndLog(userDataDir, log)
  void cache
    .removeLeftoverTemps()
    .then((count) => count > 0 && log.info('Cache clean-up', { folder: cache.dir, count }))
    .catch((error: unknown) => log.warn('Cache clean-up', { error }))
  const exported = new ExportedFiles(opts.platform)

  // One request limit per server for everything that talks to it (monitor, lists, probes).
  const gate = new ServerSlots()

  // The overview learns from the events on their way to the window, so everything below emits
  // through it.
  const overview = new OverviewService({
    profiles: () => profiles.list(),
    cached: (profileId, campaignId) => cache.get(profileId, campaignId),
    listCampaigns: async (profileId) => {
      const sk = await secrets.get(profileId)
      if (sk) log.addSecret(sk)
      return listProfileCampaigns(profiles.get(profileId), sk, gate)
    },
    thresholds: () => settings.get(),
    slowIntervalMs: () => settings.get().idleCheckIntervalSec * 1000,
    emit: opts.emit,
    timers: nodeTimers,
    now: Date.now,
    log,
  })
  // Events pass the overview, then the alert service, on their way to the window; at the window's
  // boundary the feed turns each task list into a versioned full list or delta (window-feed.ts).
  const feed = new WindowFeed(opts.emit)
  const emit = overview.observe(alerts.observe(feed.emit))

  const monitor = new TaskMonitor({
    getProfile: (id) => profiles.get(id),
    profileIds: () => profiles.list().map((p) => p.id),
    getSecret: async (id) => {
      const sk = await secrets.get(id)
      if (sk) log.addSecret(sk) // any accidental occurrence in a log line becomes ***
      return sk
    },
    cache,
    emit,
    settings: () => settings.get(),
    gate,
    log,
  })

  const demo = new DemoController({ profiles, secrets, monitor, log })
  const demoProblem = await demo.resumeSaved()
  if (demoProblem) notices.push(demoProblem)
  monitor.watchEveryProfile() // every watched campaign of every profile, whether the window opens it or not
  void overview.start().catch((error: unknown) => log.warn('Overview start-up', { error }))

  const services: AppServices = {
    about: {
      version: opts.version,
      platform: opts.platform ?? process.platform,
      userDataDir,
      notices,
    },
    log,
    adapters,
    shown,
    profiles,
    views: createProfileViews({ profiles, secrets, emit }),
    settings,
    secrets,
    cache,
    monitor,
    feed,
    exported,
    demo,
    alerts,
    overview,
    gate,
  }
  // Each channel in exactly one part: a gap or a second handler does not compile (see Merged).
  const handlers: Handlers = mergeHandlers(
    appHandlers(services),
    profileHandlers(services),
    demoHandlers(services),
    secretHandlers(services),
    tlsHandlers(services),
    campaignHandlers(services),
    serverDraftHandlers(services),
    taskHandlers(services),
    exportHandlers(services),
    alertHandlers(services),
    overviewHandlers(services),
  )

  return {
    handlers,
    monitor,
    async dispose() {
      demo.shutDown()
      overview.stop()
      await monitor.stop()
      await demo.stop()
    },
  }
}
