import { createPinia, setActivePinia } from 'pinia'
import { DEFAULT_SETTINGS } from '@shared/profile'
import { applyLocale } from '../i18n'
import { fail, installFakeIsales, ok, type FakeIsales } from '../testing/fake-isales'
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

  it('shows each start-up notice once, in the chosen language, worded as main said when it has no id', async () => {
    fake.on('getSettings', () => ok({ ...DEFAULT_SETTINGS, locale: 'zh-CN' }))
    fake.on('appInfo', () =>
      ok({
        version: '1',
        platform: 'linux',
        userDataDir: '/d',
        logFile: '/d/l.log',
        keychain: { available: true, backend: 'Keychain' },
        notices: [
          { message: 'The built-in demo server could not start …', messageId: 'demoNotStarted' },
          { message: 'Your settings could not be read.' },
        ],
      }),
    )
    try {
      await usePreferencesStore().load()
      expect(fake.toasts.map((t) => [t.testid, t.title, t.lines])).toEqual([
        [
          'toast-notice',
          '启动时发现的问题',
          ['内置演示服务器未能启动，演示配置不会显示新数据。请重启应用再试；详细信息见日志文件。'],
        ],
        ['toast-notice', '启动时发现的问题', ['Your settings could not be read.']],
      ])
    } finally {
      applyLocale('en')
    }
  })
})
