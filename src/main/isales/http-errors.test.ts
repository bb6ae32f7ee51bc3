import { ISALES_CODES } from '../../shared/errors'
import {
  authFailedMessage,
  httpStatusError,
  MAX_RETRY_AFTER_SEC,
  parseRetryAfter,
  rateLimitedMessage,
} from './http-errors'
import { resultCodeError } from './schemas'

/** Messages serve the desktop app and the CLI alike: nothing only one of them has. */
const APP_ONLY = /refresh|server profile|\bprofile\b/i

describe('supervisor-facing messages', () => {
  it('401: one generic message', () => {
    const e = httpStatusError(401, undefined, 0)
    expect(e.message).toBe(authFailedMessage())
    expect(e.message).toMatch(/HTTP 401/)
    expect(e.message).not.toMatch(APP_ONLY)
  })

  it('429 within the retry budget: wait that long', () => {
    expect(httpStatusError(429, '5', 0).message).toBe(
      'The server is limiting requests and asked to wait 5 s. Try again after that; if it keeps happening, query less often.',
    )
  })

  it('429 beyond the retry budget says so, without contradicting itself', () => {
    expect(httpStatusError(429, '120', 0).message).toBe(
      'The server is limiting requests and asked to wait 120 s, longer than this tool waits (60 s). Try again after that.',
    )
    expect(rateLimitedMessage(30, 10_000)).toBe(
      'The server is limiting requests and asked to wait 30 s, longer than this tool waits (10 s). Try again after that.',
    )
  })

  it('429 without Retry-After and 0200022: generic advice', () => {
    expect(httpStatusError(429, undefined, 0).message).toBe(
      'The server is limiting requests. Wait a minute and try again; if it keeps happening, query less often.',
    )
    const busy = resultCodeError('0200022', 'too fast')
    expect(busy.message).toContain(
      'Wait a minute and try again; if it keeps happening, query less often.',
    )
    expect(ISALES_CODES['0200022']!.action).toBe(
      'Wait a minute and try again; if it keeps happening, query less often.',
    )
  })

  it('no message names the app-only screens', () => {
    const messages = [
      ...[301, 400, 403, 404, 407, 408, 429, 500].map((s) => httpStatusError(s, '3', 0).message),
      resultCodeError('0200022', undefined).message,
      ...Object.values(ISALES_CODES).map((c) => c.action),
    ]
    for (const m of messages) expect(m).not.toMatch(APP_ONLY)
  })
})

describe('parseRetryAfter', () => {
  const now = Date.parse('2024-05-01T08:00:00Z')

  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfter(' 30 ', now)).toBe(30)
    expect(parseRetryAfter('Wed, 01 May 2024 08:01:00 GMT', now)).toBe(60)
    expect(parseRetryAfter('Wed, 01 May 2024 07:00:00 GMT', now)).toBe(0)
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter(undefined, now)).toBeUndefined()
  })

  it('never answers more than a day, however large the header', () => {
    expect(MAX_RETRY_AFTER_SEC).toBe(86_400)
    expect(parseRetryAfter('86401', now)).toBe(MAX_RETRY_AFTER_SEC)
    expect(parseRetryAfter('9'.repeat(400), now)).toBe(MAX_RETRY_AFTER_SEC) // Number() → Infinity
    expect(parseRetryAfter('Fri, 01 May 2099 08:00:00 GMT', now)).toBe(MAX_RETRY_AFTER_SEC)
  })
})
