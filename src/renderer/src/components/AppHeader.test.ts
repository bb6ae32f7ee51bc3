import type { LinkState } from '../stores/connectivity'
import { mountUi } from '../testing/mount'
import AppHeader from './AppHeader.vue'

function header(
  over: Partial<{
    link: LinkState
    refreshIn: number | null
    scheduleKnown: boolean
    inProgress: boolean
    retryIn: number | null
    checkedAt: number | null
  }> = {},
) {
  const now = Date.UTC(2026, 10, 27, 2, 10, 0)
  return mountUi(AppHeader, {
    props: {
      title: 'Campaign',
      subtitle: 'Server · 3001',
      link: 'online',
      fetchedAt: new Date(now - 4000).toISOString(),
      now,
      refreshIn: null,
      scheduleKnown: false,
      inProgress: false,
      retryIn: null,
      checkedAt: null,
      refreshing: false,
      canRefresh: true,
      canExport: true,
      canExportView: true,
      shortcut: { refresh: 'Ctrl+R', export: 'Ctrl+E' },
      ...over,
    },
  })
}

const countdown = (w: ReturnType<typeof header>) => w.find('[data-testid=refresh-countdown]')
const retry = (w: ReturnType<typeof header>) => w.find('[data-testid=retry-countdown]')

describe('AppHeader', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('counts down to the next automatic refresh', () => {
    const w = header({ refreshIn: 14, scheduleKnown: true, inProgress: true })
    expect(countdown(w).text()).toBe('Next refresh in 14 s')
    expect(retry(w).exists()).toBe(false)
  })

  it('does not claim "paused" before main has said whether imports are refreshed', () => {
    expect(countdown(header({ inProgress: true })).exists()).toBe(false)
    expect(countdown(header({ inProgress: true, scheduleKnown: true })).text()).toBe(
      'Auto-refresh paused',
    )
    expect(countdown(header({ scheduleKnown: true })).text()).toBe(
      'Auto-refresh paused: nothing in progress',
    )
  })

  it('offline: no refresh countdown, the next attempt to reach the server instead', () => {
    const w = header({ link: 'offline', refreshIn: 6, scheduleKnown: true, retryIn: 6 })
    expect(countdown(w).exists()).toBe(false)
    expect(retry(w).text()).toBe('Retrying in 6 s')
    expect(retry(header({ link: 'offline', retryIn: 0 })).text()).toBe('Retrying now…')
    expect(retry(header({ link: 'error', retryIn: 6 })).exists()).toBe(false)
  })

  it('Chinese too', () => {
    const w = mountUi(
      AppHeader,
      {
        props: {
          title: 'X',
          subtitle: '',
          link: 'offline',
          fetchedAt: new Date().toISOString(),
          now: Date.now(),
          refreshIn: null,
          scheduleKnown: true,
          inProgress: true,
          retryIn: 9,
          checkedAt: Date.now() - 30_000,
          refreshing: false,
          canRefresh: true,
          canExport: true,
          canExportView: true,
          shortcut: { refresh: 'Ctrl+R', export: 'Ctrl+E' },
        },
      },
      'zh-CN',
    )
    expect(w.find('[data-testid=retry-countdown]').text()).toBe('9 秒后重试')
    expect(w.find('[data-testid=last-checked]').text()).toBe('服务器检查于30秒钟前')
  })

  it('says when the server was last checked, whatever its state', () => {
    const now = Date.UTC(2026, 10, 27, 2, 10, 0)
    expect(header({ checkedAt: null }).find('[data-testid=last-checked]').exists()).toBe(false)
    const online = header({ checkedAt: now - 12_000 }).find('[data-testid=last-checked]')
    expect(online.text()).toBe('Server checked 12 seconds ago')
    const offline = header({ link: 'offline', checkedAt: now - 120_000 })
    expect(offline.find('[data-testid=last-checked]').text()).toBe('Server checked 2 minutes ago')
  })
})
