/**
 * Who may call the bridge: the app's own page, in the window's main frame, nothing else (VS Code's
 * habit of validating every IPC message's sender). Plain Node.
 *
 * A trusted page is given either as
 * - an http(s) origin (the electron-vite dev server from ELECTRON_RENDERER_URL, or the end-to-end
 *   harness on http://127.0.0.1:PORT): a sender matches when its URL has exactly that origin;
 * - the file:// URL of the built index.html (production): a sender matches when its URL is that
 *   very file (query and hash ignored, for hash routing). file:// URLs all share the opaque origin
 *   "null", so an origin or directory prefix would also trust any other local file.
 */

export interface SenderInfo {
  /** The URL of the frame that sent the message ('' when the frame is gone). */
  url: string
  /** The frame is the window's top-level frame (not an iframe). */
  isMainFrame: boolean
}

export type SenderCheck = (sender: SenderInfo) => boolean

type Rule = { kind: 'origin'; origin: string } | { kind: 'file'; host: string; path: string }

export interface SenderCheckOptions {
  /** Compare file paths case-insensitively (Windows, default on win32). */
  caseInsensitivePaths?: boolean
}

export function createSenderCheck(
  trustedPages: readonly string[],
  opts: SenderCheckOptions = {},
): SenderCheck {
  const fold = opts.caseInsensitivePaths ?? process.platform === 'win32'
  const rules = trustedPages.map((page) => toRule(page, fold))
  return (sender) => {
    if (sender.isMainFrame !== true || typeof sender.url !== 'string') return false
    const url = safeUrl(sender.url)
    if (!url) return false
    return rules.some((rule) => matches(rule, url, fold))
  }
}

function toRule(page: string, fold: boolean): Rule {
  const url = safeUrl(page)
  if (url && (url.protocol === 'http:' || url.protocol === 'https:')) {
    return { kind: 'origin', origin: url.origin }
  }
  if (url && url.protocol === 'file:') {
    const path = decodedPath(url)
    if (path !== null)
      return { kind: 'file', host: url.host, path: fold ? path.toLowerCase() : path }
  }
  throw new Error(`Not a trusted page URL (http(s) origin or file:// URL): ${page}`)
}

function matches(rule: Rule, url: URL, fold: boolean): boolean {
  if (rule.kind === 'origin') {
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === rule.origin
  }
  if (url.protocol !== 'file:' || url.host !== rule.host) return false
  const path = decodedPath(url)
  return path !== null && (fold ? path.toLowerCase() : path) === rule.path
}

function safeUrl(text: string): URL | null {
  try {
    return new URL(text)
  } catch {
    return null
  }
}

/** Percent-decoded path, so Chromium's and Node's encodings of the same file compare equal. */
function decodedPath(url: URL): string | null {
  try {
    return decodeURIComponent(url.pathname)
  } catch {
    return null
  }
}
