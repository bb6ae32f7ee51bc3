import { testView, verdictOf } from './connection-test'

describe('Test connection in plain words', () => {
  it('calls an accepted signed request ok, with the campaign count', () => {
    expect(testView({ kind: 'ok', campaignCount: 3 })).toEqual({
      verdict: 'ok',
      tone: 'success',
      count: 3,
    })
  })

  it('asks to trust the certificate when nothing could be signed yet', () => {
    expect(testView({ kind: 'untrusted' })).toEqual({ verdict: 'untrusted', tone: 'warning' })
  })

  it('names a refused signature a wrong AK or SK', () => {
    const error = { code: 'auth' as const, message: 'Wrong AK/SK' }
    expect(testView({ kind: 'failed', error })).toEqual({
      verdict: 'wrongKey',
      tone: 'error',
      error,
    })
  })

  it('names the parameter errors of the campaign list a wrong VDN id, other iSales codes not', () => {
    const isales = (resultCode: string) => ({
      code: 'isales' as const,
      message: 'x',
      detail: { resultCode },
    })
    expect(verdictOf(isales('0200001'))).toBe('wrongVdn')
    expect(verdictOf(isales('02000005'))).toBe('wrongVdn')
    expect(verdictOf(isales('0200022'))).toBe('failed')
  })

  it('asks for the SK when main would not use the stored one, and leaves network errors as they are', () => {
    expect(verdictOf({ code: 'validation', message: 'x', detail: { field: 'sk' } })).toBe('needKey')
    expect(verdictOf({ code: 'validation', message: 'x', detail: { field: 'vdnId' } })).toBe(
      'failed',
    )
    expect(verdictOf({ code: 'network', message: 'refused' })).toBe('failed')
    expect(verdictOf({ code: 'tls', message: 'handshake' })).toBe('failed')
  })
})
