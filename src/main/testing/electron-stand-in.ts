/**
 * A stand-in for the `electron` module as the main process uses it (app, protocol, ipcMain,
 * BrowserWindow, Menu, powerMonitor, dialogs, shell, screen, Notification), for tests that drive
 * the main entry's lifecycle without an Electron binary. It keeps a timeline of what was asked of
 * it, in order, and the handlers registered, so a test can call them as Electron would.
 *
 *   const electron = await vi.hoisted(async () =>
 *     (await import('../testing/electron-stand-in')).createElectronStandIn())
 *   vi.mock('electron', () => electron.module)
 */
import { EventEmitter } from 'node:events'

export interface StandInOptions {
  packaged?: boolean
  /** requestSingleInstanceLock's answer: false when another instance holds the lock. */
  lock?: boolean
  userDataDir?: string
}

export interface StandInFrame {
  url: string
  parent: StandInFrame | null
  processId: number
  frameToken: string
}

export interface StandInWindowOptions {
  x?: number
  y?: number
  width: number
  height: number
  webPreferences: Record<string, unknown>
}

export interface StandInWebContents extends EventEmitter {
  readonly mainFrame: StandInFrame
  readonly sent: Array<[string, unknown]>
  destroyed: boolean
  /** A child frame of this page (an iframe), for sender checks. */
  subframe(url: string): StandInFrame
}

export interface StandInWindow extends EventEmitter {
  readonly options: StandInWindowOptions
  readonly webContents: StandInWebContents
  bounds: { x: number; y: number; width: number; height: number }
  minimized: boolean
  destroyed: boolean
  loaded: string | null
  readonly restore: () => void
  readonly show: () => void
  readonly focus: () => void
}

type Listener = (event: unknown, ...args: unknown[]) => unknown
type ProtocolHandler = (request: { url: string; method: string }) => Promise<Response>

let windowIds = 0

export function createElectronStandIn() {
  const state = {
    packaged: false,
    lock: true,
    ready: false,
    userDataDir: '',
    /** What was done, in order: 'schemes', 'ready', 'protocol:app', 'ipc:<channel>', 'load:<url>'… */
    timeline: [] as string[],
    privilegedSchemes: [] as unknown[],
    protocols: new Map<string, ProtocolHandler>(),
    ipcHandlers: new Map<string, Listener>(),
    menu: null as { template: unknown[] } | null,
    windows: [] as StandInWindow[],
  }

  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    requestSingleInstanceLock: () => state.lock,
    quit: vi.fn(() => void state.timeline.push('quit')),
    exit: vi.fn((code: number) => void state.timeline.push(`exit:${code}`)),
    whenReady: async () => {
      state.ready = true
      state.timeline.push('ready')
    },
    isReady: () => state.ready,
    getPath: (name: string) => {
      if (name !== 'userData') throw new Error(`stand-in: no path ${name}`)
      return state.userDataDir
    },
    getVersion: () => '9.9.9',
    getLocale: () => 'en-US',
    setAppUserModelId: vi.fn(),
  })
  // A live getter (Object.assign would copy its value once).
  Object.defineProperty(app, 'isPackaged', { get: () => state.packaged })

  const protocol = {
    registerSchemesAsPrivileged: vi.fn((schemes: unknown[]) => {
      // As in Electron: only before the app is ready.
      if (state.ready) throw new Error('registerSchemesAsPrivileged after ready')
      state.privilegedSchemes.push(...schemes)
      state.timeline.push('schemes')
    }),
    handle: vi.fn((scheme: string, handler: ProtocolHandler) => {
      if (!state.ready) throw new Error('protocol.handle before ready')
      state.protocols.set(scheme, handler)
      state.timeline.push(`protocol:${scheme}`)
    }),
  }

  const ipcMain = {
    handle: vi.fn((channel: string, listener: Listener) => {
      if (state.ipcHandlers.has(channel)) {
        throw new Error(`Attempted to register a second handler for '${channel}'`)
      }
      state.ipcHandlers.set(channel, listener)
      state.timeline.push(`ipc:${channel}`)
    }),
    removeHandler: vi.fn((channel: string) => void state.ipcHandlers.delete(channel)),
  }

  class FakeWebContents extends EventEmitter implements StandInWebContents {
    readonly id = ++windowIds
    readonly mainFrame: StandInFrame = {
      url: '',
      parent: null,
      processId: 7,
      frameToken: `main-${this.id}`,
    }
    readonly session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() }
    readonly sent: Array<[string, unknown]> = []
    destroyed = false
    setWindowOpenHandler = vi.fn()
    send(channel: string, payload: unknown) {
      this.sent.push([channel, payload])
    }
    isDestroyed() {
      return this.destroyed
    }
    /** A child frame of this page (an iframe), for sender checks. */
    subframe(url: string): StandInFrame {
      return { url, parent: this.mainFrame, processId: 7, frameToken: `child-${this.id}` }
    }
  }

  class FakeWindow extends EventEmitter implements StandInWindow {
    static getAllWindows = () => state.windows.filter((w) => !w.destroyed)
    readonly webContents = new FakeWebContents()
    bounds: { x: number; y: number; width: number; height: number }
    minimized = false
    maximized = false
    destroyed = false
    loaded: string | null = null
    readonly restore = vi.fn(() => void (this.minimized = false))
    readonly show = vi.fn()
    readonly focus = vi.fn()
    constructor(readonly options: StandInWindowOptions) {
      super()
      const o = options
      this.bounds = { x: o.x ?? 0, y: o.y ?? 0, width: o.width, height: o.height }
      state.windows.push(this)
      state.timeline.push('window')
    }
    async loadURL(url: string) {
      this.loaded = url
      this.webContents.mainFrame.url = url
      state.timeline.push(`load:${url}`)
    }
    async loadFile(file: string) {
      state.timeline.push(`loadFile:${file}`)
    }
    maximize() {
      this.maximized = true
    }
    isMaximized() {
      return this.maximized
    }
    isMinimized() {
      return this.minimized
    }
    isFullScreen() {
      return false
    }
    isDestroyed() {
      return this.destroyed
    }
    getNormalBounds() {
      return this.bounds
    }
  }

  const display = { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }

  const module = {
    app,
    protocol,
    ipcMain,
    // Typed by what tests use: the class's inherited EventEmitter statics cannot be named.
    BrowserWindow: FakeWindow as unknown as {
      new (options: StandInWindowOptions): StandInWindow
      getAllWindows(): StandInWindow[]
    },
    Menu: {
      buildFromTemplate: (template: unknown[]) => ({ template }),
      setApplicationMenu: vi.fn((menu: { template: unknown[] }) => void (state.menu = menu)),
    },
    powerMonitor: new EventEmitter() as EventEmitter,
    dialog: {
      showErrorBox: vi.fn(),
      showSaveDialog: vi.fn(async () => ({ canceled: true })),
      showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] })),
    },
    screen: { getPrimaryDisplay: () => display, getAllDisplays: () => [display] },
    shell: { openExternal: vi.fn(), showItemInFolder: vi.fn(), openPath: vi.fn(async () => '') },
    Notification: class {
      static isSupported = () => false
    },
  }

  /** Back to a fresh process: nothing registered, no window, the given options. */
  function reset(opts: StandInOptions = {}): void {
    state.packaged = opts.packaged ?? false
    state.lock = opts.lock ?? true
    state.userDataDir = opts.userDataDir ?? ''
    state.ready = false
    state.timeline.length = 0
    state.privilegedSchemes.length = 0
    state.protocols.clear()
    state.ipcHandlers.clear()
    state.menu = null
    state.windows.length = 0
    app.removeAllListeners()
    module.powerMonitor.removeAllListeners()
    vi.clearAllMocks()
  }

  return { module, state, reset }
}

export type ElectronStandIn = ReturnType<typeof createElectronStandIn>
