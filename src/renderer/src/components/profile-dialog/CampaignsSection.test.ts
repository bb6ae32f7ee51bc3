import type { WatchedCampaign } from '@shared/profile'
import { mountUi } from '../../testing/mount'
import CampaignsSection from './CampaignsSection.vue'

/** The section with its v-model wired back, as the dialog does. */
function section(campaigns: WatchedCampaign[]) {
  const w = mountUi(CampaignsSection, {
    props: {
      campaigns,
      remote: undefined,
      canLoad: true,
      'onUpdate:campaigns': (v: WatchedCampaign[]) => void w.setProps({ campaigns: v }),
    },
  })
  return w
}

const rows = (w: ReturnType<typeof section>) => w.findAll('[data-testid=profile-campaign-row]')

describe('CampaignsSection', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('renames and removes a watched campaign without touching the others', async () => {
    const w = section([
      { id: '1001', label: 'Loans' },
      { id: '1002', label: 'Cards' },
    ])
    await rows(w)[1]!.find('[data-testid=profile-campaign-label] input').setValue('Card activation')
    expect(w.props('campaigns')).toEqual([
      { id: '1001', label: 'Loans' },
      { id: '1002', label: 'Card activation' },
    ])
    await rows(w)[0]!.find('[data-testid=profile-campaign-remove]').trigger('click')
    expect(w.props('campaigns')).toEqual([{ id: '1002', label: 'Card activation' }])
    expect(rows(w).map((r) => r.attributes('data-campaign-id'))).toEqual(['1002'])
  })

  it('adds a campaign typed by id once, and says when none is watched', async () => {
    const w = section([])
    expect(w.text()).toContain('No campaign yet: add one below.')
    await w.find('[data-testid=campaign-picker-id] input').setValue('2001')
    await w.find('[data-testid=campaign-picker-add]').trigger('click')
    expect(w.props('campaigns')).toEqual([{ id: '2001', label: '' }])
    await w.find('[data-testid=campaign-picker-load]').trigger('click')
    expect(w.emitted('load')).toHaveLength(1)
  })
})
