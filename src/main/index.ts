/**
 * The Electron main process: app lifecycle only. Services come from the composition root, every
 * IPC call goes through the validated dispatcher, the window hardens itself (window/).
 */
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { app, BrowserWindow, dialog, ipcMain, Menu, powerMonitor } from 'electron'
import { createEventSender, registerIpc } from './ipc/electron-ipc'
import { composeApp, type ComposedApp } from './app/compose'
import { electronAdapters } from './app/electron-adapters'
import { createDispatcher } from './ipc/registry'
import { createLogger, logsDirFor } from './log/logger'
import { createOsKeychain } from './secrets/keychain'
import { appMenuTemplate } from './window/app-menu'
import { createMainWindow, type MainWindow } from './window/create-window'
import { windowStatePath } from './window/window-state'

const RENDERER_FILE = join(__dirname, '../renderer/index.html')
const PRELOAD_FILE = join(__dirname, '../preload/index.js')
/** electron-vite dev sets it; a packaged app never trusts it. */
const DEV_SERVER_URL = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL']
const QUIT_CLEANUP_MS = 3000
/** The appId in electron-builder.yml: Windows attributes notifications (and their clicks) by it. */
const APP_USER_MODEL_ID = 'com.isales.importmonitor'

if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID)

if (app.requestSingleInstanceLock()) main()
else app.quit() // Another instance is running: it gets 'second-instance' and shows its window.

function main(): void {
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
      preloadPath: PRELOAD_FILE,
      rendererFile: RENDERER_FILE,
      ...(DEV_SERVER_URL ? { devServerUrl: DEV_SERVER_URL } : {}),
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
    // Ctrl/Cmd+R, +E, +F belong to the window; Electron's default menu would reload the page.
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(appMenuTemplate(process.platform, { development: !app.isPackaged })),
    )
    log.info('Starting', { version: app.getVersion(), platform: process.platform })
    const services = await composeApp({
      userDataDir,
      log,
      emit,
      adapters: electronAdapters({
        getWindow: () => current?.window ?? null,
        showWindow: () => void openWindow().catch(noWindow),
      }),
      keychain: createOsKeychain(),
      version: app.getVersion(),
      // The window's navigator.language is this too: both sides resolve 'system' alike.
      systemLanguages: () => [app.getLocale()],
    })
    composed = services
    const trustedPages = [pathToFileURL(RENDERER_FILE).href]
    if (DEV_SERVER_URL) trustedPages.push(DEV_SERVER_URL)
    unregisterIpc = registerIpc(ipcMain, createDispatcher(services.handlers, { log, trustedPages }))

    // powerMonitor may only be used once the app is ready: start() runs after whenReady().
    powerMonitor.on('suspend', () => services.monitor.suspend())
    powerMonitor.on('resume', () => services.monitor.resume())
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) void openWindow().catch(noWindow)
    })
    await openWindow()
  }

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log.error('Startup failed', { error })
      dialog.showErrorBox('iSales Import Monitor', `The app could not start. See ${log.file}.`)
      app.exit(1)
    })

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
}
