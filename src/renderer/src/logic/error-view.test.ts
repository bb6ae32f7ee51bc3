import { isReachabilityProblem } from '@shared/error-kinds'
import { describeError } from './error-view'

describe('describeError: one message and action per error code', () => {
  it('auth: wrong AK/SK, open the profile', () => {
    const v = describeError({ code: 'auth', message: 'HTTP 401' })
    expect(v.title.key).toBe('error.auth.title')
    expect(v.actions[0]).toBe('openProfile')
  })

  it('cert-changed: both fingerprints, re-trust first', () => {
    const v = describeError({
      code: 'cert-changed',
      message: 'changed',
      detail: { expectedFingerprint: 'AA:BB', presentedFingerprint: 'CC:DD' },
    })
    expect(v.fingerprints).toEqual({ expected: 'AA:BB', presented: 'CC:DD' })
    expect(v.actions[0]).toBe('trustNewCertificate')
  })

  it('tls: explains, offers Test connection, names the low-level cause', () => {
    const v = describeError({
      code: 'tls',
      message: 'x',
      detail: { cause: 'DEPTH_ZERO_SELF_SIGNED_CERT' },
    })
    expect(v.actions[0]).toBe('testConnection')
    expect(v.lines).toContainEqual({
      key: 'error.tls.cause',
      params: { cause: 'DEPTH_ZERO_SELF_SIGNED_CERT' },
    })
  })

  it('isales: the code, its catalogue meaning and action, and the server description', () => {
    const v = describeError({
      code: 'isales',
      message: 'iSales error 0200007: ...',
      detail: { resultCode: '0200007', resultDesc: 'campaign not found' },
    })
    expect(v.title).toEqual({ key: 'error.isales.title', params: { code: '0200007' } })
    expect(v.lines.map((l) => l.key)).toEqual([
      'main.isalesMeaning0200007',
      'main.isalesAction0200007',
      'error.isales.serverSays',
    ])
    const unknown = describeError({ code: 'isales', message: 'x', detail: { resultCode: '999' } })
    expect(unknown.lines[0]).toEqual({ key: 'error.isales.unknownCode', params: { code: '999' } })
  })

  it('network and timeout: retrying (the caller shows the countdown)', () => {
    for (const code of ['network', 'timeout', 'rate-limited'] as const) {
      const v = describeError({ code, message: 'm' })
      expect(v.retrying).toBe(true)
      expect(isReachabilityProblem({ code, message: 'm' })).toBe(true)
    }
    expect(isReachabilityProblem({ code: 'http', message: 'm', detail: { status: 503 } })).toBe(
      true,
    )
    expect(isReachabilityProblem({ code: 'http', message: 'm', detail: { status: 404 } })).toBe(
      false,
    )
    expect(isReachabilityProblem({ code: 'auth', message: 'm' })).toBe(false)
  })

  it('protocol: a cut-off reply is retried by main like a network error, a broken one is not', () => {
    const cut = describeError({
      code: 'protocol',
      message: 'cut off',
      detail: { cause: 'truncated-body' },
    })
    expect(cut.retrying).toBe(true)
    expect(cut.detail).toEqual({ text: 'cut off' })
    const broken = describeError({
      code: 'protocol',
      message: 'not JSON',
      detail: { cause: 'invalid-json' },
    })
    expect(broken.retrying).toBe(false)
    expect(broken.actions).toEqual(['retry'])
  })

  it('validation: the message itself, as main worded it when it names no catalogue message', () => {
    const v = describeError({ code: 'validation', message: 'The VDN id must be 1–9999.' })
    expect(v.lines).toEqual([])
    expect(v.detail).toEqual({ text: 'The VDN id must be 1–9999.' })
  })

  it('a catalogue message from main becomes its main.<id> key, nested parameters too', () => {
    const v = describeError({
      code: 'keychain',
      message: 'This computer’s keychain cannot be used (it reported an error). …',
      messageId: 'keychainUnusable',
      params: { reason: { id: 'keychainFailed' } },
    })
    expect(v.detail).toEqual({
      key: 'main.keychainUnusable',
      params: { reason: { key: 'main.keychainFailed' } },
    })
    const http = describeError({
      code: 'http',
      message: 'The server answered HTTP 404: …',
      messageId: 'httpStatus',
      params: { status: 404, advice: { id: 'httpAdviceNotFound' } },
    })
    expect(http.detail).toEqual({
      key: 'main.httpStatus',
      params: { status: 404, advice: { key: 'main.httpAdviceNotFound' } },
    })
  })
})
