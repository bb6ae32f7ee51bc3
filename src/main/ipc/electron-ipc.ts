/**
 * The thin Electron side of the bridge: one ipcMain.handle per contract channel, all through the
 * dispatcher, and main → window events restricted to the contract's event names. Type-only
 * Electron imports, so tests (and the end-to-end harness, with its stand-in ipcMain) drive it with
 * plain fakes.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import { EVENTS } from '../../shared/api'
import { CHANNELS, type Channel, type Emit } from '../../shared/contract'
import type { Log } from '../log/logger'
import { APP_ORIGIN } from '../window/app-protocol'
import { createDispatcher, type Dispatch, type HandlerContext, type Handlers } from './registry'
import type { SenderInfo } from './sender-trust'

export type IpcMainLike = Pick<IpcMain, 'handle' | 'removeHandler'>

type InvokeEventLike = Pick<IpcMainInvokeEvent, 'senderFrame'> & {
  sender: Pick<WebContents, 'mainFrame' | 'once'>
}

/**
 * The pages whose main frame may call the bridge: the window's own origin and, in development
 * only (the caller passes it only then), the dev server. Never a file:// URL.
 */
export function trustedPagesFor(devServerUrl?: string): string[] {
  return devServerUrl ? [APP_ORIGIN, devServerUrl] : [APP_ORIGIN]
}

/**
 * The app's bridge as main registers it: every channel through the validated dispatcher over the
 * composed handlers, trusting only trustedPagesFor(devServerUrl). Returns the unregister function.
 */
export function registerAppIpc(
  ipcMain: IpcMainLike,
  handlers: Handlers,
  opts: { log: Log; devServerUrl?: string },
): () => void {
  const trustedPages = trustedPagesFor(opts.devServerUrl)
  return registerIpc(ipcMain, createDispatcher(handlers, { log: opts.log, trustedPages }))
}

/** Registers every contract channel; returns a function that removes them all again. */
export function registerIpc(ipcMain: IpcMainLike, dispatch: Dispatch): () => void {
  const channels = Object.keys(CHANNELS) as Channel[]
  for (const channel of channels) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, args: unknown) =>
      dispatch(channel, senderInfoFromEvent(event), args, contextFor(event)),
    )
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel)
  }
}

/**
 * The sender's frame URL, and whether that frame is the window's main frame. senderFrame is null
 * when the frame navigated or was destroyed meanwhile: such a sender is never trusted.
 */
export function senderInfoFromEvent(event: InvokeEventLike): SenderInfo {
  try {
    const frame = event.senderFrame
    if (!frame) return { url: '', isMainFrame: false }
    const main = event.sender.mainFrame
    // Identity is the normal case; the token comparison covers a fresh wrapper of the same frame.
    const isMainFrame =
      frame === main ||
      (frame.parent === null &&
        typeof frame.frameToken === 'string' &&
        frame.frameToken !== '' &&
        frame.frameToken === main.frameToken &&
        frame.processId === main.processId)
    return { url: frame.url, isMainFrame }
  } catch {
    return { url: '', isMainFrame: false }
  }
}

/** One AbortSignal per window, aborted when its web contents are destroyed. */
const signals = new WeakMap<object, AbortController>()

function contextFor(event: InvokeEventLike): HandlerContext {
  const sender = event.sender
  let controller = signals.get(sender)
  if (!controller) {
    const created = new AbortController()
    controller = created
    signals.set(sender, created)
    sender.once('destroyed', () => created.abort())
  }
  return { signal: controller.signal }
}

// ---- main → window events ---------------------------------------------------------------------

export type EventTarget = Pick<WebContents, 'send' | 'isDestroyed'>

const EVENT_NAMES: ReadonlySet<string> = new Set(Object.values(EVENTS))

/**
 * Sends contract events to the window (its main frame). Returns false, without throwing, when
 * there is no window, the name is not a contract event, or the payload cannot be sent.
 */
export function createEventSender(
  getWebContents: () => EventTarget | null | undefined,
  log?: Log,
): Emit<boolean> {
  return (event, payload) => {
    if (!EVENT_NAMES.has(event)) {
      log?.error('Refused to send an event outside the contract', { event: String(event) })
      return false
    }
    const wc = getWebContents()
    if (!wc || wc.isDestroyed()) return false
    try {
      wc.send(event, payload)
      return true
    } catch (err) {
      log?.error('Could not send an event to the window', { event, error: err })
      return false
    }
  }
}
