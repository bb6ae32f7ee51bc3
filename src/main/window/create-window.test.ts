import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { silentLog } from '../log/logger'
import { APP_ENTRY_URL } from './app-protocol'
import { saveWindowState } from './window-state'

// A fake of the few Electron pieces create-window.ts touches; records what it was asked to do.
const fake = await vi.hoisted(async () => {
  const { EventEmitter } = await import('node:events')
  const state = {
    windows: [] as Array<InstanceType<typeof FakeWindow>>,
    loadedFiles: [] as string[],
    openExternal: vi.fn(async (_url: string) => undefined),
    session: {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
    },
  }
  class FakeWebContents extends EventEmitter {
    session = state.session
    openHandler: ((d: { url: string }) => { action: string }) | null = null
    setWindowOpenHandler(h: (d: { url: string }) => { action: string }) {
      this.openHandler = h
    }
  }
  class FakeWindow extends EventEmitter {
    webContents = new FakeWebContents()
    bounds: { x?: number; y?: number; width: number; height: number }
    maximized = false
    loaded: string | null = null
    constructor(
      readonly options: {
        x?: number
        y?: number
        width: number
        height: number
        show?: boolean
        webPreferences: object
      },
    ) {
      super()
      const { x, y, width, height } = options
      this.bounds = { x, y, width, height }
      state.windows.push(this)
    }
    maximize() {
      this.maximized = true
    }
    isMaximized() {
      return this.maximized
    }
    isMinimized() {
      return false
    }
    isFullScreen() {
      return false
    }
    isDestroyed() {
      return false
    }
    getNormalBounds() {
      return this.bounds
    }
    async loadURL(url: string) {
      this.loaded = url
    }
    async loadFile(file: string) {
      state.loadedFiles.push(file)
    }
  }
  const display = (id: number, x: number) => ({
    id,
    workArea: { x, y: 0, width: 1920, height: 1040 },
  })
  const screen = {
    getPrimaryDisplay: () => display(1, 0),
    getAllDisplays: () => [display(2, 1920), display(1, 0)],
  }
  return { state, FakeWindow, screen }
})

vi.mock('electron', () => ({
  BrowserWindow: fake.FakeWindow,
  screen: fake.screen,
  shell: { openExternal: fake.state.openExternal },
}))

const { createMainWindow } = await import('./create-window')

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'create-window-'))
  fake.state.windows.length = 0
  fake.state.loadedFiles.length = 0
  vi.clearAllMocks()
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const options = (extra: object = {}) => ({
  preloadPath: '/app/out/preload/index.js',
  pageUrl: APP_ENTRY_URL,
  devTools: false,
  stateFile: join(dir, 'window-state.json'),
  log: silentLog,
  ...extra,
})

describe('createMainWindow (with a faked Electron)', () => {
  it('creates a sandboxed, isolated window and loads the built page', async () => {
    const { window } = await createMainWindow(options())
    const win = window as unknown as InstanceType<typeof fake.FakeWindow>
    expect(win.options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    })
    expect(win.options.show).toBe(false)
    expect(win.options.webPreferences).toHaveProperty('devTools', false)
    expect(win.loaded).toBe(APP_ENTRY_URL)
  })

  it('denies navigation, webviews, new windows and permissions', async () => {
    const { window } = await createMainWindow(options())
    const wc = (window as unknown as InstanceType<typeof fake.FakeWindow>).webContents
    for (const name of ['will-frame-navigate', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn(), url: 'https://evil.example/', isMainFrame: true }
      wc.emit(name, event)
      expect(event.preventDefault, name).toHaveBeenCalled()
    }
    // will-frame-navigate covers the main frame (Electron ≥ 25): no separate will-navigate.
    expect(wc.listenerCount('will-navigate')).toBe(0)
    expect(wc.openHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' })
    expect(wc.openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' })
    expect(wc.openHandler!({ url: 'http://support.huawei.com/' })).toEqual({ action: 'deny' })
    expect(fake.state.openExternal).not.toHaveBeenCalled()
    expect(wc.openHandler!({ url: 'https://support.huawei.com/' })).toEqual({ action: 'deny' })
    expect(fake.state.openExternal).toHaveBeenCalledWith('https://support.huawei.com/')

    const request = fake.state.session.setPermissionRequestHandler.mock.calls[0]![0]
    const callback = vi.fn()
    request({}, 'media', callback)
    request({}, 'notifications', callback)
    expect(callback.mock.calls).toEqual([[false], [false]])
    const check = fake.state.session.setPermissionCheckHandler.mock.calls[0]![0]
    expect(check({}, 'geolocation')).toBe(false)
  })

  it('navigation is always denied; an allowed main-frame link opens in the browser', async () => {
    const { window } = await createMainWindow(options())
    const wc = (window as unknown as InstanceType<typeof fake.FakeWindow>).webContents
    const navigate = (url: string, isMainFrame = true) => {
      const event = { preventDefault: vi.fn(), url, isMainFrame }
      wc.emit('will-frame-navigate', event)
      expect(event.preventDefault, url).toHaveBeenCalled()
    }
    navigate('https://evil.example/')
    navigate('http://support.huawei.com/')
    navigate('file:///etc/passwd')
    navigate('https://support.huawei.com/doc', false) // a subframe never opens anything
    expect(fake.state.openExternal).not.toHaveBeenCalled()
    navigate('https://support.huawei.com/enterprise/en/doc')
    expect(fake.state.openExternal).toHaveBeenCalledExactlyOnceWith(
      'https://support.huawei.com/enterprise/en/doc',
    )
  })

  it('loads the page URL it is given (app://bundle or the dev server), never a file', async () => {
    const { window } = await createMainWindow(options())
    expect((window as unknown as { loaded: string }).loaded).toBe(APP_ENTRY_URL)
    const dev = await createMainWindow(options({ pageUrl: 'http://localhost:5173' }))
    expect((dev.window as unknown as { loaded: string }).loaded).toBe('http://localhost:5173')
    expect(fake.state.loadedFiles).toEqual([])
  })

  it('allows developer tools only when told to (never in a packaged build)', async () => {
    const closed = await createMainWindow(options({ devTools: false }))
    const open = await createMainWindow(options({ devTools: true }))
    const prefs = (w: unknown) =>
      (w as InstanceType<typeof fake.FakeWindow>).options.webPreferences as { devTools?: boolean }
    expect(prefs(closed.window).devTools).toBe(false)
    expect(prefs(open.window).devTools).toBe(true)
  })

  it('restores remembered bounds and saves them again on close', async () => {
    const stateFile = join(dir, 'window-state.json')
    await saveWindowState(stateFile, {
      bounds: { x: 2000, y: 50, width: 1000, height: 700 },
      maximized: true,
    })
    const { window, flushState } = await createMainWindow(options())
    const win = window as unknown as InstanceType<typeof fake.FakeWindow>
    expect(win.options).toMatchObject({ x: 2000, y: 50, width: 1000, height: 700 })
    expect(win.maximized).toBe(true)

    win.bounds = { x: 100, y: 60, width: 900, height: 600 }
    win.maximized = false
    win.emit('close')
    await flushState()
    expect(JSON.parse(await readFile(stateFile, 'utf8'))).toMatchObject({
      bounds: { x: 100, y: 60, width: 900, height: 600 },
      maximized: false,
    })
  })
})
