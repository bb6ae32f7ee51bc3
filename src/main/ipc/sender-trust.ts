/**
 * Who may call the bridge: the app's own page, in the window's main frame, nothing else (VS Code's
 * habit of validating every IPC message's sender). Plain Node.
 *
 * A trusted page is given as an origin:
 * - app://bundle, the window's own scheme (window/app-protocol.ts): a sender matches when its URL
 *   is on exactly that scheme and host (no port, no user name);
 * - an http(s) origin, the electron-vite dev server (ELECTRON_RENDERER_URL, development only): a
 *   sender matches when its URL has exactly that origin.
 * A file:// URL is never trusted, neither as a trusted page (refused when the check is built) nor
 * as a sender: every local file shares the opaque origin "null" and file:// pages hold extra
 * privileges, so any file on disk could otherwise speak for the app.
 */

export interface SenderInfo {
  /** The URL of the frame that sent the message ('' when the frame is gone). */
  url: string
  /** The frame is the window's top-level frame (not an iframe). */
  isMainFrame: boolean
}

export type SenderCheck = (sender: SenderInfo) => boolean

/** protocol 'app:' + host, or an http(s) origin. */
type Rule = { kind: 'custom'; protocol: string; host: string } | { kind: 'web'; origin: string }

const WEB_PROTOCOLS = new Set(['http:', 'https:'])

export function createSenderCheck(trustedPages: readonly string[]): SenderCheck {
  const rules = trustedPages.map(toRule)
  return (sender) => {
    if (sender?.isMainFrame !== true || typeof sender.url !== 'string') return false
    const url = safeUrl(sender.url)
    if (!url) return false
    return rules.some((rule) => matches(rule, url))
  }
}

function toRule(page: string): Rule {
  const url = safeUrl(page)
  if (url && WEB_PROTOCOLS.has(url.protocol)) return { kind: 'web', origin: url.origin }
  if (url && url.protocol === 'app:' && url.host !== '' && !hasCredentials(url)) {
    return { kind: 'custom', protocol: url.protocol, host: url.host }
  }
  throw new Error(`Not a trusted page (app://bundle or an http(s) origin): ${page}`)
}

function matches(rule: Rule, url: URL): boolean {
  if (rule.kind === 'web') return WEB_PROTOCOLS.has(url.protocol) && url.origin === rule.origin
  // Node gives custom schemes the opaque origin "null", so scheme and host are compared instead;
  // Chromium lower-cases a standard scheme's host, so anything else is not our page.
  return url.protocol === rule.protocol && url.host === rule.host && !hasCredentials(url)
}

function hasCredentials(url: URL): boolean {
  return url.username !== '' || url.password !== ''
}

function safeUrl(text: string): URL | null {
  try {
    return new URL(text)
  } catch {
    return null
  }
}
