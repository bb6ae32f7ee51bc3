import type { ProfileView, TlsSettings } from '@shared/profile'
import { profile } from '../testing/fake-isales'
import {
  addCampaign,
  canSign,
  defaultTls,
  emptyForm,
  formFromProfile,
  pinState,
  needsSecret,
  storedKeyMayGo,
  toServerDraft,
  validateForm,
  withHost,
} from './profile-form'

const pinned = (fingerprint256: string): TlsSettings => ({
  mode: 'pin',
  fingerprint256,
  subject: 'CN=isales',
  trustedAt: '2025-01-01T00:00:00.000Z',
})
const cert = { fingerprint256: 'aa:bb' } as Parameters<typeof pinState>[0]

describe('profile form edits', () => {
  it('calls the probed certificate trusted once saved, pending while only the form pins it', () => {
    expect(pinState(cert, pinned('AA:BB'), pinned('AA:BB'))).toBe('trusted')
    expect(pinState(cert, pinned('AA:BB'), undefined)).toBe('pending')
    expect(pinState(cert, pinned('AA:BB'), pinned('CC:DD'))).toBe('pending')
    expect(pinState(cert, pinned('CC:DD'), pinned('CC:DD'))).toBeNull()
    expect(pinState(cert, defaultTls('system'), undefined)).toBeNull()
    expect(pinState(null, pinned('AA:BB'), pinned('AA:BB'))).toBeNull()
  })

  it('starts each TLS mode empty', () => {
    expect(defaultTls('system')).toEqual({ mode: 'system' })
    expect(defaultTls('ca')).toEqual({ mode: 'ca', caPem: '', caLabel: '' })
    expect(defaultTls('pin')).toEqual({
      mode: 'pin',
      fingerprint256: '',
      subject: '',
      trustedAt: '',
    })
  })

  it('signs host first, once', () => {
    expect(withHost(['content-type', 'host', 'content-length'])).toEqual([
      'host',
      'content-type',
      'content-length',
    ])
    expect(withHost([])).toEqual(['host'])
  })

  it('adds a campaign only when it is not watched already', () => {
    const list = [{ id: '1001', label: 'Loans' }]
    expect(addCampaign(list, { id: '1001', label: 'Other' })).toEqual(list)
    expect(addCampaign(list, { id: '1002', label: 'Cards' })).toEqual([
      ...list,
      { id: '1002', label: 'Cards' },
    ])
  })

  it('sends the form as a server draft, with the typed SK only when there is one', () => {
    const form = { ...formFromProfile(profile()), serverUrl: ' https://10.0.0.5:28443 ' }
    expect(toServerDraft(form, 'p1')).toEqual({
      profileId: 'p1',
      serverUrl: 'https://10.0.0.5:28443',
      vdnId: 1,
      ak: 'ak',
      signing: { timestampFormat: 'seconds', signedHeaders: ['host'] },
      tls: { mode: 'system' },
    })
    expect(toServerDraft({ ...form, sk: 'typed' }, undefined)).not.toHaveProperty('profileId')
    expect(toServerDraft({ ...form, sk: 'typed' }, undefined).sk).toBe('typed')
  })

  it('expects the stored SK to be usable only with the saved address, AK and trust', () => {
    const saved = profile()
    const form = formFromProfile(saved)
    expect(storedKeyMayGo(form, saved)).toBe(true)
    expect(storedKeyMayGo({ ...form, serverUrl: 'https://10.0.0.6:28443' }, saved)).toBe(false)
    expect(storedKeyMayGo({ ...form, ak: 'other' }, saved)).toBe(false)
    expect(storedKeyMayGo({ ...form, tls: pinned('AA:BB') }, saved)).toBe(false)
    expect(storedKeyMayGo(form, { ...saved, hasSecret: false })).toBe(false)
    expect(storedKeyMayGo(form, undefined)).toBe(false)
  })

  it('asks for the SK again when a saved profile changes its address, AK or trust', () => {
    const saved = profile()
    const form = formFromProfile(saved)
    expect(needsSecret(form, undefined)).toBe(true)
    expect(needsSecret(form, saved)).toBe(false)
    expect(needsSecret({ ...form, name: 'Renamed', vdnId: 7 }, saved)).toBe(false)
    expect(needsSecret({ ...form, serverUrl: 'https://10.0.0.5:28443/' }, saved)).toBe(false)
    expect(needsSecret({ ...form, serverUrl: 'https://10.0.0.6:28443' }, saved)).toBe(true)
    expect(needsSecret({ ...form, ak: 'other' }, saved)).toBe(true)
    expect(needsSecret({ ...form, tls: pinned('AA:BB') }, saved)).toBe(true)
    // Also when no SK is stored: the one typed now is bound to the new settings.
    const withoutKey: ProfileView = { ...saved, hasSecret: false, secretStorage: 'none' }
    expect(needsSecret({ ...form, ak: 'other' }, withoutKey)).toBe(true)
    const moved = { ...form, serverUrl: 'https://10.0.0.6:28443' }
    expect(validateForm(moved, { needSecret: needsSecret(moved, saved) }).sk).toBe(
      'profile.skRequired',
    )
  })

  it('lets the campaign list load once address, VDN, AK, trust and a usable SK are there', () => {
    const blank = emptyForm()
    const filled = { ...blank, serverUrl: 'https://10.0.0.5:28443', ak: 'ak', sk: 'sk' }
    expect(canSign(blank, undefined)).toBe(false)
    expect(canSign(filled, undefined)).toBe(true)
    expect(canSign({ ...filled, sk: '' }, undefined)).toBe(false)
    expect(canSign({ ...filled, vdnId: null }, undefined)).toBe(false)
    expect(canSign({ ...filled, tls: defaultTls('pin') }, undefined)).toBe(false)
    expect(canSign({ ...formFromProfile(profile()), name: '' }, profile())).toBe(true)
  })
})
