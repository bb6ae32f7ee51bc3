import type { TlsSettings } from '@shared/profile'
import { addCampaign, defaultTls, pinState, withHost } from './profile-form'

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
})
