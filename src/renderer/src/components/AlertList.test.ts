import type { Alert } from '@shared/alerts'
import { mountUi } from '../testing/mount'
import AlertList from './AlertList.vue'

const stuck: Alert = {
  id: 'a1',
  kind: 'importStuck',
  at: new Date(2026, 0, 5, 9, 30).getTime(),
  profileId: 'p1',
  campaignId: '1001',
  title: {
    message: 'Import stuck: campaign Spring on server Shanghai',
    messageId: 'alertImportStuckTitle',
    params: { campaign: 'Spring', server: 'Shanghai' },
  },
  body: {
    message: 'Import 7 has been preparing or importing for 61 min.',
    messageId: 'alertImportStuckBody',
    params: { task: '7', minutes: 61 },
  },
  acknowledged: false,
}
const offline: Alert = {
  ...stuck,
  id: 'a2',
  kind: 'serverOffline',
  campaignId: null,
  title: { message: 'x', messageId: 'alertServerOfflineTitle', params: { server: 'Shanghai' } },
  body: { message: 'y', messageId: 'alertServerOfflineBody', params: { campaign: 'Spring' } },
  acknowledged: true,
}

function list(alerts: Alert[], locale: 'en' | 'zh-CN' = 'en', muted: boolean | null = false) {
  return mountUi(AlertList, { props: { alerts, mutedOf: () => muted } }, locale)
}

describe('AlertList', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows each alert with its kind in words and main’s text in the window language', () => {
    const en = list([stuck, offline])
    const items = en.findAll('[data-testid=alert-item]')
    expect(items.map((i) => i.attributes('data-kind'))).toEqual(['importStuck', 'serverOffline'])
    expect(items[0]!.text()).toContain('Import stuck')
    expect(en.find('[data-testid=alert-title]').text()).toBe(
      'Import stuck: campaign Spring on server Shanghai',
    )
    en.unmount()
    const zh = list([stuck], 'zh-CN')
    expect(zh.find('[data-testid=alert-title]').text()).toBe(
      '导入卡住：活动 Spring（服务器 Shanghai）',
    )
    expect(zh.find('[data-testid=alert-body]').text()).toBe('导入 7 已准备或导入 61 分钟。')
  })

  it('acknowledges one alert, or all, and offers acknowledging only what is unread', async () => {
    const w = list([stuck, offline])
    expect(w.findAll('[data-testid=alert-acknowledge]')).toHaveLength(1)
    await w.find('[data-testid=alert-acknowledge]').trigger('click')
    await w.find('[data-testid=alerts-acknowledge-all]').trigger('click')
    expect(w.emitted('acknowledge')).toEqual([[['a1']], [undefined]])
  })

  it('mutes or unmutes the campaign of a campaign alert, not of a server alert', async () => {
    const w = list([stuck, offline])
    const mutes = w.findAll('[data-testid=alert-mute]')
    expect(mutes).toHaveLength(1)
    expect(mutes[0]!.text()).toBe('Mute this campaign')
    await mutes[0]!.trigger('click')
    expect(w.emitted('mute')).toEqual([['p1', '1001', true]])
    w.unmount()
    const muted = list([stuck], 'en', true)
    expect(muted.find('[data-testid=alert-mute]').text()).toBe('Unmute this campaign')
    const gone = list([stuck], 'en', null)
    expect(gone.find('[data-testid=alert-mute]').exists()).toBe(false)
  })

  it('says so when there is no alert today', () => {
    const w = list([])
    expect(w.find('[data-testid=alerts-empty]').text()).toContain('No alerts today.')
    expect(w.find('[data-testid=alerts-acknowledge-all]').attributes('disabled')).toBeDefined()
  })
})
