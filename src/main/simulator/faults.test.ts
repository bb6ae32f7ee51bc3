import { FaultPlan, parseFaultList } from './faults'

describe('FaultPlan', () => {
  it('fires count-based faults in precedence order, one per request', () => {
    const plan = new FaultPlan({ http429: 2, http500: 1, dropConnection: 1 })
    const seen = Array.from({ length: 5 }, () => plan.next('tasks').fault)
    expect(seen).toEqual(['dropConnection', 'http500', 'http429', 'http429', null])
    expect(plan.remaining()).toEqual({})
  })

  it('applies latency to every request, or only to `latency` of them', () => {
    const always = new FaultPlan({ latencyMs: 50 })
    expect([always.next('tasks').latencyMs, always.next('campaigns').latencyMs]).toEqual([50, 50])
    const once = new FaultPlan({ latencyMs: 50, latency: 1 })
    expect([once.next('tasks').latencyMs, once.next('tasks').latencyMs]).toEqual([50, 0])
  })

  it('leaves unknown routes alone unless asked', () => {
    const plan = new FaultPlan({ http500: 1 })
    expect(plan.next('unknown').fault).toBeNull()
    expect(plan.next('tasks').fault).toBe('http500')
    expect(new FaultPlan({ http500: 1, routes: ['unknown'] }).next('unknown').fault).toBe('http500')
  })

  it('draws probabilities from a seeded PRNG', () => {
    const run = () => {
      const plan = new FaultPlan({ http500: { probability: 0.3 }, seed: 9 })
      return Array.from({ length: 200 }, () => plan.next('tasks').fault)
    }
    const first = run()
    expect(run()).toEqual(first)
    const hits = first.filter(Boolean).length
    expect(hits).toBeGreaterThan(30)
    expect(hits).toBeLessThan(90)
  })
})

describe('parseFaultList', () => {
  it('reads counts, probabilities and settings', () => {
    expect(
      parseFaultList('http500=3, http429=2,retryAfterSeconds=5,slowBody,tooFrequent=0.25'),
    ).toEqual({
      http500: 3,
      http429: 2,
      retryAfterSeconds: 5,
      slowBody: 1,
      tooFrequent: { count: 0, probability: 0.25 },
    })
  })

  it('rejects unknown names and bad values', () => {
    expect(() => parseFaultList('explode=1')).toThrow(/Unknown fault "explode"/)
    expect(() => parseFaultList('http500=-1')).toThrow(/Bad value/)
    expect(() => parseFaultList('http500=1.5')).toThrow(/Bad value/)
  })
})
