/**
 * The application menu. Electron's default menu binds Ctrl/Cmd+R to "reload the page", which would
 * swallow the window's own refresh shortcut and throw away its state; Ctrl/Cmd+F and +E belong to
 * the window as well. So the menu keeps only what a supervisor needs from the system: edit
 * (copy/paste in dialogs), window and, on macOS, the app menu. Developer tools only in development.
 * The template is plain data (type-only import), so it is tested without Electron.
 */
import type { MenuItemConstructorOptions } from 'electron'

/** Shortcuts the window handles itself; no menu item may claim them. */
export const WINDOW_SHORTCUTS = ['CmdOrCtrl+R', 'CmdOrCtrl+E', 'CmdOrCtrl+F'] as const

export function appMenuTemplate(
  platform: NodeJS.Platform,
  opts: { development: boolean },
): MenuItemConstructorOptions[] {
  const menu: MenuItemConstructorOptions[] = []
  if (platform === 'darwin') menu.push({ role: 'appMenu' })
  menu.push({ role: 'fileMenu' })
  menu.push({ role: 'editMenu' })
  if (opts.development) {
    menu.push({
      label: 'Developer',
      submenu: [{ role: 'toggleDevTools' }, { role: 'forceReload', accelerator: 'F5' }],
    })
  }
  menu.push({ role: 'windowMenu' })
  return menu
}
