/**
 * The Electron main process's lifecycle (index.ts only calls it): one instance, the app:// scheme
 * registered before ready and served after, services composed, the bridge registered before the
 * window loads, the window opened (or focused for a second instance), and a clean quit. Tested
 * with a stand-in `electron` module (main-process.test.ts); everything else lives in plain modules.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, powerMonitor, protocol } from 'electron'
import { createEventSender, registerAppIpc } from '../ipc/electron-ipc'
import { createLogger, logsDirFor } from '../log/logger'
import { createOsKeychain, type KeychainBackend } from '../secrets/keychain'
import { appMenuTemplate } from '../window/app-menu'
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  serveBundleFile,
} from '../window/app-protocol'
import { createMainWindow, type MainWindow } from '../window/create-window'
import { windowStatePath } from '../window/window-state'
import { composeApp, type ComposedApp } from './compose'
import { electronAdapters } from './electron-adapters'

const QUIT_CLEANUP_MS = 3000
/** The appId in electron-builder.yml: Windows attributes notifications (and their clicks) by it. */
const APP_USER_MODEL_ID = 'com.isales.importmonitor'

export interface MainProcessOptions {
  /** The built preload (out/preload/index.js). */
  preloadFile: string
  /** The built renderer folder (out/renderer): all that app://bundle serves. */
  rendererDir: string
  /** Default process.env; ELECTRON_RENDERER_URL (electron-vite dev) counts only when unpackaged. */
  env?: NodeJS.ProcessEnv
  /** Default: the OS keychain. */
  keychain?: () => KeychainBackend | null
  /** Default: composeApp (tests wrap it to watch the services). */
  compose?: typeof composeApp
}

export interface MainProcess {
  /** Whether this process holds the single-instance lock (false: it quits at once). */
  readonly primary: boolean
  /** Settles once start-up has finished or failed (tests await it). */
  readonly started: Promise<void>
}

export function runMainProcess(opts: MainProcessOptions): MainProcess {
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID)
  // Before ready, or Chromium treats app: as an unknown, non-standard scheme.
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }])
  if (!app.requestSingleInstanceLock()) {
    app.quit() // Another instance is running: it gets 'second-instance' and shows its window.
    return { primary: false, started: Promise.resolve() }
  }
  return { primary: true, started: runPrimary(opts) }
}

function runPrimary(opts: MainProcessOptions): Promise<void> {
  const packaged = app.isPackaged
  /** electron-vite dev sets it; a packaged app never trusts it. */
  const devServerUrl = packaged ? undefined : (opts.env ?? process.env)['ELECTRON_RENDERER_URL']
  const userDataDir = app.getPath('userData')
  const log = createLogger({ dir: logsDirFor(userDataDir) })
  process.on('uncaughtException', (error) => log.error('Uncaught exception', { error }))
  process.on('unhandledRejection', (error) => log.error('Unhandled rejection', { error }))

  let current: MainWindow | null = null
  let flushWindowState: () => Promise<void> = async () => undefined
  let composed: ComposedApp | null = null
  let unregisterIpc: () => void = () => undefined
  const emit = createEventSender(() => current?.window.webContents ?? null, log)

  function focusWindow(win: BrowserWindow): void {
    if (win.isMinimized()) win.restore()
    win.show()
    win.focus()
  }

  let opening: Promise<void> | null = null
  /** Shows the window, creating it when there is none (one at a time). */
  function openWindow(): Promise<void> {
    if (current && !current.window.isDestroyed()) {
      focusWindow(current.window)
      return Promise.resolve()
    }
    opening ??= createMainWindow({
      preloadPath: opts.preloadFile,
      pageUrl: devServerUrl ?? APP_ENTRY_URL,
      devTools: !packaged,
      stateFile: windowStatePath(userDataDir),
      log,
    })
      .then((opened) => {
        current = opened
        flushWindowState = opened.flushState
        opened.window.on('closed', () => {
          if (current === opened) current = null
        })
      })
      .finally(() => (opening = null))
    return opening
  }

  const noWindow = (error: unknown) => log.error('The window could not be opened', { error })
  app.on('second-instance', () => {
    if (app.isReady()) void openWindow().catch(noWindow)
  })

  async function start(): Promise<void> {
    // Ctrl/Cmd+R, +E, +F belong to the window; Electron's default menu would reload the page. No
    // developer tools item when packaged.
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(appMenuTemplate(process.platform, { development: !packaged })),
    )
    protocol.handle(APP_SCHEME, (request) =>
      serveBundleFile(request.url, opts.rendererDir, request.method),
    )
    log.info('Starting', { version: app.getVersion(), platform: process.platform })
    const services = await (opts.compose ?? composeApp)({
      userDataDir,
      log,
      emit,
      adapters: electronAdapters({
        getWindow: () => current?.window ?? null,
        showWindow: () => void openWindow().catch(noWindow),
      }),
      keychain: (opts.keychain ?? createOsKeychain)(),
      version: app.getVersion(),
      // The window's navigator.language is this too: both sides resolve 'system' alike.
      systemLanguages: () => [app.getLocale()],
    })
    composed = services
    // Before the window loads, so its first calls find their handlers.
    unregisterIpc = registerAppIpc(ipcMain, services.handlers, {
      log,
      ...(devServerUrl ? { devServerUrl } : {}),
    })

    // powerMonitor may only be used once the app is ready: start() runs after whenReady().
    powerMonitor.on('suspend', () => services.monitor.suspend())
    powerMonitor.on('resume', () => services.monitor.resume())
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) void openWindow().catch(noWindow)
    })
    await openWindow()
  }

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  // Before exiting: no more IPC calls (none may reach disposed services), the last window state to
  // disk and the services stopped (bounded wait).
  let cleanedUp = false
  app.on('will-quit', (event) => {
    if (cleanedUp) return
    cleanedUp = true
    event.preventDefault()
    unregisterIpc()
    const cleanup = Promise.allSettled([flushWindowState(), composed?.dispose()])
    const timeout = new Promise((resolve) => setTimeout(resolve, QUIT_CLEANUP_MS).unref())
    void Promise.race([cleanup, timeout]).then(() => app.quit())
  })

  return app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log.error('Startup failed', { error })
      dialog.showErrorBox('iSales Import Monitor', `The app could not start. See ${log.file}.`)
      app.exit(1)
    })
}
