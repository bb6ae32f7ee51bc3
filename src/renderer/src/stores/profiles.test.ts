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

  it('tests the unsaved form: the certificate and what the signed request found', async () => {
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
    const wrongKey = { code: 'auth' as const, message: 'Wrong AK/SK' }
    fake.on('testConnection', () =>
      ok({ certificate: cert, outcome: { kind: 'failed' as const, error: wrongKey } }),
    )
    const store = useProfilesStore()
    const { id: _id, name: _name, campaigns: _c, ...server } = toInput(profile())
    const draft = { ...server, sk: 'typed' }
    expect(await store.testConnection(draft)).toEqual({ kind: 'failed', error: wrongKey })
    expect(fake.callsOf('testConnection')).toEqual([{ server: draft }])
    expect(store.editor.probe.data).toEqual(cert)
    expect(store.editor.outcome).toEqual({ kind: 'failed', error: wrongKey })
    store.clearOutcome()
    expect(store.editor.outcome).toBeNull()
    expect(store.editor.probe.data).toEqual(cert)

    fake.on('testConnection', () => fail({ code: 'network', message: 'refused' }))
    expect(await store.testConnection(draft)).toBeNull()
    expect(store.editor.probe.error?.message).toBe('refused')
    expect(store.editor.outcome).toBeNull()
  })

  it('loads the campaign list of the unsaved form into the editor', async () => {
    const campaigns = [{ id: '3001', name: 'Spring', extra: {} }]
    fake.on('listDraftCampaigns', () => ok(campaigns))
    const store = useProfilesStore()
    const { id: _id, name: _name, campaigns: _c, ...server } = toInput(profile())
    expect(await store.listDraft({ ...server, sk: 'typed' })).toEqual(campaigns)
    expect(store.editor.remote).toEqual({ busy: false, data: campaigns, error: null })
    store.resetEditor()
    expect(store.editor.remote.data).toBeNull()
  })

  it('closes the demo: deletes the demo profile and says so', async () => {
    fake.on('deleteProfile', () => ok(null))
    const store = useProfilesStore()
    store.profiles = [profile(), profile({ id: 'demo', demo: true })]
    expect(await store.closeDemo()).toBe(true)
    expect(fake.callsOf('deleteProfile')).toEqual([{ profileId: 'demo' }])
    expect(store.profiles.map((p) => p.id)).toEqual(['p1'])
    expect(fake.toasts.at(-1)?.testid).toBe('toast-demo-closed')
  })
})
