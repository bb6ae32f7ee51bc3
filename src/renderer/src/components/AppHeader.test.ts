import type { CampaignStatus } from '@shared/campaign-status'
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
    canExport: boolean
    canExportView: boolean
    hasTasks: boolean
    campaignStatus: CampaignStatus | null
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
      hasTasks: true,
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

  it('Export all is disabled, with its reason, when the campaign has no imports', () => {
    const all = header({ hasTasks: false, canExportView: false }).get('[data-testid=export-all]')
    expect(all.attributes('disabled')).toBeDefined()
    expect(all.attributes('aria-description')).toBe(
      'Nothing to export: this campaign has no imports',
    )
    const enabled = header().get('[data-testid=export-all]')
    expect(enabled.attributes('disabled')).toBeUndefined()
    expect(enabled.attributes('aria-description')).toBeUndefined()
  })

  it('Export view says why it is disabled: nothing loaded yet, or nothing matches', () => {
    const view = (w: ReturnType<typeof header>) => w.get('[data-testid=export-view]')
    expect(view(header({ canExportView: false })).attributes('aria-description')).toBe(
      'Nothing to export: no import matches the filters',
    )
    const notLoaded = header({ canExport: false, hasTasks: false, canExportView: false })
    expect(view(notLoaded).attributes('disabled')).toBeDefined()
    expect(notLoaded.get('[data-testid=export-all]').attributes('aria-description')).toMatch(
      /not been loaded yet/,
    )
  })

  it('shows the campaign’s own status when the server gives it, and nothing otherwise', () => {
    const tag = header({ campaignStatus: 'suspended' }).get('[data-testid=campaign-status]')
    expect(tag.text()).toBe('Campaign: suspended')
    expect(tag.attributes('data-status')).toBe('suspended')
    expect(
      header({ campaignStatus: 'completed' }).get('[data-testid=campaign-status]').text(),
    ).toBe('Campaign: ended')
    expect(header().find('[data-testid=campaign-status]').exists()).toBe(false)
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
          hasTasks: true,
          campaignStatus: 'suspended',
          shortcut: { refresh: 'Ctrl+R', export: 'Ctrl+E' },
        },
      },
      'zh-CN',
    )
    expect(w.find('[data-testid=retry-countdown]').text()).toBe('9 秒后重试')
    expect(w.get('[data-testid=campaign-status]').text()).toBe('活动状态：已暂停')
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
