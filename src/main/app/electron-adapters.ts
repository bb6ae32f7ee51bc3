/** Electron's dialogs, shell and notifications behind DesktopAdapters (thin glue, typechecked only). */
import { BrowserWindow, dialog, Notification, shell } from 'electron'
import type { DesktopAdapters } from './compose'

export function electronAdapters(getWindow: () => BrowserWindow | null): DesktopAdapters {
  const parent = () => {
    const win = getWindow()
    return win && !win.isDestroyed() ? win : null
  }
  return {
    async chooseSavePath({ title, defaultName, extension }) {
      const options = {
        title,
        defaultPath: defaultName,
        filters: [{ name: extension.toUpperCase(), extensions: [extension] }],
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
      note.on('click', () => {
        const win = parent()
        if (win) {
          if (win.isMinimized()) win.restore()
          win.focus()
        }
      })
      note.show()
    },
  }
}
