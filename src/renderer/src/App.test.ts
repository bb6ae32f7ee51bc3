import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { DEFAULT_SETTINGS } from '@shared/profile'
import App from './App.vue'
import { mountUi } from './testing/mount'
import {
  fail,
  installFakeIsales,
  serveTasks,
  ok,
  overviewRow,
  profile,
  snapshot,
  task,
  type FakeIsales,
} from './testing/fake-isales'

let fake: FakeIsales

beforeEach(() => {
  localStorage.clear()
  document.body.innerHTML = ''
  setActivePinia(createPinia())
  fake = installFakeIsales()
  fake.on('getSettings', () => ok({ ...DEFAULT_SETTINGS, locale: 'en' }))
  fake.on('appInfo', () =>
    ok({
      version: '0.1.0',
      platform: 'linux',
      userDataDir: '/data',
      logFile: '/data/logs/main.log',
      keychain: { available: true, backend: 'Secret Service' },
    }),
  )
  fake.on('cachedTasks', () => ok(null))
})

const byTestId = (id: string) => document.querySelectorAll(`[data-testid="${id}"]`)

/** Watched campaigns exist: the window opens on the overview; this opens one campaign. */
async function openFromSidebar(campaignId: string): Promise<void> {
  const item = document.querySelector(
    `[data-testid="campaign-item"][data-campaign-id="${campaignId}"]`,
  ) as HTMLElement
  item.click()
  await flushPromises()
}

describe('the window', () => {
  it('with no profiles offers the demo; the demo shows its first campaign', async () => {
    fake.on('listProfiles', () => ok([]))
    const demo = profile({
      id: 'demo',
      demo: true,
      campaigns: [
        { id: '3001', label: 'Broadband' },
        { id: '3002', label: 'Cards' },
      ],
    })
    fake.on('startDemo', () => ok(demo))
    serveTasks(fake, (a: { profileId: string; campaignId: string }) =>
      ok(snapshot({ ...a, tasks: [task('11'), task('12', { status: '3', failNum: 4 })] })),
    )
    const w = mountUi(App)
    await flushPromises()
    expect(byTestId('empty-no-profiles')).toHaveLength(1)
    ;(byTestId('empty-open-demo')[0] as HTMLElement).click()
    await flushPromises()
    expect(fake.callsOf('startDemo')).toHaveLength(1)
    const items = [...byTestId('campaign-item')] as HTMLElement[]
    expect(items.map((i) => i.dataset['campaignId'])).toEqual(['3001', '3002'])
    expect(items[0]!.getAttribute('aria-current')).toBe('true')
    expect(byTestId('summary-total')[0]!.textContent?.trim()).toBe('2')
    expect(byTestId('summary-status-3')[0]!.textContent?.trim()).toBe('1')
    expect(byTestId('header-title')[0]!.textContent).toContain('Broadband')
    w.unmount()
  })

  it('closes the demo from the sidebar after a confirmation, leaving the other servers', async () => {
    const demo = profile({ id: 'demo', demo: true, campaigns: [{ id: '3001', label: 'Demo' }] })
    fake.on('listProfiles', () => ok([demo, profile()]))
    serveTasks(fake, (a: { profileId: string; campaignId: string }) =>
      ok(snapshot({ ...a, tasks: [task('11')] })),
    )
    fake.on('deleteProfile', () => ok(null))
    const w = mountUi(App)
    await flushPromises()
    // Only the demo has the close action.
    const closers = [...byTestId('demo-close')] as HTMLElement[]
    expect(closers).toHaveLength(1)
    expect(closers[0]!.closest('[data-testid=profile-item]')?.getAttribute('data-profile-id')).toBe(
      'demo',
    )
    closers[0]!.click()
    await flushPromises()
    expect(fake.callsOf('deleteProfile')).toEqual([])
    ;(byTestId('demo-close-confirm')[0] as HTMLElement).click()
    await flushPromises()
    expect(fake.callsOf('deleteProfile')).toEqual([{ profileId: 'demo' }])
    const items = [...byTestId('profile-item')] as HTMLElement[]
    expect(items.map((i) => i.dataset['profileId'])).toEqual(['p1'])
    w.unmount()
  })

  it('shows the stale banner with the retry countdown from connectivity events', async () => {
    fake.on('listProfiles', () => ok([profile()]))
    const fetchedAt = new Date(Date.now() - 5 * 60_000).toISOString()
    const error = { code: 'network' as const, message: 'ECONNREFUSED' }
    serveTasks(fake, () => ok(snapshot({ stale: true, error, fetchedAt })))
    const w = mountUi(App)
    await flushPromises()
    await openFromSidebar('c1')
    fake.emit('onConnectivityChanged', {
      profileId: 'p1',
      state: 'offline',
      error,
      nextRetryAt: Date.now() + 30_000,
    })
    await flushPromises()
    const text = byTestId('stale-banner-text')[0]!.textContent!
    expect(text).toContain('(5 minutes ago): the server could not be reached.')
    const seconds = Number(/Retrying in (\d+) s\./.exec(text)?.[1])
    expect(seconds).toBeGreaterThanOrEqual(28)
    expect(seconds).toBeLessThanOrEqual(32)
    expect(byTestId('connection-state')[0]!.getAttribute('data-state')).toBe('offline')
    expect(byTestId('error-panel')).toHaveLength(0) // the banner says it all
    w.unmount()
  })

  it('an auth failure with nothing cached shows the error and opens the profile', async () => {
    fake.on('listProfiles', () => ok([profile()]))
    serveTasks(fake, () => fail({ code: 'auth', message: 'HTTP 401' }))
    const w = mountUi(App)
    await flushPromises()
    await openFromSidebar('c1')
    const panel = byTestId('error-panel')[0]!
    expect(panel.getAttribute('data-error-code')).toBe('auth')
    expect(panel.textContent).toContain('Wrong AK/SK')
    ;(byTestId('error-action-openProfile')[0] as HTMLElement).click()
    await flushPromises()
    expect(byTestId('profile-dialog')).toHaveLength(1)
    expect(
      (document.querySelector('[data-testid=profile-name] input') as HTMLInputElement).value,
    ).toBe('Server one')
    w.unmount()
  })

  it('opens on the overview once campaigns are watched; a row opens its campaign, the sidebar leads back', async () => {
    fake.on('listProfiles', () => ok([profile()]))
    serveTasks(fake, () => ok(snapshot()))
    fake.on('getOverview', () =>
      ok({ rows: [overviewRow({ health: 'failing' })], computedAt: Date.now() }),
    )
    const w = mountUi(App)
    await flushPromises()
    expect(byTestId('overview')).toHaveLength(1)
    expect(byTestId('task-table')).toHaveLength(0)
    expect(byTestId('header-title')[0]!.textContent).toContain('Overview')
    // The sidebar dot and the overview entry say the same health, in words too.
    const dot = byTestId('campaign-dot')[0] as HTMLElement
    expect(dot.dataset['health']).toBe('failing')
    expect(dot.getAttribute('aria-label')).toBe('Failing')
    expect(byTestId('nav-count-failing')[0]!.textContent).toContain('1')
    ;(byTestId('overview-row')[0] as HTMLElement).click()
    await flushPromises()
    expect(byTestId('overview')).toHaveLength(0)
    expect(byTestId('header-title')[0]!.textContent).toContain('Campaign one')
    expect(byTestId('campaign-item')[0]!.getAttribute('aria-current')).toBe('true')
    ;(byTestId('nav-overview')[0] as HTMLElement).click()
    await flushPromises()
    expect(byTestId('overview')).toHaveLength(1)
    expect(byTestId('nav-overview')[0]!.getAttribute('aria-current')).toBe('page')
    w.unmount()
  })

  it('"Failed today" on the overview opens the campaign filtered to today\'s failed imports', async () => {
    const now = Date.now()
    const dayStart = new Date(now).setHours(0, 0, 0, 0)
    const failedToday = task('31', { status: '3', beginAt: now - 1000, endAt: now - 500 })
    const failedBefore = task('32', { status: '3', beginAt: dayStart - 86_400_000 })
    const importedToday = task('33', { status: '2', beginAt: now - 1000 })
    fake.on('listProfiles', () => ok([profile()]))
    serveTasks(fake, () =>
      ok(snapshot({ tasks: [failedToday, failedBefore, importedToday], count: 3 })),
    )
    const row = overviewRow({ health: 'failing' })
    row.summary = { ...row.summary!, failedToday: 1 }
    fake.on('getOverview', () => ok({ rows: [row], computedAt: now }))
    const w = mountUi(App)
    await flushPromises()
    ;(byTestId('overview-failed-today')[0] as HTMLElement).click()
    await flushPromises()
    const { useTasksStore } = await import('./stores/tasks')
    const tasks = useTasksStore()
    expect(tasks.currentView.filter).toMatchObject({
      statuses: ['3'],
      beginFrom: dayStart,
      beginTo: dayStart + 86_400_000 - 1,
    })
    expect(tasks.visibleTasks.map((t) => t.id)).toEqual(['31'])
    w.unmount()
  })

  it('switches to Chinese from the settings', async () => {
    fake.on('listProfiles', () => ok([]))
    fake.on('updateSettings', (patch: object) => ok({ ...DEFAULT_SETTINGS, ...patch }))
    const w = mountUi(App)
    await flushPromises()
    expect(byTestId('empty-open-demo')[0]!.textContent).toContain('Open the demo')
    const { usePreferencesStore } = await import('./stores/preferences')
    await usePreferencesStore().update({ locale: 'zh-CN' })
    await flushPromises()
    expect(byTestId('empty-open-demo')[0]!.textContent).toContain('打开演示')
    expect(document.documentElement.lang).toBe('zh-CN')
    w.unmount()
  })
})
