import type { MenuItemConstructorOptions } from 'electron'
import { appMenuTemplate, WINDOW_SHORTCUTS } from './app-menu'

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) =>
    Array.isArray(item.submenu) ? [item, ...flatten(item.submenu)] : [item],
  )
}

describe('application menu', () => {
  for (const platform of ['win32', 'darwin', 'linux'] as const) {
    it(`leaves the window's shortcuts and no page reload in production (${platform})`, () => {
      const items = flatten(appMenuTemplate(platform, { development: false }))
      const roles = items.map((i) => i.role)
      expect(roles).not.toContain('reload')
      expect(roles).not.toContain('forceReload')
      expect(roles).not.toContain('toggleDevTools')
      // The View menu role brings reload and its Ctrl/Cmd+R accelerator with it.
      expect(roles).not.toContain('viewMenu')
      for (const item of items) {
        expect(WINDOW_SHORTCUTS).not.toContain(item.accelerator)
      }
      expect(roles).toContain('editMenu')
    })
  }

  it('has developer tools, without Ctrl/Cmd+R, in development', () => {
    const items = flatten(appMenuTemplate('linux', { development: true }))
    expect(items.map((i) => i.role)).toContain('toggleDevTools')
    for (const item of items) expect(WINDOW_SHORTCUTS).not.toContain(item.accelerator)
  })

  it('has the app menu only on macOS', () => {
    expect(appMenuTemplate('darwin', { development: false })[0]?.role).toBe('appMenu')
    expect(appMenuTemplate('win32', { development: false }).map((i) => i.role)).not.toContain(
      'appMenu',
    )
  })
})
