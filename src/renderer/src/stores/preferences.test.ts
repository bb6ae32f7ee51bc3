import { createPinia, setActivePinia } from 'pinia'
import { DEFAULT_SETTINGS } from '@shared/profile'
import { fail, installFakeIsales, ok, type FakeIsales } from '../test/fake-isales'
import { usePreferencesStore } from './preferences'

let fake: FakeIsales

beforeEach(() => {
  setActivePinia(createPinia())
  fake = installFakeIsales()
})

describe('preferences store', () => {
  it('follows the OS language and theme unless the settings pick one', async () => {
    fake.on('getSettings', () => ok({ ...DEFAULT_SETTINGS }))
    fake.on('appInfo', () =>
      ok({
        version: '1',
        platform: 'darwin',
        userDataDir: '/d',
        logFile: '/d/l.log',
        keychain: { available: true, backend: 'Keychain' },
      }),
    )
    const prefs = usePreferencesStore()
    await prefs.load()
    prefs.languages = ['zh-CN', 'en']
    prefs.systemDark = true
    expect(prefs.locale).toBe('zh-CN')
    expect(prefs.theme).toBe('dark')
    expect(prefs.isMac).toBe(true)
    fake.on('updateSettings', (patch: object) => ok({ ...DEFAULT_SETTINGS, ...patch }))
    await prefs.update({ locale: 'en', theme: 'light' })
    expect(prefs.locale).toBe('en')
    expect(prefs.theme).toBe('light')
  })

  it('a refused setting goes back and says why', async () => {
    fake.on('updateSettings', () =>
      fail({ code: 'validation', message: 'The refresh interval must be at least 5 seconds.' }),
    )
    const prefs = usePreferencesStore()
    expect(await prefs.update({ refreshIntervalSec: 2 })).toBe(false)
    expect(prefs.settings.refreshIntervalSec).toBe(DEFAULT_SETTINGS.refreshIntervalSec)
    expect(fake.toasts[0]!.lines).toContain('The refresh interval must be at least 5 seconds.')
  })
})
