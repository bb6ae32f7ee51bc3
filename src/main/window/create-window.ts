/**
 * Electron glue for the one app window: hardened web preferences, no navigation, no new windows,
 * no webviews, no permissions, external links (documentation hosts only) only through
 * isSafeExternalUrl, and remembered bounds. The page comes from app://bundle (app-protocol.ts,
 * which also sends the CSP header) or, in development, the dev server. The rules live in plain
 * modules beside this file.
 */
import { BrowserWindow, screen, shell, type Session } from 'electron'
import type { Log } from '../log/logger'
import { isSafeExternalUrl } from './web-security'
import {
  createWindowStateKeeper,
  loadWindowState,
  MIN_SIZE,
  placeWindow,
  type Rect,
} from './window-state'

export interface MainWindowOptions {
  preloadPath: string
  /** app://bundle/index.html, or the electron-vite dev server (ELECTRON_RENDERER_URL) in development. */
  pageUrl: string
  /** Developer tools may open (never in a packaged build). */
  devTools: boolean
  /** `<userDataDir>/window-state.json`. */
  stateFile: string
  log: Log
}

export interface MainWindow {
  window: BrowserWindow
  /** Resolves once the last window state is on disk (await before quitting). */
  flushState(): Promise<void>
}

export async function createMainWindow(opts: MainWindowOptions): Promise<MainWindow> {
  const { log } = opts
  const placement = placeWindow(await loadWindowState(opts.stateFile, log), displayWorkAreas())

  const win = new BrowserWindow({
    ...(placement.x !== undefined && placement.y !== undefined
      ? { x: placement.x, y: placement.y }
      : {}),
    width: placement.width,
    height: placement.height,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'iSales Import Monitor',
    webPreferences: {
      preload: opts.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      devTools: opts.devTools,
    },
  })
  if (placement.maximized) win.maximize()
  win.once('ready-to-show', () => win.show())

  hardenSession(win.webContents.session)
  const wc = win.webContents
  /** An allowed link (see isSafeExternalUrl) goes to the system browser; any other is logged. */
  const openExternally = (url: string): void => {
    if (isSafeExternalUrl(url)) {
      shell.openExternal(url).catch((err: unknown) => {
        log.warn('Could not open a link in the browser', { error: err })
      })
    } else {
      log.warn('Refused to open a link', { url: url.slice(0, 200) })
    }
  }
  // The page never leaves itself: in-page (hash) routing is not a navigation and still works. Since
  // Electron 25 'will-frame-navigate' fires for the main frame as well as subframes (before
  // 'will-navigate', which it makes redundant); a link the main frame follows opens in the browser
  // when allowed.
  wc.on('will-frame-navigate', (event) => {
    event.preventDefault()
    if (event.isMainFrame) openExternally(event.url)
  })
  wc.on('will-attach-webview', (event) => event.preventDefault())
  wc.setWindowOpenHandler(({ url }) => {
    openExternally(url)
    return { action: 'deny' }
  })
  wc.on('render-process-gone', (_event, details) => {
    log.error('The window renderer process is gone', { reason: details.reason })
  })
  wc.on('preload-error', (_event, preloadPath, error) => {
    log.error('The preload script failed', { preloadPath, error })
  })

  const keeper = createWindowStateKeeper({ file: opts.stateFile, log })
  const remember = () => {
    if (win.isDestroyed() || win.isMinimized() || win.isFullScreen()) return
    keeper.update({ bounds: win.getNormalBounds(), maximized: win.isMaximized() })
  }
  win.on('resize', remember)
  win.on('move', remember)
  win.on('maximize', remember)
  win.on('unmaximize', remember)
  win.on('close', () => {
    remember()
    void keeper.flush()
  })

  win
    .loadURL(opts.pageUrl)
    .catch((err: unknown) => log.error('The window could not load its page', { error: err }))

  return { window: win, flushState: () => keeper.flush() }
}

/** Work areas of the connected displays, the primary display first. */
function displayWorkAreas(): Rect[] {
  const primary = screen.getPrimaryDisplay()
  const others = screen.getAllDisplays().filter((d) => d.id !== primary.id)
  return [primary, ...others].map((d) => d.workArea)
}

/**
 * No web permission is ever granted (camera, geolocation, notifications from the page...), except
 * the clipboard write behind "copy" buttons.
 */
function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  ses.setPermissionCheckHandler((_wc, permission) => permission === 'clipboard-sanitized-write')
}
