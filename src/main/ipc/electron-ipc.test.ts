import { EventEmitter } from 'node:events'
import type { IpcMainInvokeEvent } from 'electron'
import { EVENTS } from '../../shared/api'
import { CHANNELS, type Channel } from '../../shared/contract'
import { silentLog } from '../log/logger'
import { pathToFileURL } from 'node:url'
import { APP_ENTRY_URL } from '../window/app-protocol'
import {
  createEventSender,
  registerAppIpc,
  registerIpc,
  trustedPagesFor,
  senderInfoFromEvent,
  type EventTarget,
  type IpcMainLike,
} from './electron-ipc'
import { createDispatcher, FOREIGN_SENDER_MESSAGE, type Dispatch, type Handlers } from './registry'

// Only type imports from 'electron' here and in the module under test; the mock makes sure an
// accidental value import would not try to load the missing Electron binary.
vi.mock('electron', () => ({}))

type Listener = (event: IpcMainInvokeEvent, args: unknown) => Promise<unknown>

function fakeIpcMain() {
  const handlers = new Map<string, Listener>()
  const ipcMain = {
    handle: vi.fn((channel: string, listener: Listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`)
      handlers.set(channel, listener)
    }),
    removeHandler: vi.fn((channel: string) => void handlers.delete(channel)),
  }
  return { ipcMain: ipcMain as unknown as IpcMainLike, handlers }
}

interface FakeFrame {
  url: string
  parent: FakeFrame | null
  processId: number
  frameToken: string
}

function fakeWindow(url = 'http://localhost:5173/') {
  const mainFrame: FakeFrame = { url, parent: null, processId: 4, frameToken: 'main' }
  const child: FakeFrame = { url, parent: mainFrame, processId: 4, frameToken: 'child' }
  const sender = Object.assign(new EventEmitter(), { mainFrame })
  const event = (frame: FakeFrame | null) =>
    ({ sender, senderFrame: frame }) as unknown as IpcMainInvokeEvent
  return { mainFrame, child, sender, event }
}

function spyHandlers() {
  const entries = Object.keys(CHANNELS).map((c) => [c, vi.fn(async () => 'ran')])
  return Object.fromEntries(entries) as unknown as Handlers &
    Record<Channel, ReturnType<typeof vi.fn>>
}

describe('registerIpc', () => {
  it('registers every contract channel, and only those, through the dispatcher', async () => {
    const { ipcMain, handlers } = fakeIpcMain()
    const dispatch = vi.fn<Dispatch>(async () => ({ ok: true, data: null }))
    registerIpc(ipcMain, dispatch)
    expect([...handlers.keys()].sort()).toEqual(Object.keys(CHANNELS).sort())

    const win = fakeWindow()
    for (const [channel, listener] of handlers) {
      dispatch.mockClear()
      await listener(win.event(win.mainFrame), { some: 'args' })
      expect(dispatch).toHaveBeenCalledWith(
        channel,
        { url: 'http://localhost:5173/', isMainFrame: true },
        { some: 'args' },
        { signal: expect.any(AbortSignal) },
      )
    }
  })

  it('no channel reaches its handler from a subframe or a foreign page', async () => {
    const { ipcMain, handlers } = fakeIpcMain()
    const spies = spyHandlers()
    registerIpc(
      ipcMain,
      createDispatcher(spies, { log: silentLog, trustedPages: ['http://localhost:5173'] }),
    )
    const ours = fakeWindow()
    const evil = fakeWindow('https://evil.example/')
    for (const listener of handlers.values()) {
      for (const event of [ours.event(ours.child), ours.event(null), evil.event(evil.mainFrame)]) {
        expect(await listener(event, {})).toEqual({
          ok: false,
          error: { code: 'validation', message: FOREIGN_SENDER_MESSAGE },
        })
      }
    }
    for (const spy of Object.values(spies)) expect(spy).not.toHaveBeenCalled()
    // And from the main frame of our page the same listeners do reach the handlers.
    await handlers.get('profiles:list')!(ours.event(ours.mainFrame), {})
    expect(spies['profiles:list']).toHaveBeenCalledOnce()
  })

  it('removes every handler again', () => {
    const { ipcMain, handlers } = fakeIpcMain()
    const unregister = registerIpc(ipcMain, vi.fn())
    unregister()
    expect(handlers.size).toBe(0)
    expect(ipcMain.removeHandler).toHaveBeenCalledTimes(Object.keys(CHANNELS).length)
  })

  it('aborts the handler signal when the window is destroyed', async () => {
    const { ipcMain, handlers } = fakeIpcMain()
    const signals: AbortSignal[] = []
    registerIpc(ipcMain, async (_c, _s, _a, ctx) => {
      if (ctx?.signal) signals.push(ctx.signal)
      return { ok: true, data: null }
    })
    const win = fakeWindow()
    const listener = handlers.get('tasks:refresh')!
    await listener(win.event(win.mainFrame), {})
    await listener(win.event(win.mainFrame), {})
    expect(signals).toHaveLength(2)
    expect(signals[0]).toBe(signals[1])
    expect(win.sender.listenerCount('destroyed')).toBe(1)
    expect(signals[0]!.aborted).toBe(false)
    win.sender.emit('destroyed')
    expect(signals[0]!.aborted).toBe(true)
  })
})

describe('registerAppIpc (what main registers)', () => {
  const builtFile = pathToFileURL(
    '/opt/iSales Import Monitor/resources/app.asar/out/renderer/index.html',
  ).href
  const refused = { ok: false, error: { code: 'validation', message: FOREIGN_SENDER_MESSAGE } }

  it('trusts the main frame of app://bundle only, never a file:// page', async () => {
    const { ipcMain, handlers } = fakeIpcMain()
    const spies = spyHandlers()
    registerAppIpc(ipcMain, spies, { log: silentLog })
    expect([...handlers.keys()].sort()).toEqual(Object.keys(CHANNELS).sort())
    const listener = handlers.get('profiles:list')!
    for (const url of [builtFile, 'http://localhost:5173/', 'app://other/index.html']) {
      const win = fakeWindow(url)
      expect(await listener(win.event(win.mainFrame), {}), url).toEqual(refused)
    }
    const ours = fakeWindow(APP_ENTRY_URL)
    expect(await listener(ours.event(ours.child), {})).toEqual(refused)
    expect(spies['profiles:list']).not.toHaveBeenCalled()
    expect(await listener(ours.event(ours.mainFrame), {})).toEqual({ ok: true, data: 'ran' })
  })

  it('adds the dev server only when main passes it (development)', async () => {
    expect(trustedPagesFor()).toEqual(['app://bundle'])
    expect(trustedPagesFor('http://localhost:5173')).toEqual([
      'app://bundle',
      'http://localhost:5173',
    ])
    const { ipcMain, handlers } = fakeIpcMain()
    registerAppIpc(ipcMain, spyHandlers(), {
      log: silentLog,
      devServerUrl: 'http://localhost:5173',
    })
    const dev = fakeWindow('http://localhost:5173/')
    const result = await handlers.get('app:info')!(dev.event(dev.mainFrame), {})
    expect(result).toEqual({ ok: true, data: 'ran' })
  })
})

describe('senderInfoFromEvent', () => {
  it('reports the main frame by identity', () => {
    const win = fakeWindow()
    expect(senderInfoFromEvent(win.event(win.mainFrame))).toEqual({
      url: 'http://localhost:5173/',
      isMainFrame: true,
    })
  })

  it('reports the main frame through a fresh wrapper of the same frame', () => {
    const win = fakeWindow()
    expect(senderInfoFromEvent(win.event({ ...win.mainFrame })).isMainFrame).toBe(true)
  })

  it('does not take a top-level frame of unknown identity for the main frame', () => {
    const win = fakeWindow()
    const stranger = { url: win.mainFrame.url, parent: null } as unknown as FakeFrame
    const bare = { ...fakeWindow(), mainFrame: { url: '', parent: null } }
    expect(senderInfoFromEvent(win.event(stranger)).isMainFrame).toBe(false)
    const event = { sender: { mainFrame: bare.mainFrame }, senderFrame: { ...stranger } }
    expect(senderInfoFromEvent(event as unknown as IpcMainInvokeEvent).isMainFrame).toBe(false)
  })

  it('reports a subframe as such, even with the same URL', () => {
    const win = fakeWindow()
    expect(senderInfoFromEvent(win.event(win.child)).isMainFrame).toBe(false)
  })

  it('treats a vanished frame as untrusted', () => {
    const win = fakeWindow()
    expect(senderInfoFromEvent(win.event(null))).toEqual({ url: '', isMainFrame: false })
  })

  it('treats a frame that throws on access as untrusted', () => {
    const event = {
      get senderFrame(): never {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed')
      },
    } as unknown as IpcMainInvokeEvent
    expect(senderInfoFromEvent(event)).toEqual({ url: '', isMainFrame: false })
  })
})

describe('createEventSender', () => {
  function target(destroyed = false) {
    return { send: vi.fn(), isDestroyed: () => destroyed }
  }

  it('sends every contract event to the window', () => {
    const wc = target()
    const emit = createEventSender(() => wc as unknown as EventTarget)
    for (const event of Object.values(EVENTS)) {
      expect(emit(event, { any: 1 } as never)).toBe(true)
    }
    expect(wc.send.mock.calls.map((c) => c[0])).toEqual(Object.values(EVENTS))
    expect(wc.send).toHaveBeenCalledWith('tasks:progress', { any: 1 })
  })

  it('refuses names outside the contract', () => {
    const wc = target()
    const log = { ...silentLog, error: vi.fn() }
    const emit = createEventSender(() => wc as unknown as EventTarget, log)
    expect(emit('profiles:list' as never, {} as never)).toBe(false)
    expect(wc.send).not.toHaveBeenCalled()
    expect(log.error).toHaveBeenCalled()
  })

  it("refuses main's internal tasks:updated: the window gets lists only through the feed", () => {
    const wc = target(false)
    const emit = createEventSender(() => wc as unknown as EventTarget, silentLog)
    expect(emit('tasks:updated', {} as never)).toBe(false)
    expect(wc.send).not.toHaveBeenCalled()
  })

  it('does nothing without a live window', () => {
    expect(createEventSender(() => null)('tasks:changed', {} as never)).toBe(false)
    const dead = target(true)
    expect(
      createEventSender(() => dead as unknown as EventTarget)('tasks:changed', {} as never),
    ).toBe(false)
    expect(dead.send).not.toHaveBeenCalled()
  })

  it('never throws when sending fails', () => {
    const wc = {
      send: () => {
        throw new Error('An object could not be cloned.')
      },
      isDestroyed: () => false,
    }
    const emit = createEventSender(() => wc as unknown as EventTarget, silentLog)
    expect(emit('tasks:changed', {} as never)).toBe(false)
  })
})
