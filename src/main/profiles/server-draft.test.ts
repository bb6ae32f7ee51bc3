import type { ServerProfile } from '../../shared/profile'
import { sameTrust, storedKeyMayGo } from './server-draft'

const saved: ServerProfile = {
  id: 'p1',
  name: 'Saved',
  serverUrl: 'https://10.0.0.5:28443',
  vdnId: 1,
  ak: 'AK1',
  signing: { timestampFormat: 'seconds', signedHeaders: ['host'] },
  tls: { mode: 'pin', fingerprint256: 'AA:BB:CC', subject: 'CN=a', trustedAt: '2024-01-01' },
  campaigns: [],
}
const draft = {
  profileId: 'p1',
  serverUrl: 'https://10.0.0.5:28443/',
  vdnId: 2,
  ak: ' AK1 ',
  signing: saved.signing,
  tls: { mode: 'pin' as const, fingerprint256: 'aa:bb:cc', subject: 'CN=b', trustedAt: 'now' },
}

describe('which stored key an unsaved form may use', () => {
  it('allows the saved address, AK and pinned fingerprint however they are written, whatever the VDN', () => {
    expect(storedKeyMayGo(saved, draft)).toBe(true)
  })

  it('refuses another port, another host, another AK or another pinned fingerprint', () => {
    expect(storedKeyMayGo(saved, { ...draft, serverUrl: 'https://10.0.0.5:28444' })).toBe(false)
    expect(storedKeyMayGo(saved, { ...draft, serverUrl: 'https://10.0.0.6:28443' })).toBe(false)
    expect(storedKeyMayGo(saved, { ...draft, ak: 'AK2' })).toBe(false)
    expect(
      storedKeyMayGo(saved, { ...draft, tls: { ...draft.tls, fingerprint256: 'AA:BB:CD' } }),
    ).toBe(false)
  })

  it('counts a change of trust mode or of CA file as another trust', () => {
    const ca = { mode: 'ca' as const, caPem: 'PEM-1', caLabel: 'one' }
    expect(sameTrust(ca, { ...ca, caLabel: 'renamed' })).toBe(true)
    expect(sameTrust(ca, { ...ca, caPem: 'PEM-2' })).toBe(false)
    expect(sameTrust(ca, { mode: 'system' })).toBe(false)
    expect(sameTrust({ mode: 'system' }, { mode: 'system' })).toBe(true)
    expect(sameTrust(saved.tls, { mode: 'system' })).toBe(false)
    expect(
      sameTrust({ ...draft.tls, fingerprint256: '' }, { ...draft.tls, fingerprint256: '' }),
    ).toBe(false)
  })
})
