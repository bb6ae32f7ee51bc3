/**
 * Pure rules behind the window's hardening (create-window.ts applies them): which links may open
 * in the system browser. (The CSP response header is sent by the app scheme, app-protocol.ts.)
 * Plain Node.
 */

const MAX_EXTERNAL_URL_LENGTH = 2048

/**
 * The only hosts the app links to: documentation. The app has no other legitimate external links,
 * so anything else (a link in a server's error text, an injected page) never reaches the browser.
 * Exact host names, compared lower-case; add the project's own docs host here once it exists.
 */
export const EXTERNAL_LINK_HOSTS: readonly string[] = ['support.huawei.com']

/**
 * Whether a URL may be handed to shell.openExternal: https only (no http:, file:, javascript:,
 * data:, mailto: or custom protocol handlers that could start other programs), a host on
 * EXTERNAL_LINK_HOSTS on the default port, and no user name or password in it (phishing-style
 * `https://bank@evil`).
 */
export function isSafeExternalUrl(url: unknown): boolean {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_EXTERNAL_URL_LENGTH) {
    return false
  }
  // Control characters and spaces are never part of a link we mean to open.
  for (const ch of url) {
    const code = ch.charCodeAt(0)
    if (code <= 0x20 || code === 0x7f || /\s/.test(ch)) return false
  }
  // Written out as scheme://host, not left to the URL parser's repairs (`http:///x`, `https:\\x`).
  if (!/^https:\/\/[^/\\]/i.test(url)) return false
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.protocol !== 'https:' || parsed.port !== '') return false
  if (parsed.username !== '' || parsed.password !== '') return false
  return EXTERNAL_LINK_HOSTS.includes(parsed.hostname.toLowerCase())
}
