import { EVENTS, METHODS } from '../shared/api'

const electron = await vi.hoisted(async () => {
  // A real emitter stands in for ipcRenderer so listener bookkeeping is exercised for real.
  const { EventEmitter } = await import('node:events')
  const ipcRenderer = Object.assign(new EventEmitter(), {
    invoke: vi.fn(async (_channel: string, _args: unknown): Promise<unknown> => ({
      ok: true,
      data: 'pong',
    })),
  })
  const exposed = new Map<string, unknown>()
  const contextBridge = {
    exposeInMainWorld: vi.fn((key: string, value: unknown) => void exposed.set(key, value)),
  }
  return { ipcRenderer, contextBridge, exposed }
})

vi.mock('electron', () => ({
  ipcRenderer: electron.ipcRenderer,
  contextBridge: electron.contextBridge,
}))

type Api = Record<string, (...args: unknown[]) => unknown>

async function loadApi(): Promise<Api> {
  await import('./index')
  return electron.exposed.get('isales') as Api
}

beforeEach(() => {
  electron.ipcRenderer.removeAllListeners()
  electron.ipcRenderer.invoke.mockClear()
})

describe('preload', () => {
  it("exposes 'isales' once, with exactly the METHODS and EVENTS names", async () => {
    const api = await loadApi()
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1)
    expect([...electron.exposed.keys()]).toEqual(['isales'])
    expect(Object.keys(api).sort()).toEqual(
      [...Object.keys(METHODS), ...Object.keys(EVENTS)].sort(),
    )
    for (const fn of Object.values(api)) expect(typeof fn).toBe('function')
    expect(Object.isFrozen(api)).toBe(true)
  })

  it('forwards channel and arguments to ipcRenderer.invoke and returns its result', async () => {
    const api = await loadApi()
    const args = { profileId: 'p1', campaignId: 'c1', requestId: 'r1' }
    await expect(api['refreshTasks']!(args)).resolves.toEqual({ ok: true, data: 'pong' })
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('tasks:refresh', args)
    await api['listProfiles']!()
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith('profiles:list', {})
  })

  it('turns a failed invoke into an internal-error Result', async () => {
    const api = await loadApi()
    electron.ipcRenderer.invoke.mockRejectedValueOnce(new Error('No handler registered'))
    const result = (await api['appInfo']!()) as { ok: boolean; error: { code: string } }
    expect(result.ok).toBe(false)
    expect(result.error.code).toBe('internal')
  })

  it('delivers event payloads without the IpcRendererEvent', async () => {
    const api = await loadApi()
    const listener = vi.fn()
    api['onTasksProgress']!(listener)
    const fakeEvent = { sender: electron.ipcRenderer, senderId: 0 }
    electron.ipcRenderer.emit('tasks:progress', fakeEvent, { requestId: 'r1', pagesDone: 2 })
    expect(listener).toHaveBeenCalledTimes(1)
    expect(listener.mock.calls[0]).toEqual([{ requestId: 'r1', pagesDone: 2 }])
  })

  it('subscribes each EVENTS name to its own channel', async () => {
    const api = await loadApi()
    for (const [name, channel] of Object.entries(EVENTS)) {
      const listener = vi.fn()
      const off = api[name]!(listener) as () => void
      electron.ipcRenderer.emit(channel, {}, name)
      expect(listener).toHaveBeenCalledWith(name)
      off()
    }
    expect(electron.ipcRenderer.eventNames()).toEqual([])
  })

  it('unsubscribe removes exactly that listener, once', async () => {
    const api = await loadApi()
    const a = vi.fn()
    const b = vi.fn()
    const offA = api['onTasksChanged']!(a) as () => void
    const offA2 = api['onTasksChanged']!(a) as () => void
    api['onTasksChanged']!(b)
    expect(electron.ipcRenderer.listenerCount('tasks:changed')).toBe(3)
    offA()
    offA()
    expect(electron.ipcRenderer.listenerCount('tasks:changed')).toBe(2)
    electron.ipcRenderer.emit('tasks:changed', {}, 'snap')
    expect(a).toHaveBeenCalledTimes(1)
    expect(b).toHaveBeenCalledTimes(1)
    offA2()
    expect(electron.ipcRenderer.listenerCount('tasks:changed')).toBe(1)
  })

  it('refuses a listener that is not a function', async () => {
    const api = await loadApi()
    expect(() => api['onProfilesChanged']!('nope')).toThrow(TypeError)
  })
})
