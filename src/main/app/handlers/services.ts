import type { AlertService } from '../../alerts/alert-service'
import type { TaskCache } from '../../cache/task-cache'
import type { DemoController } from '../../demo/demo-controller'
import type { ExportedFiles } from '../../export/export-service'
import type { HandlerContext } from '../../ipc/registry'
import type { ServerGate } from '../../isales/server-slots'
import type { Logger } from '../../log/logger'
import type { TaskMonitor } from '../../monitor/task-monitor'
import type { WindowFeed } from '../../monitor/window-feed'
import type { OverviewService } from '../../overview/overview-service'
import type { ProfileStore } from '../../profiles/profile-store'
import type { SecretStore } from '../../secrets/secret-store'
import type { SettingsStore } from '../../settings/settings-store'
import type { MainText, MessageRef } from '../../../shared/messages'
import type { DesktopAdapters } from '../desktop-adapters'
import type { ProfileViews } from './profile-views'

/**
 * The services composeApp builds. Each domain's handlers take the few they need
 * (Pick<AppServices, ...>), so a handler module says in its signature what it touches.
 */
export interface AppServices {
  /** What app:info reports about this installation. */
  about: {
    version: string
    platform: string
    userDataDir: string
    /** Problems met at start-up, in plain words; the same array app:info answers. */
    notices: MainText[]
  }
  log: Logger
  adapters: DesktopAdapters
  /** A catalogue message in the window's language, for what main shows itself (dialog titles). */
  shown(ref: MessageRef): string
  profiles: ProfileStore
  views: ProfileViews
  settings: SettingsStore
  secrets: SecretStore
  cache: TaskCache
  monitor: TaskMonitor
  /** Versions of the task lists the window holds (one transfer per change). */
  feed: WindowFeed
  exported: ExportedFiles
  demo: DemoController
  alerts: AlertService
  overview: OverviewService
  /** The one per-server request limit: every call that reaches a server goes through it. */
  gate: ServerGate
}

/** The call's abort signal as options for services that take one. */
export function signalOf(ctx: HandlerContext): { signal?: AbortSignal } {
  return ctx.signal ? { signal: ctx.signal } : {}
}
