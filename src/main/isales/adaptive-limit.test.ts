import fc from 'fast-check'
import { AppError } from '../../shared/errors'
import { rateLimitedError } from './http-errors'
import { resultCodeError } from './schemas'
import {
  AdaptiveLimit,
  fixedLimit,
  outcomeOfError,
  type LimitSample,
  type SampleOutcome,
} from './adaptive-limit'

const ok = (inFlight: number, rttMs = 50): LimitSample => ({ outcome: 'ok', rttMs, inFlight })
const overload = (inFlight: number): LimitSample => ({ outcome: 'overload', rttMs: 0, inFlight })

/** Replies to one request at a time, each answered for the load the limit allows. */
function reply(limit: AdaptiveLimit, sample: (limit: number) => LimitSample): void {
  const n = limit.limit
  limit.record(limit.ticket(n), sample(n))
}

const sampleArb = fc.record({
  outcome: fc.constantFrom<SampleOutcome>('ok', 'overload', 'ignore'),
  rttMs: fc.oneof(fc.double({ min: 0, max: 10_000, noNaN: true }), fc.constant(Number.NaN)),
  inFlight: fc.integer({ min: -2, max: 20 }),
  /** Whether the ticket was taken before the previous sample (a reply from an older window). */
  stale: fc.boolean(),
})

describe('AdaptiveLimit', () => {
  it('starts at 3, or at the maximum when that is lower', () => {
    expect(new AdaptiveLimit({ max: 10 }).limit).toBe(3)
    expect(new AdaptiveLimit({ max: 2 }).limit).toBe(2)
    expect(new AdaptiveLimit({ max: 0 }).limit).toBe(1)
  })

  it('grows by one per fast clean reply up to the maximum, never past it', () => {
    const limit = new AdaptiveLimit({ max: 10 })
    const seen: number[] = []
    for (let i = 0; i < 20; i++) {
      reply(limit, (n) => ok(n))
      seen.push(limit.limit)
    }
    expect(seen.slice(0, 8)).toEqual([4, 5, 6, 7, 8, 9, 10, 10])
    expect(Math.max(...seen)).toBe(10)
  })

  it('does not grow on replies sent while far below the limit (nothing learnt about it)', () => {
    const limit = new AdaptiveLimit({ max: 10, initial: 6 })
    reply(limit, () => ok(1))
    reply(limit, () => ok(2))
    expect(limit.limit).toBe(6)
  })

  it('halves at once on an overload signal', () => {
    const limit = new AdaptiveLimit({ max: 10, initial: 8 })
    reply(limit, (n) => overload(n))
    expect(limit.limit).toBe(4)
  })

  it('drops at once to one below the load a refused request was sent among', () => {
    const limit = new AdaptiveLimit({ max: 10, initial: 10 })
    limit.record(limit.ticket(4), overload(10))
    expect(limit.limit).toBe(3)
  })

  it('shrinks once per window: refusals of requests sent before the cut do not cut again', () => {
    const limit = new AdaptiveLimit({ max: 10, initial: 8 })
    const before = [limit.ticket(8), limit.ticket(8), limit.ticket(8)]
    for (const t of before) limit.record(t, overload(8))
    expect(limit.limit).toBe(4)
    reply(limit, (n) => overload(n))
    expect(limit.limit).toBe(2)
  })

  it('shrinks on a reply much slower than the moving baseline (rising latency)', () => {
    const limit = new AdaptiveLimit({ max: 10, initial: 8 })
    for (let i = 0; i < 5; i++) limit.record(limit.ticket(8), ok(8, 50))
    const before = limit.limit
    limit.record(limit.ticket(before), ok(before, 400))
    expect(limit.limit).toBe(Math.floor(before * 0.75))
  })

  it("takes a local server's jitter of a few milliseconds as no signal", () => {
    const limit = new AdaptiveLimit({ max: 10 })
    for (let i = 0; i < 30; i++) reply(limit, (n) => ok(n, i % 2 === 0 ? 0.2 : 12))
    expect(limit.limit).toBe(10)
  })

  it('settles one below the load a server refused, probing higher only now and then', () => {
    // A server that refuses any request beyond 3 in flight: each reply answers for `limit` at once.
    const limit = new AdaptiveLimit({ max: 10, probeAfter: 32 })
    const trace: number[] = []
    let refusals = 0
    for (let i = 0; i < 200; i++) {
      reply(limit, (n) => {
        if (n > 3) refusals++
        return n > 3 ? overload(n) : ok(n)
      })
      trace.push(limit.limit)
    }
    // Within a few replies it sits at 3...
    expect(trace.slice(3, 3 + 30).every((n) => n === 3)).toBe(true)
    // ...and costs about one refusal per probe after that.
    expect(refusals).toBeLessThanOrEqual(1 + Math.ceil(200 / 32))
    expect(trace.filter((n) => n === 3).length).toBeGreaterThan(0.8 * trace.length)
  })

  it('stays within 1 and the maximum, whatever the replies say', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.array(sampleArb, { maxLength: 200 }),
        (max, samples) => {
          const limit = new AdaptiveLimit({ max })
          let previous = limit.ticket(1)
          for (const s of samples) {
            const ticket = s.stale ? previous : limit.ticket(s.inFlight)
            previous = limit.ticket(s.inFlight)
            limit.record(ticket, s)
            expect(limit.limit).toBeGreaterThanOrEqual(1)
            expect(limit.limit).toBeLessThanOrEqual(max)
            expect(Number.isInteger(limit.limit)).toBe(true)
          }
        },
      ),
    )
  })

  it('shrinks on every overload signal of the current window while above 1', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 10 }),
        fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 30 }),
        fc.integer({ min: 1, max: 20 }),
        (max, rtts, inFlight) => {
          const limit = new AdaptiveLimit({ max })
          for (const rtt of rtts) reply(limit, (n) => ok(n, rtt))
          const before = limit.limit
          limit.record(limit.ticket(inFlight), overload(inFlight))
          if (before > 1) expect(limit.limit).toBeLessThan(before)
          else expect(limit.limit).toBe(1)
        },
      ),
    )
  })

  it('never grows on a signal that says nothing about load', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), (inFlight) => {
        const limit = new AdaptiveLimit({ max: 10 })
        limit.record(limit.ticket(inFlight), { outcome: 'ignore', rttMs: 1, inFlight })
        expect(limit.limit).toBe(3)
      }),
    )
  })
})

describe('fixedLimit', () => {
  it('never moves, whatever the replies say', () => {
    const limit = fixedLimit(4)
    limit.record(limit.ticket(4), overload(4))
    limit.record(limit.ticket(4), ok(4))
    expect(limit.limit).toBe(4)
  })
})

describe('outcomeOfError', () => {
  it('reads HTTP 429, iSales 0200022, 5xx and timeouts as overload', () => {
    expect(outcomeOfError(rateLimitedError({ status: 429 }))).toBe('overload')
    expect(outcomeOfError(resultCodeError('0200022', 'too frequent'))).toBe('overload')
    expect(outcomeOfError(new AppError('http', 'x', { status: 503 }))).toBe('overload')
    expect(outcomeOfError(new AppError('timeout', 'x'))).toBe('overload')
  })

  it('reads other failures as no signal', () => {
    expect(outcomeOfError(new AppError('http', 'x', { status: 404 }))).toBe('ignore')
    expect(outcomeOfError(new AppError('protocol', 'x'))).toBe('ignore')
    expect(outcomeOfError(new AppError('auth', 'x'))).toBe('ignore')
    expect(outcomeOfError(new Error('plain'))).toBe('ignore')
  })
})
