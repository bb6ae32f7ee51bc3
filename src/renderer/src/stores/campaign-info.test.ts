import { createPinia, setActivePinia } from 'pinia'
import { fail, installFakeIsales, ok, type FakeIsales } from '../testing/fake-isales'
import { useCampaignInfoStore } from './campaign-info'
import { useProfilesStore } from './profiles'

let fake: FakeIsales

beforeEach(() => {
  setActivePinia(createPinia())
  fake = installFakeIsales()
})

const campaign = (id: string, status?: unknown) => ({
  id,
  name: `Campaign ${id}`,
  extra: status === undefined ? {} : { status },
})

describe('campaign info store', () => {
  it('asks for the campaign list once per profile and reads each campaign’s status from it', async () => {
    fake.on('listRemoteCampaigns', () => ok([campaign('1', 3), campaign('2', '4'), campaign('3')]))
    const info = useCampaignInfoStore()
    await info.ensure('p1')
    await info.ensure('p1')
    expect(fake.callsOf('listRemoteCampaigns')).toEqual([{ profileId: 'p1' }])
    expect(info.statusOf('p1', '1')).toBe('suspended')
    expect(info.statusOf('p1', '2')).toBe('completed')
    expect(info.statusOf('p1', '3')).toBeNull()
    expect(info.statusOf('p1', '9')).toBeNull()
    expect(info.statusOf('p2', '1')).toBeNull()
  })

  it('a failed list shows no status and raises no error toast', async () => {
    fake.on('listRemoteCampaigns', () => fail({ code: 'network', message: 'down' }))
    const info = useCampaignInfoStore()
    await info.ensure('p1')
    expect(info.statusOf('p1', '1')).toBeNull()
    expect(fake.toasts).toEqual([])
  })

  it('a list the user loaded in the profile dialog counts, without asking again', async () => {
    fake.on('listRemoteCampaigns', () => ok([campaign('1', 2)]))
    const profiles = useProfilesStore()
    await profiles.listRemote('p1')
    const info = useCampaignInfoStore()
    await info.ensure('p1')
    expect(fake.callsOf('listRemoteCampaigns')).toHaveLength(1)
    expect(info.statusOf('p1', '1')).toBe('started')
  })
})
