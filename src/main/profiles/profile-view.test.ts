import type { ServerProfile } from '../../shared/profile'
import { toProfileView, toProfileViews } from './profile-view'

const profile: ServerProfile = {
  id: 'p1',
  name: 'P',
  serverUrl: 'https://10.0.0.1:28443',
  vdnId: 1,
  ak: 'ak',
  signing: { timestampFormat: 'seconds', signedHeaders: ['host'] },
  tls: { mode: 'system' },
  campaigns: [{ id: '1', label: 'One' }],
}

describe('toProfileView', () => {
  it('adds hasSecret and secretStorage', () => {
    expect(toProfileView(profile, 'keychain')).toEqual({
      ...profile,
      hasSecret: true,
      secretStorage: 'keychain',
    })
    expect(toProfileView(profile, 'session')).toMatchObject({ hasSecret: true })
    expect(toProfileView(profile, 'none')).toMatchObject({
      hasSecret: false,
      secretStorage: 'none',
    })
  })

  it('does not share nested objects with the profile', () => {
    const view = toProfileView(profile, 'none')
    view.campaigns.push({ id: '2', label: 'Two' })
    expect(profile.campaigns).toHaveLength(1)
  })

  it('builds views for a list', async () => {
    const views = await toProfileViews([profile, { ...profile, id: 'p2' }], async (id) =>
      id === 'p1' ? 'session' : 'none',
    )
    expect(views.map((v) => [v.id, v.secretStorage, v.hasSecret])).toEqual([
      ['p1', 'session', true],
      ['p2', 'none', false],
    ])
  })
})
