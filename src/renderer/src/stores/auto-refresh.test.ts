import { createPinia, setActivePinia } from 'pinia'
import { installFakeIsales, ok, type FakeIsales } from '../testing/fake-isales'
import { useAutoRefreshStore } from './auto-refresh'

let fake: FakeIsales

beforeEach(() => {
  setActivePinia(createPinia())
  fake = installFakeIsales()
  fake.on('stopRefresh', () => ok(null))
  fake.on('openCampaign', () => ok(null))
})

describe('auto-refresh store', () => {
  it('knows which campaign main is refreshing, whoever started it, from refresh:running', () => {
    const auto = useAutoRefreshStore()
    auto.start()
    expect(auto.runningSince('p1', 'c1')).toBeNull()
    fake.emit('onRefreshRunning', { profileId: 'p1', campaignId: 'c1', running: true })
    expect(auto.runningSince('p1', 'c1')).toEqual(expect.any(Number))
    expect(auto.runningSince('p1', 'c2')).toBeNull()
    fake.emit('onRefreshRunning', { profileId: 'p1', campaignId: 'c1', running: false })
    expect(auto.runningSince('p1', 'c1')).toBeNull()
  })

  it('stops a campaign refresh by campaign (tasks:stop), automatic ones too', async () => {
    const auto = useAutoRefreshStore()
    await auto.stop({ profileId: 'p1', campaignId: 'c1' })
    expect(fake.callsOf('stopRefresh')).toEqual([{ profileId: 'p1', campaignId: 'c1' }])
  })

  it('tells main which campaign is open, only when that changes', async () => {
    const auto = useAutoRefreshStore()
    await auto.open({ profileId: 'p1', campaignId: 'c1' })
    await auto.open({ profileId: 'p1', campaignId: 'c1' })
    await auto.open(null)
    expect(fake.callsOf('openCampaign')).toEqual([
      { campaign: { profileId: 'p1', campaignId: 'c1' } },
      { campaign: null },
    ])
  })
})
