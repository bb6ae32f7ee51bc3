import { AppError } from '../../shared/errors'
import { certChangedMessage, classifyTransportError } from './classify-error'
import { PinMismatchError } from './pin-connector'

const coded = (code: string, message = code): Error => Object.assign(new Error(message), { code })

describe('classifyTransportError', () => {
  it.each([
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls', /self-signed.*pin its fingerprint.*CA certificate/],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'tls', /private CA/],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls', /CA certificate/],
    ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'tls', /CA certificate/],
    ['CERT_HAS_EXPIRED', 'tls', /expired.*date and time/],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls', /not issued for this address/],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'tls', /did not answer with TLS/],
    ['ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE', 'tls', /secure connection.*failed/],
    ['ECONNREFUSED', 'network', /refused/],
    ['ENOTFOUND', 'network', /could not be found/],
    ['ECONNRESET', 'network', /dropped/],
    ['EHOSTUNREACH', 'network', /cannot be reached/],
    ['ENETUNREACH', 'network', /cannot be reached/],
    ['UND_ERR_SOCKET', 'network', /dropped/],
    ['UND_ERR_CONNECT_TIMEOUT', 'timeout', /timed out/],
    ['ETIMEDOUT', 'timeout', /timed out/],
    ['UND_ERR_HEADERS_TIMEOUT', 'timeout', /did not answer in time/],
    ['UND_ERR_BODY_TIMEOUT', 'timeout', /stopped sending/],
  ])('%s → %s', (code, appCode, message) => {
    const e = classifyTransportError(coded(code))
    expect(e).toBeInstanceOf(AppError)
    expect(e).toMatchObject({ code: appCode, detail: { cause: code } })
    expect(e!.message).toMatch(message)
  })

  it('finds the code in a nested cause (fetch wraps errors in TypeError)', () => {
    const err = new TypeError('fetch failed', {
      cause: new Error('wrapper', { cause: coded('CERT_HAS_EXPIRED') }),
    })
    expect(classifyTransportError(err)?.detail.cause).toBe('CERT_HAS_EXPIRED')
  })

  it('looks inside AggregateError (happy-eyeballs connects)', () => {
    const err = new AggregateError([new Error('x'), coded('ECONNREFUSED')], 'all failed')
    expect(classifyTransportError(err)).toMatchObject({ code: 'network' })
  })

  it('maps a pin mismatch to cert-changed with both fingerprints', () => {
    const err = new TypeError('fetch failed', { cause: new PinMismatchError('AA:BB', 'CC:DD') })
    const e = classifyTransportError(err)!
    expect(e.code).toBe('cert-changed')
    expect(e.detail).toEqual({ expectedFingerprint: 'AA:BB', presentedFingerprint: 'CC:DD' })
    expect(e.message).toBe(
      "The server's certificate has changed. Trusted: AA:BB, presented: CC:DD. " +
        'If your administrator replaced the certificate, trust the new one; otherwise do not connect.',
    )
  })

  it('keeps low-level codes in detail.cause, never in the message', () => {
    for (const code of ['ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE', 'EPROTO', 'CERT_UNTRUSTED']) {
      const e = classifyTransportError(coded(code))!
      expect(e.detail.cause).toBe(code)
      expect(e.message).not.toContain(code)
    }
  })

  it('certChangedMessage is the cert-changed message', () => {
    const e = classifyTransportError(new PinMismatchError('AA', 'BB'))!
    expect(e.message).toBe(certChangedMessage('AA', 'BB'))
  })

  it('returns an AppError unchanged', () => {
    const app = new AppError('auth', 'nope')
    expect(classifyTransportError(app)).toBe(app)
  })

  it('returns null for anything that is not a transport failure', () => {
    expect(classifyTransportError(new Error('boom'))).toBeNull()
    expect(classifyTransportError(coded('UND_ERR_ABORTED'))).toBeNull()
    expect(classifyTransportError('ECONNREFUSED')).toBeNull()
    expect(classifyTransportError(undefined)).toBeNull()
  })

  it('survives cause cycles', () => {
    const a: Error & { cause?: unknown } = new Error('a')
    a.cause = new Error('b', { cause: a })
    expect(classifyTransportError(a)).toBeNull()
  })

  it('keeps the original error as cause but out of the payload', () => {
    const original = coded('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1')
    const e = classifyTransportError(original)!
    expect(e.cause).toBe(original)
    expect(e.toPayload()).toEqual({
      code: 'network',
      message: e.message,
      messageId: 'netRefused',
      detail: { cause: 'ECONNREFUSED' },
    })
  })
})
