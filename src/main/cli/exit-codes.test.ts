import { AppError, type ErrorCode } from '../../shared/errors'
import { EXIT, exitCodeFor } from './exit-codes'

describe('exitCodeFor', () => {
  it('maps 0200022 (rate-limited with an iSales resultCode) to 5, like any iSales code', () => {
    const tooFrequent = new AppError('rate-limited', 'called too frequently', {
      resultCode: '0200022',
      resultDesc: 'too frequent',
    })
    expect(exitCodeFor(tooFrequent)).toBe(EXIT.isales)
    expect(exitCodeFor(new AppError('isales', 'x', { resultCode: '0200007' }))).toBe(EXIT.isales)
  })

  it('keeps HTTP 429 (rate-limited without a resultCode) at 6', () => {
    const http429 = new AppError('rate-limited', 'HTTP 429', { status: 429, retryAfter: 1 })
    expect(exitCodeFor(http429)).toBe(EXIT.network)
    expect(exitCodeFor({ code: 'rate-limited' })).toBe(EXIT.network)
  })

  it.each<[ErrorCode, number]>([
    ['validation', EXIT.usage],
    ['auth', EXIT.auth],
    ['tls', EXIT.tls],
    ['cert-changed', EXIT.tls],
    ['http', EXIT.network],
    ['protocol', EXIT.network],
    ['network', EXIT.network],
    ['timeout', EXIT.network],
    ['cancelled', EXIT.interrupted],
    ['keychain', EXIT.internal],
    ['internal', EXIT.internal],
  ])('maps %s to %i', (code, exit) => {
    expect(exitCodeFor(new AppError(code, 'x'))).toBe(exit)
  })
})
