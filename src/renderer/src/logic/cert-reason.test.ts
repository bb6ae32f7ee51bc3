import { certReason, validityWarning } from './cert-reason'

describe('certReason', () => {
  it('maps the verification codes to plain reasons', () => {
    expect(certReason('DEPTH_ZERO_SELF_SIGNED_CERT')).toBe('selfSigned')
    expect(certReason('SELF_SIGNED_CERT_IN_CHAIN')).toBe('selfSigned')
    expect(certReason('UNABLE_TO_GET_ISSUER_CERT_LOCALLY')).toBe('unknownIssuer')
    expect(certReason('UNABLE_TO_VERIFY_LEAF_SIGNATURE')).toBe('unknownIssuer')
    expect(certReason('CERT_HAS_EXPIRED')).toBe('expired')
    expect(certReason('CERT_NOT_YET_VALID')).toBe('notYetValid')
    expect(certReason('ERR_TLS_CERT_ALTNAME_INVALID')).toBe('wrongName')
    expect(certReason('SOMETHING_ELSE')).toBeNull()
    expect(certReason('toString')).toBeNull()
    expect(certReason(undefined)).toBeNull()
  })
})

describe('validityWarning', () => {
  const day = 86_400_000
  const now = Date.UTC(2026, 10, 27)
  const iso = (ms: number) => new Date(ms).toISOString()
  it('warns when the validity has ended, ends within 14 days or has not begun', () => {
    expect(validityWarning(iso(now - 400 * day), iso(now - day), now)).toBe('expired')
    expect(validityWarning(iso(now - day), iso(now + 7 * day), now)).toBe('expiresSoon')
    expect(validityWarning(iso(now - day), iso(now + 14 * day), now)).toBe('expiresSoon')
    expect(validityWarning(iso(now - day), iso(now + 15 * day), now)).toBeNull()
    expect(validityWarning(iso(now + day), iso(now + 365 * day), now)).toBe('notYetValid')
    expect(validityWarning('?', '?', now)).toBeNull()
  })
})
