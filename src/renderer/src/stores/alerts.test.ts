import { createPinia, setActivePinia } from 'pinia'
import type { Alert } from '@shared/alerts'
import { fail, installFakeIsales, ok, type FakeIsales } from '../testing/fake-isales'
import { useAlertsStore } from './alerts'

let fake: FakeIsales

function alert(id: string, acknowledged = false): Alert {
  return {
    id,
    kind: 'importStuck',
    at: 1,
    profileId: 'p1',
    campaignId: '1001',
    title: { message: 'Import stuck' },
    body: { message: 'Import 1 …' },
    acknowledged,
  }
}

beforeEach(() => {
  setActivePinia(createPinia())
  fake = installFakeIsales()
})

describe('alerts store', () => {
  it("loads today's alerts on start, counts the unread ones, and follows alerts:changed", async () => {
    fake.on('listAlerts', () => ok([alert('b'), alert('a', true)]))
    const store = useAlertsStore()
    const stop = store.start()
    await vi.waitFor(() => expect(store.alerts).toHaveLength(2))
    expect(store.unread).toBe(1)
    fake.emit('onAlertsChanged', [alert('c'), alert('b'), alert('a', true)])
    expect(store.unread).toBe(2)
    stop()
    expect(fake.listeners('onAlertsChanged')).toBe(0)
  })

  it('acknowledges the alerts named, or all without names, and takes main’s list', async () => {
    fake.on('acknowledgeAlerts', () => ok([alert('b', true)]))
    const store = useAlertsStore()
    await store.acknowledge(['b'])
    await store.acknowledge()
    expect(fake.callsOf('acknowledgeAlerts')).toEqual([{ ids: ['b'] }, {}])
    expect(store.unread).toBe(0)
  })

  it('mutes a campaign through main and says so when main refuses', async () => {
    fake.on('muteCampaign', () => fail({ code: 'validation', message: 'not watched' }))
    const store = useAlertsStore()
    expect(await store.mute('p1', '1001', true)).toBe(false)
    expect(fake.callsOf('muteCampaign')).toEqual([
      { profileId: 'p1', campaignId: '1001', muted: true },
    ])
    expect(fake.toasts.map((t) => t.testid)).toEqual(['toast-error'])
  })
})
