import { createPinia, setActivePinia } from 'pinia'
import { fail, installFakeIsales, ok, profile, type FakeIsales } from '../testing/fake-isales'
import { toInput, useProfilesStore } from './profiles'

let fake: FakeIsales

beforeEach(() => {
  setActivePinia(createPinia())
  fake = installFakeIsales()
})

describe('profiles store', () => {
  it('loads the list and follows profiles:changed', async () => {
    fake.on('listProfiles', () => ok([profile()]))
    const store = useProfilesStore()
    store.start()
    await store.load()
    expect(store.profiles.map((p) => p.id)).toEqual(['p1'])
    fake.emit('onProfilesChanged', [profile(), profile({ id: 'p2', name: 'Two' })])
    expect(store.byId.get('p2')?.name).toBe('Two')
  })

  it('a failed load is shown, never silent', async () => {
    fake.on('listProfiles', () => fail({ code: 'validation', message: 'profiles.json is broken' }))
    const store = useProfilesStore()
    await store.load()
    expect(store.loadError?.message).toBe('profiles.json is broken')
    expect(fake.toasts[0]!.lines).toContain('profiles.json is broken')
  })

  it('saves the profile with its SK (session only when asked) and shows errors in the dialog', async () => {
    const p = profile()
    fake.on('saveProfile', () => ok(p))
    const store = useProfilesStore()
    const input = toInput(p)
    expect(await store.save(input, { sk: 'secret', sessionOnly: true })).toEqual(p)
    expect(fake.callsOf('saveProfile')).toEqual([
      { profile: input, secret: { sk: 'secret', sessionOnly: true } },
    ])
    fake.on('saveProfile', () =>
      fail({ code: 'validation', message: 'The VDN id is not valid.', detail: { field: 'vdnId' } }),
    )
    expect(await store.save(input)).toBeNull()
    expect(store.editor.error?.message).toBe('The VDN id is not valid.')
    expect(fake.callsOf('saveProfile')[1]).toEqual({ profile: input })
  })

  it('toInput drops the view-only fields (hasSecret, secretStorage, demo)', () => {
    const input = toInput(profile({ demo: true }))
    expect(Object.keys(input).sort()).toEqual(
      ['ak', 'campaigns', 'id', 'name', 'serverUrl', 'signing', 'tls', 'vdnId'].sort(),
    )
  })

  it('probe then trust pins the presented certificate on a saved profile', async () => {
    const cert = {
      subject: 'CN=x',
      issuer: 'CN=x',
      validFrom: 'a',
      validTo: 'b',
      subjectAltNames: [],
      fingerprint256: 'AA:BB',
      chainVerified: false,
      pem: '',
    }
    fake.on('probeCertificate', () => ok(cert))
    const pinned = profile({
      tls: { mode: 'pin', fingerprint256: 'AA:BB', subject: 'CN=x', trustedAt: 't' },
    })
    fake.on('trustCertificate', () => ok(pinned))
    const store = useProfilesStore()
    store.profiles = [profile()]
    expect(await store.probe('https://h:1')).toEqual(cert)
    expect(store.editor.probe.data).toEqual(cert)
    await store.trust('p1', cert.fingerprint256)
    expect(fake.callsOf('trustCertificate')).toEqual([{ profileId: 'p1', fingerprint256: 'AA:BB' }])
    expect(store.byId.get('p1')?.tls.mode).toBe('pin')
  })

  it('starts the demo and adds its profile', async () => {
    fake.on('startDemo', () => ok(profile({ id: 'demo', demo: true })))
    const store = useProfilesStore()
    const demo = await store.startDemo()
    expect(demo?.id).toBe('demo')
    expect(store.profiles.map((p) => p.id)).toEqual(['demo'])
  })

  it('adds a typed campaign to a saved profile', async () => {
    const store = useProfilesStore()
    store.profiles = [profile()]
    fake.on('saveProfile', (args: { profile: { campaigns: unknown[] } }) =>
      ok(profile({ campaigns: args.profile.campaigns as never })),
    )
    expect(await store.addCampaign('p1', { id: '77', label: 'Typed' })).toBe(true)
    expect(store.byId.get('p1')?.campaigns.map((c) => c.id)).toEqual(['c1', '77'])
  })

  it('lists the server campaigns per profile, errors included', async () => {
    fake.on('listRemoteCampaigns', () => fail({ code: 'auth', message: 'HTTP 401' }))
    const store = useProfilesStore()
    await store.listRemote('p1')
    expect(store.remote['p1']).toMatchObject({ busy: false, data: null, error: { code: 'auth' } })
  })

  it('cancelled file dialogs show nothing', async () => {
    fake.on('exportProfiles', () => ok(null))
    fake.on('importProfiles', () => ok(null))
    fake.on('pickCaFile', () => ok(null))
    const store = useProfilesStore()
    await store.exportProfiles()
    await store.importProfiles()
    expect(await store.pickCaFile()).toBeNull()
    expect(fake.toasts).toEqual([])
  })
})
