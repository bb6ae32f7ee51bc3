/**
 * The sandboxed preload: exposes `window.isales`, named functions over the contract's channels
 * plus event subscriptions. Never exposes ipcRenderer or an IpcRendererEvent. Bundled into one
 * CommonJS file whose only require is 'electron' (api.ts imports only the contract's types, so no
 * schema library comes along). The end-to-end harness runs this very file, built, in its Chromium
 * (e2e/fixtures/preload-script.ts).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import {
  createIsalesApi,
  EVENTS,
  METHODS,
  type Invoke,
  type IsalesApi,
  type Subscribe,
} from '../shared/api'
import type { Result } from '../shared/contract'

const CHANNEL_NAMES: ReadonlySet<string> = new Set(Object.values(METHODS))
const EVENT_NAMES: ReadonlySet<string> = new Set(Object.values(EVENTS))

/** When the call itself fails (no handler in main, window closing): still a Result. */
const UNREACHABLE: Result<never> = {
  ok: false,
  error: {
    code: 'internal',
    message: 'The app could not handle this request. Restart it if this keeps happening.',
  },
}

const invoke: Invoke = (channel, args) => {
  if (!CHANNEL_NAMES.has(channel)) return Promise.reject(new Error(`Unknown request ${channel}`))
  return ipcRenderer.invoke(channel, args).catch(() => UNREACHABLE)
}

const subscribe: Subscribe = (event, listener) => {
  if (!EVENT_NAMES.has(event)) throw new Error(`Unknown event ${event}`)
  if (typeof listener !== 'function') throw new TypeError('The listener must be a function')
  // The wrapper drops the IpcRendererEvent: it carries `sender` (the ipcRenderer itself).
  const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload)
  ipcRenderer.on(event, wrapped)
  let subscribed = true
  return () => {
    if (!subscribed) return
    subscribed = false
    ipcRenderer.removeListener(event, wrapped)
  }
}

const api: IsalesApi = createIsalesApi(invoke, subscribe)

contextBridge.exposeInMainWorld('isales', api)
