import { EventEmitter } from 'node:events'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { MenuItemConstructorOptions } from 'electron'
import { CSP } from '../../shared/csp'
import { CHANNELS } from '../../shared/contract'
import { FOREIGN_SENDER_MESSAGE } from '../ipc/registry'
import { createMemoryKeychain } from '../secrets/keychain'
import type { StandInFrame } from '../testing/electron-stand-in'
import { APP_ENTRY_URL, APP_SCHEME_PRIVILEGES } from '../window/app-protocol'
import { composeApp, type ComposedApp } from './compose'

const electron = await vi.hoisted(async () =>
  (await import('../testing/electron-stand-in')).createElectronStandIn(),
)
vi.mock('electron', () => electron.module)

const { runMainProcess } = await import('./main-process')

const DEV_URL = 'http://localhost:5173/'
const PRELOAD = '/opt/app/out/preload/index.js'

let dir: string
let rendererDir: string
let userDataDir: string
let processListeners: {
  exception: NodeJS.UncaughtExceptionListener[]
  rejection: NodeJS.UnhandledRejectionListener[]
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'main-process-'))
  rendererDir = join(dir, 'renderer')
  userDataDir = join(dir, 'user-data')
  await mkdir(rendererDir)
  await mkdir(userDataDir)
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html>')
  await writeFile(join(dir, 'secret.txt'), 'not part of the bundle')
  processListeners = {
    exception: process.listeners('uncaughtException'),
    rejection: process.listeners('unhandledRejection'),
  }
})

afterEach(async () => {
  // The main process logs uncaught errors; the test runner keeps its own handlers only.
  for (const l of process.listeners('uncaughtException')) {
    if (!processListeners.exception.includes(l)) process.off('uncaughtException', l)
  }
  for (const l of process.listeners('unhandledRejection')) {
    if (!processListeners.rejection.includes(l)) process.off('unhandledRejection', l)
  }
  for (const composed of running.splice(0)) await composed.dispose()
  await rm(dir, { recursive: true, force: true })
})

/** Every composed app of a test, disposed afterwards unless the test quit it. */
const running: ComposedApp[] = []

interface StartOptions {
  packaged?: boolean
  lock?: boolean
  env?: NodeJS.ProcessEnv
  /** Holds dispose() until released, to watch the quit wait for it. */
  disposeGate?: Promise<void>
}

async function start(o: StartOptions = {}) {
  electron.reset({ packaged: o.packaged ?? true, lock: o.lock ?? true, userDataDir })
  const disposed = { started: false, done: false }
  let services: ComposedApp | null = null
  const main = runMainProcess({
    preloadFile: PRELOAD,
    rendererDir,
    env: o.env ?? {},
    keychain: () => createMemoryKeychain(),
    compose: async (options) => {
      const real = await composeApp(options)
      const watched: ComposedApp = {
        handlers: real.handlers,
        monitor: { suspend: vi.fn(() => real.monitor.suspend()), resume: vi.fn() },
        async dispose() {
          disposed.started = true
          running.splice(running.indexOf(watched), 1)
          await o.disposeGate
          await real.dispose()
          disposed.done = true
        },
      }
      running.push(watched)
      services = watched
      return watched
    },
  })
  await main.started
  const window = electron.state.windows[0]
  return { main, window, disposed, services: () => services }
}

type IpcListener = (event: unknown, args: unknown) => Promise<unknown>

function invoke(channel: string, frame: StandInFrame | null, mainFrame: StandInFrame) {
  const listener = electron.state.ipcHandlers.get(channel) as IpcListener | undefined
  if (!listener) throw new Error(`No handler registered for '${channel}'`)
  const sender = Object.assign(new EventEmitter(), { mainFrame })
  return listener({ senderFrame: frame, sender }, {})
}

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => (Array.isArray(i.submenu) ? [i, ...flatten(i.submenu)] : [i]))
}

describe('the main process lifecycle (with a stand-in electron module)', () => {
  it('a second instance quits at once without opening anything', async () => {
    const { main } = await start({ lock: false })
    expect(main.primary).toBe(false)
    expect(electron.module.app.quit).toHaveBeenCalledOnce()
    expect(electron.state.windows).toEqual([])
    expect(electron.state.ipcHandlers.size).toBe(0)
    expect(electron.state.timeline).not.toContain('ready')
  })

  it('the first instance shows its window again when a second one starts', async () => {
    const { main, window } = await start()
    expect(main.primary).toBe(true)
    window!.minimized = true
    electron.module.app.emit('second-instance')
    await vi.waitFor(() => expect(window!.focus).toHaveBeenCalledOnce())
    expect(window!.restore).toHaveBeenCalledOnce()
    expect(window!.show).toHaveBeenCalled()
    expect(electron.state.windows).toHaveLength(1)
  })

  it('opens one sandboxed, isolated window with the preload; DevTools off when packaged', async () => {
    const { window } = await start({ packaged: true })
    expect(window!.options.webPreferences).toMatchObject({
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      devTools: false,
    })
    expect(window!.loaded).toBe(APP_ENTRY_URL)
    const roles = flatten(electron.state.menu!.template as MenuItemConstructorOptions[]).map(
      (i) => i.role,
    )
    expect(roles).not.toContain('toggleDevTools')
    expect(roles).not.toContain('viewMenu')
  })

  it('in development loads the dev server, with DevTools', async () => {
    const { window } = await start({ packaged: false, env: { ELECTRON_RENDERER_URL: DEV_URL } })
    expect(window!.loaded).toBe(DEV_URL)
    expect(window!.options.webPreferences).toMatchObject({ devTools: true, sandbox: true })
    const roles = flatten(electron.state.menu!.template as MenuItemConstructorOptions[]).map(
      (i) => i.role,
    )
    expect(roles).toContain('toggleDevTools')
  })

  it('a packaged app ignores a dev server URL in its environment', async () => {
    const { window } = await start({ packaged: true, env: { ELECTRON_RENDERER_URL: DEV_URL } })
    expect(window!.loaded).toBe(APP_ENTRY_URL)
    const main = window!.webContents.mainFrame
    const dev = { ...main, url: DEV_URL }
    expect(await invoke('app:info', dev, dev)).toMatchObject({
      ok: false,
      error: { message: FOREIGN_SENDER_MESSAGE },
    })
  })

  it('registers the scheme before ready, and serves it and the bridge before the page loads', async () => {
    await start()
    const t = electron.state.timeline
    expect(electron.state.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: APP_SCHEME_PRIVILEGES },
    ])
    const load = t.indexOf(`load:${APP_ENTRY_URL}`)
    expect(t.indexOf('schemes')).toBeLessThan(t.indexOf('ready'))
    expect(t.indexOf('ready')).toBeLessThan(t.indexOf('protocol:app'))
    expect(t.indexOf('protocol:app')).toBeLessThan(load)
    const channels = Object.keys(CHANNELS)
    expect([...electron.state.ipcHandlers.keys()].sort()).toEqual([...channels].sort())
    for (const channel of channels) expect(t.indexOf(`ipc:${channel}`)).toBeLessThan(load)
    expect(t.filter((e) => e.startsWith('loadFile:'))).toEqual([])
  })

  it('the scheme serves the renderer folder only, with the CSP header', async () => {
    await start()
    const handler = electron.state.protocols.get('app')!
    const page = await handler({ url: APP_ENTRY_URL, method: 'GET' })
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toBe(CSP)
    const escape = await handler({ url: 'app://bundle/%2e%2e/secret.txt', method: 'GET' })
    expect(escape.status).toBe(403)
    expect(await escape.text()).toBe('')
  })

  it("trusts only the app page's main frame: no subframe, no file:// page", async () => {
    const { window } = await start()
    const wc = window!.webContents
    const main = wc.mainFrame
    expect(await invoke('app:info', main, main)).toMatchObject({ ok: true })
    const refused = { ok: false, error: { code: 'validation', message: FOREIGN_SENDER_MESSAGE } }
    expect(await invoke('app:info', wc.subframe(APP_ENTRY_URL), main)).toEqual(refused)
    const file = { ...main, url: pathToFileURL(join(rendererDir, 'index.html')).href }
    expect(await invoke('app:info', file, file)).toEqual(refused)
    expect(await invoke('app:info', null, main)).toEqual(refused)
  })

  it('passes suspend and resume on to the monitor', async () => {
    const { services } = await start()
    electron.module.powerMonitor.emit('suspend')
    expect(services()!.monitor.suspend).toHaveBeenCalledOnce()
  })

  it('quits cleanly: bridge removed, window state saved and services disposed first', async () => {
    let release!: () => void
    const disposeGate = new Promise<void>((r) => (release = r))
    const { window, disposed } = await start({ disposeGate })
    window!.bounds = { x: 40, y: 30, width: 1000, height: 700 }
    window!.emit('resize')

    const event = { preventDefault: vi.fn() }
    electron.module.app.emit('will-quit', event)
    expect(event.preventDefault).toHaveBeenCalledOnce()
    expect(electron.state.ipcHandlers.size).toBe(0)
    expect(disposed.started).toBe(true)
    // The window's state is flushed at once; quitting waits for the services.
    await vi.waitFor(async () => {
      const saved = JSON.parse(await readFile(join(userDataDir, 'window-state.json'), 'utf8'))
      expect(saved.bounds).toEqual({ x: 40, y: 30, width: 1000, height: 700 })
    })
    expect(electron.module.app.quit).not.toHaveBeenCalled()

    release()
    await vi.waitFor(() => expect(electron.module.app.quit).toHaveBeenCalledOnce())
    expect(disposed.done).toBe(true)
    // The quit it asked for goes through: no second clean-up.
    const again = { preventDefault: vi.fn() }
    electron.module.app.emit('will-quit', again)
    expect(again.preventDefault).not.toHaveBeenCalled()
  })

  it('a start-up failure is logged, shown once and ends the process', async () => {
    electron.reset({ packaged: true, userDataDir })
    const main = runMainProcess({
      preloadFile: PRELOAD,
      rendererDir,
      env: {},
      keychain: () => createMemoryKeychain(),
      compose: async () => {
        throw new Error('disk on fire')
      },
    })
    await main.started
    expect(electron.module.dialog.showErrorBox).toHaveBeenCalledOnce()
    expect(electron.module.app.exit).toHaveBeenCalledWith(1)
    expect(electron.state.windows).toEqual([])
  })
})
