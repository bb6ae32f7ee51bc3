/**
 * The harness itself: the built page loads under the app's CSP header, `window.isales` is what the
 * built preload exposes, and a call goes through the real registration, dispatcher and handlers of
 * the main process.
 */
import { CSP } from '../src/shared/csp'
import { expect, test } from './fixtures'

/** `window` as the page sees it (e2e/ is typechecked without the DOM library). */
type Api = Record<string, (args?: unknown) => Promise<unknown>>
interface PageGlobals {
  isales: Api
  __electronIpcInvoke?: (channel: string, args: unknown) => Promise<unknown>
}

test('the page loads with window.isales answering through the real dispatcher', async ({
  appPage,
  app,
}) => {
  await expect(appPage).toHaveTitle('iSales Import Monitor')
  const methods = await appPage.evaluate(() =>
    Object.keys((globalThis as unknown as PageGlobals).isales).sort(),
  )
  expect(methods).toContain('appInfo')
  expect(methods).toContain('onTasksChanged')

  const info = await appPage.evaluate(() =>
    (globalThis as unknown as PageGlobals).isales.appInfo!(),
  )
  expect(info).toMatchObject({ ok: true, data: { version: expect.any(String) } })
  if (app.mode === 'browser') {
    expect(info).toMatchObject({ data: { userDataDir: app.userDataDir } })
    // Under scripts/test-e2e.sh with gnome-keyring: the real Secret Service, usable.
    const keychain =
      process.env['E2E_REAL_KEYCHAIN'] === '1'
        ? { available: true, backend: expect.stringContaining('Secret Service') }
        : { available: true, backend: 'Test keychain' }
    expect(info).toMatchObject({ data: { keychain } })
  }

  // Arguments are validated by the contract's schema in main.
  const invalid = await appPage.evaluate(() =>
    (globalThis as unknown as PageGlobals).isales.updateSettings!({ refreshIntervalSec: 1 }),
  )
  expect(invalid).toMatchObject({
    ok: false,
    error: { code: 'validation', detail: { field: 'refreshIntervalSec' } },
  })
})

test("the app's own page cannot be framed, and a call from a subframe is refused", async ({
  appPage,
  app,
}) => {
  test.info().skip(app.mode !== 'browser', 'Exercises the harness binding')
  // The app's own page in an iframe: the CSP header's frame-ancestors 'none' blocks it (a framed
  // copy of the app would otherwise pass the URL rule, and only the main-frame rule would stop it).
  const frame = await appPage.evaluateHandle(async () => {
    type El = { src: string; addEventListener(e: string, f: () => void): void }
    const doc = (
      globalThis as unknown as {
        document: { createElement(t: string): El; body: { append(e: El): void } }
      }
    ).document
    const el = doc.createElement('iframe')
    el.src = '/index.html'
    const loaded = new Promise<void>((r) => el.addEventListener('load', r))
    doc.body.append(el)
    await loaded
  })
  await frame.dispose()
  const child = appPage.frames().find((f) => f !== appPage.mainFrame())
  expect(child).toBeDefined()
  expect(child!.url()).toBe('chrome-error://chromewebdata/')
  const result = await child!.evaluate(() => {
    const invoke = (globalThis as unknown as PageGlobals).__electronIpcInvoke
    // The harness's binding takes the arguments and gives the reply as JSON text.
    return invoke ? invoke('app:info', JSON.stringify([{}])) : 'no binding'
  })
  expect(
    typeof result === 'string' && result !== 'no binding' ? JSON.parse(result) : result,
  ).toMatchObject({
    ok: false,
    error: { code: 'validation', message: expect.stringContaining('did not come from the app') },
  })
})

test("the window runs under the app's CSP header, with only the preload's frozen API", async ({
  appPage,
}) => {
  await expect(appPage).toHaveTitle('iSales Import Monitor')
  const seen = await appPage.evaluate(async () => {
    const g = globalThis as unknown as Record<string, unknown> & {
      location: { href: string }
      document: {
        createElement(t: string): { textContent: string }
        head: { append(e: unknown): void }
      }
    }
    const header = (await fetch(g.location.href)).headers.get('content-security-policy')
    // An injected inline script must not run: script-src 'self' only.
    const script = g.document.createElement('script')
    script.textContent = 'globalThis.__inlineRan = true'
    g.document.head.append(script)
    return {
      header,
      inlineRan: g['__inlineRan'] === true,
      frozen: Object.isFrozen(g['isales']),
      require: typeof g['require'],
      ipcRenderer: typeof g['ipcRenderer'],
    }
  })
  expect(seen).toEqual({
    header: CSP,
    inlineRan: false,
    frozen: true,
    require: 'undefined',
    ipcRenderer: 'undefined',
  })
})
