import { BLACKLIST_CAMPAIGN_ID } from '@shared/blacklist'
import { HEALTH_STATES, type Health } from '@shared/day-health'
import type { ProfileView } from '@shared/profile'
import type { LinkState } from '../stores/connectivity'
import { mountUi } from '../testing/mount'
import AppSidebar from './AppSidebar.vue'

const NO_COUNTS = Object.fromEntries(HEALTH_STATES.map((h) => [h, 0])) as Record<Health, number>

function profile(id: string, campaigns: ProfileView['campaigns']): ProfileView {
  return {
    id,
    name: `Server ${id}`,
    serverUrl: 'https://10.0.0.1:28443',
    vdnId: 1,
    ak: 'AK',
    signing: { timestampFormat: 'seconds', signedHeaders: ['host'] },
    tls: { mode: 'system' },
    campaigns,
    hasSecret: true,
    secretStorage: 'keychain',
  }
}

function sidebar(
  profiles: ProfileView[],
  locale: 'en' | 'zh-CN' = 'en',
  linkOf: (profileId: string) => LinkState = () => 'online',
) {
  return mountUi(
    AppSidebar,
    {
      props: {
        profiles,
        selected: null,
        healthOf: () => 'idle',
        nameOf: () => '',
        linkOf,
        counts: NO_COUNTS,
        overviewActive: false,
      },
    },
    locale,
  )
}

describe('AppSidebar blacklist entry', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('lists "Blacklist imports" as not watched for every profile that does not watch them, and asks to watch on click', async () => {
    const w = sidebar([profile('p1', [{ id: '1001', label: 'Spring' }]), profile('p2', [])])
    const entries = w.findAll('[data-testid=blacklist-watch]')
    expect(entries.map((e) => e.attributes('data-profile-id'))).toEqual(['p1', 'p2'])
    expect(entries[0]!.text()).toBe('Blacklist importsnot watched')
    await entries[1]!.trigger('click')
    expect(w.emitted('watchBlacklist')).toEqual([['p2']])
    expect(w.emitted('select')).toBeUndefined()
  })

  it('shows watched blacklist imports like a campaign, by name and without the reserved id', async () => {
    const w = sidebar([
      profile('p1', [
        { id: '1001', label: 'Spring' },
        { id: BLACKLIST_CAMPAIGN_ID, label: '' },
      ]),
    ])
    expect(w.find('[data-testid=blacklist-watch]').exists()).toBe(false)
    const item = w.find(`[data-testid=campaign-item][data-campaign-id="${BLACKLIST_CAMPAIGN_ID}"]`)
    expect(item.text()).toBe('Blacklist imports')
    expect(item.text()).not.toContain(BLACKLIST_CAMPAIGN_ID)
    expect(item.attributes('aria-label')).toContain('Blacklist imports')
    await item.trigger('click')
    expect(w.emitted('select')).toEqual([['p1', BLACKLIST_CAMPAIGN_ID]])
  })

  it('names the entry in Chinese when the window is in Chinese', () => {
    const w = sidebar(
      [profile('p1', [{ id: BLACKLIST_CAMPAIGN_ID, label: 'ignored label' }])],
      'zh-CN',
    )
    const item = w.find('[data-testid=campaign-item]')
    expect(item.text()).toBe('黑名单导入')
  })
})

describe('AppSidebar connection icon', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows each server’s connection by a shape of its own, named in words, never by colour alone', () => {
    const states = ['online', 'offline', 'error', 'unknown'] as const
    const w = sidebar(
      states.map((s) => profile(s, [])),
      'en',
      (id) => id as LinkState,
    )
    const links = w.findAll('[data-testid=profile-link]')
    expect(links.map((l) => l.attributes('aria-label'))).toEqual([
      'Connection: Online',
      'Connection: Offline',
      'Connection: Needs attention',
      'Connection: Not connected yet',
    ])
    expect(links.map((l) => l.attributes('role'))).toEqual(states.map(() => 'img'))
    const shapes = links.map((l) => l.get('svg path').attributes('d'))
    expect(new Set(shapes).size).toBe(states.length)
  })
})
