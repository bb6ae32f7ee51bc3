/**
 * The window's Content Security Policy, in one place: the <meta> in src/renderer/index.html must
 * equal it (a test checks), and the window's app:// scheme (src/main/window/app-protocol.ts) sends
 * it as a response header on every response.
 *
 * - script-src 'self': no inline or remote script, no eval.
 * - style-src adds 'unsafe-inline' because Naive UI (through css-render) injects <style> elements
 *   at runtime for its themes; without it every component renders unstyled. Inline styles cannot
 *   run script, so the script policy above still holds.
 * - connect-src 'self': the window makes no network calls of its own; all HTTP goes through main.
 * - img-src / font-src allow data: for icons and fonts inlined by the build.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')
