/** The window's keyboard shortcuts: Ctrl (Cmd on macOS) + F / E / R. */

export type Shortcut = 'search' | 'export' | 'refresh'

export interface KeyLike {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
  shiftKey: boolean
}

export function shortcutOf(e: KeyLike, isMac: boolean): Shortcut | null {
  const mod = isMac ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey
  if (!mod || e.altKey || e.shiftKey) return null
  switch (e.key.toLowerCase()) {
    case 'f':
      return 'search'
    case 'e':
      return 'export'
    case 'r':
      return 'refresh'
    default:
      return null
  }
}

export function isMacPlatform(platform: string): boolean {
  return /^mac|darwin/i.test(platform)
}
