/**
 * The window's own origin, app://bundle: the built renderer folder (out/renderer) served through a
 * privileged custom scheme instead of file://. file:// pages share one opaque origin with every
 * other local file (so `script-src 'self'` admits any of them) and get extra privileges; a custom
 * standard scheme is an origin of its own, serves only this folder and sends the CSP as a real
 * response header. Plain Node (the global Response): main.ts registers it with protocol.handle.
 */
import { realpath, readFile, stat } from 'node:fs/promises'
import { extname, isAbsolute, join, relative, sep } from 'node:path'
import { CSP } from '../../shared/csp'

export const APP_SCHEME = 'app'
export const APP_HOST = 'bundle'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
/** What the window loads in a production build. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/**
 * Registered before the app is ready. standard: a real origin (relative URLs, same-origin module
 * scripts, localStorage per origin); secure: a secure context like https; supportFetchAPI: the
 * page may fetch its own files; codeCache: V8 keeps the bundle's compiled code between starts, as
 * Chromium does for https pages and custom schemes only get when asked (Electron ≥ 28, standard
 * schemes only) — without it every start compiles the 1.2 MB bundle again. No bypassCSP, no
 * service workers, no CORS from other origins.
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  codeCache: true,
} as const

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
}

/** The content type served for a file name; unknown kinds are opaque bytes (and nosniff). */
export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
}

/** Headers on every response of the scheme, errors included. */
function baseHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  }
}

function refusal(status: 403 | 404 | 405): Response {
  return new Response(null, { status, headers: baseHeaders() })
}

/**
 * The path inside the bundle a request names, as path segments, or null when the URL is not
 * app://bundle or its path is anything but plain names: no `.` or `..` segment (also when
 * percent-encoded), no backslash, slash, NUL or colon inside a segment, no empty segment. Checked
 * on the raw text, before any URL parser's repairs could hide an attempt.
 */
export function bundlePathOf(requestUrl: string): string[] | null {
  const prefix = `${APP_ORIGIN}/`
  if (!requestUrl.startsWith(prefix) && requestUrl !== APP_ORIGIN) return null
  const rawPath = requestUrl.slice(APP_ORIGIN.length).replace(/[?#].*$/s, '')
  if (rawPath === '' || rawPath === '/') return ['index.html']
  const segments = rawPath.slice(1).split('/')
  const names: string[] = []
  for (const raw of segments) {
    let name: string
    try {
      name = decodeURIComponent(raw)
    } catch {
      return null
    }
    if (name === '' || name === '.' || name === '..') return null
    if (/[/\\:]/.test(name) || hasControlCharacter(name)) return null
    names.push(name)
  }
  return names
}

/**
 * Serves one request of the app scheme from `root` (the built renderer folder): GET and HEAD only;
 * 403 for anything outside the folder (traversal in any spelling, a symlink pointing out), 404 for
 * what does not exist or is not a file. Every response carries the CSP header.
 */
export async function serveBundleFile(
  requestUrl: string,
  root: string,
  method = 'GET',
): Promise<Response> {
  if (method !== 'GET' && method !== 'HEAD') return refusal(405)
  const names = bundlePathOf(requestUrl)
  if (!names) return refusal(403)

  let realRoot: string
  try {
    realRoot = await realpath(root)
  } catch {
    return refusal(404)
  }
  const candidate = join(realRoot, ...names)
  if (!isInside(realRoot, candidate)) return refusal(403)
  let real: string
  try {
    real = await realpath(candidate)
  } catch {
    return refusal(404)
  }
  // A symlink inside the folder that leads out of it is refused like any other escape.
  if (!isInside(realRoot, real)) return refusal(403)
  try {
    const info = await stat(real)
    if (!info.isFile()) return refusal(404)
    const body = method === 'HEAD' ? null : await readFile(real)
    return new Response(body, {
      status: 200,
      headers: {
        ...baseHeaders(),
        'Content-Type': contentTypeFor(real),
        'Content-Length': String(info.size),
      },
    })
  } catch {
    return refusal(404)
  }
}

function hasControlCharacter(text: string): boolean {
  for (const ch of text) {
    const code = ch.charCodeAt(0)
    if (code < 0x20 || code === 0x7f) return true
  }
  return false
}

function isInside(root: string, file: string): boolean {
  const rel = relative(root, file)
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel)
}
