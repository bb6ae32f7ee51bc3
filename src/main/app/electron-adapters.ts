/** Electron's dialogs, shell and notifications behind DesktopAdapters (thin glue, typechecked only). */
import { BrowserWindow, dialog, Notification, shell } from 'electron'
import type { DesktopAdapters } from './desktop-adapters'

export interface ElectronAdapterOptions {
  /** The app window when there is one (parent of the dialogs). */
  getWindow(): BrowserWindow | null
  /** Shows and focuses the window, opening it again when it was closed (notification clicks). */
  showWindow(): void
}

/**
 * Shown notifications kept referenced: Electron holds main-process Notification objects only
 * weakly, so one collected while on screen loses its click. Windows does not always emit 'close'
 * (a toast moved to the Action Center), hence the bound: the oldest are let go first.
 */
const MAX_KEPT_NOTIFICATIONS = 20

export function electronAdapters({
  getWindow,
  showWindow,
}: ElectronAdapterOptions): DesktopAdapters {
  const parent = () => {
    const win = getWindow()
    return win && !win.isDestroyed() ? win : null
  }
  const shown = new Set<Notification>()
  return {
    async chooseSavePath({ title, defaultName, extension, otherExtensions = [] }) {
      const options = {
        title,
        defaultPath: defaultName,
        filters: [extension, ...otherExtensions].map((ext) => ({
          name: ext.toUpperCase(),
          extensions: [ext],
        })),
      }
      const win = parent()
      const result = win
        ? await dialog.showSaveDialog(win, options)
        : await dialog.showSaveDialog(options)
      return result.canceled || !result.filePath ? null : result.filePath
    },
    async chooseOpenPath({ title, extensions }) {
      const options = {
        title,
        properties: ['openFile' as const],
        filters: [{ name: extensions.join(', ').toUpperCase(), extensions }],
      }
      const win = parent()
      const result = win
        ? await dialog.showOpenDialog(win, options)
        : await dialog.showOpenDialog(options)
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
    showItemInFolder: (path) => shell.showItemInFolder(path),
    openPath: (path) => shell.openPath(path),
    notify({ title, body }) {
      if (!Notification.isSupported()) return
      const note = new Notification({ title, body })
      const release = () => {
        shown.delete(note)
      }
      note.on('click', () => {
        release()
        showWindow()
      })
      note.on('close', release)
      note.on('failed', release)
      shown.add(note)
      for (const old of shown) {
        if (shown.size <= MAX_KEPT_NOTIFICATIONS) break
        shown.delete(old)
      }
      note.show()
    },
  }
}
