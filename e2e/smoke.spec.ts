/**
 * The harness itself: the built page loads, `window.isales` is the factory's API, and a call goes
 * through the real dispatcher and handlers of the main process.
 */
import { expect, test } from './fixtures'

/** `window` as the page sees it (e2e/ is typechecked without the DOM library). */
type Api = Record<string, (args?: unknown) => Promise<unknown>>
interface PageGlobals {
  isales: Api
  __isalesInvoke?: (channel: string, args: unknown) => Promise<unknown>
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
  expect(methods).toContain('onTasksUpdated')

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

test('a call from a same-origin subframe is refused by the sender check', async ({
  appPage,
  app,
}) => {
  test.info().skip(app.mode !== 'browser', 'Exercises the harness binding')
  // Same origin as the app, so only the main-frame rule can refuse it.
  const frame = await appPage.evaluateHandle(async () => {
    type El = { src: string; addEventListener(e: string, f: () => void): void }
    const doc = (
      globalThis as unknown as {
        document: { createElement(t: string): El; body: { append(e: El): void } }
      }
    ).document
    const el = doc.createElement('iframe')
    el.src = '/not-the-app'
    const loaded = new Promise<void>((r) => el.addEventListener('load', r))
    doc.body.append(el)
    await loaded
  })
  await frame.dispose()
  const child = appPage.frames().find((f) => f !== appPage.mainFrame())
  expect(child).toBeDefined()
  const result = await child!.evaluate(() => {
    const invoke = (globalThis as unknown as PageGlobals).__isalesInvoke
    return invoke ? invoke('app:info', {}) : 'no binding'
  })
  expect(result).toMatchObject({
    ok: false,
    error: { code: 'validation', message: expect.stringContaining('did not come from the app') },
  })
})
