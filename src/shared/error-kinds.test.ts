import { AppError, ERROR_CODES, type ErrorCode, type ErrorDetail } from './errors'
import { isReachabilityProblem, isRetryable, TRUNCATED_BODY } from './error-kinds'

const err = (code: ErrorCode, detail: ErrorDetail = {}) => new AppError(code, code, detail)

describe('isRetryable', () => {
  it.each<[string, AppError | Error, boolean]>([
    ['rate-limited (429)', err('rate-limited', { status: 429 }), true],
    ['rate-limited (0200022)', err('rate-limited', { resultCode: '0200022' }), true],
    ['network', err('network'), true],
    ['timeout', err('timeout'), true],
    ['http 500', err('http', { status: 500 }), true],
    ['http 503', err('http', { status: 503 }), true],
    ['http 404', err('http', { status: 404 }), false],
    ['protocol, cut-off body', err('protocol', { cause: 'truncated-body' }), true],
    ['protocol, wrong shape', err('protocol', { field: 'result[0].id' }), false],
    ['protocol, too large', err('protocol', { cause: 'reply-too-large' }), false],
    ['auth', err('auth', { status: 401 }), false],
    ['tls', err('tls'), false],
    ['cert-changed', err('cert-changed'), false],
    ['isales', err('isales', { resultCode: '0200007' }), false],
    ['validation', err('validation'), false],
    ['cancelled', err('cancelled'), false],
    ['a plain Error', new Error('bug'), false],
  ])('%s → %s', (_name, e, expected) => {
    expect(isRetryable(e)).toBe(expected)
  })
})

describe('isReachabilityProblem: the same answer for the window as for the client', () => {
  it('answers for a payload that crossed the bridge exactly as isRetryable does for the error', () => {
    const codes = ERROR_CODES
    const details: ErrorDetail[] = [
      {},
      { status: 502 },
      { status: 404 },
      { cause: TRUNCATED_BODY },
      { cause: 'invalid-json' },
    ]
    for (const code of codes) {
      for (const detail of details) {
        const error = err(code, detail)
        expect(isReachabilityProblem(error.toPayload()), `${code} ${JSON.stringify(detail)}`).toBe(
          isRetryable(error),
        )
      }
    }
  })

  // A cut-off reply: the server did not deliver, like a reset connection. The monitor retries it
  // on its own, so the window must say "cannot reach, trying again", not "retry by hand".
  it('counts a cut-off reply as a reachability problem, and a whole but broken one as not', () => {
    expect(
      isReachabilityProblem({ code: 'protocol', message: 'm', detail: { cause: TRUNCATED_BODY } }),
    ).toBe(true)
    expect(
      isReachabilityProblem({ code: 'protocol', message: 'm', detail: { cause: 'invalid-json' } }),
    ).toBe(false)
    expect(isReachabilityProblem({ code: 'protocol', message: 'm' })).toBe(false)
  })

  it('reads a payload without detail', () => {
    expect(isReachabilityProblem({ code: 'http', message: 'm' })).toBe(false)
    expect(isReachabilityProblem({ code: 'network', message: 'm' })).toBe(true)
  })
})
