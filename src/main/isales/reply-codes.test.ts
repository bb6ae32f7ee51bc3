import fc from 'fast-check'
import { envelopeSchema } from './schemas'
import { readEnvelope } from './reply-codes'

/**
 * The hand-written envelope reader against the zod schema it stands in for: on any JSON it reads
 * only what the schema accepts, and to the same codes and descriptions.
 */

const anyJson = fc.jsonValue({ maxDepth: 2 })
const code = fc.oneof(fc.constantFrom('0200000', '0200022', '0200007', ''), fc.string(), anyJson)
const desc = fc.oneof(fc.string(), anyJson)
const envelope = fc.record(
  {
    resultCode: code,
    returnCode: code,
    resultDesc: desc,
    returnDesc: desc,
    description: desc,
    result: anyJson,
  },
  { requiredKeys: [] },
)
const input = fc.oneof({ weight: 8, arbitrary: envelope }, { weight: 2, arbitrary: anyJson })

const FIELDS = ['resultCode', 'returnCode', 'resultDesc', 'returnDesc', 'description'] as const

describe('readEnvelope', () => {
  it('reads exactly the envelopes the zod schema accepts, to the same codes and descriptions', () => {
    fc.assert(
      fc.property(input, (json) => {
        const byZod = envelopeSchema.safeParse(json)
        const fast = readEnvelope(json)
        expect(fast !== null).toBe(byZod.success)
        if (fast === null || !byZod.success) return
        for (const f of FIELDS) expect(fast[f]).toBe(byZod.data[f])
      }),
      { numRuns: 2000 },
    )
  })

  it('reads a plain success reply itself', () => {
    expect(readEnvelope({ resultCode: '0200000', resultDesc: 'ok', result: [] })).toMatchObject({
      resultCode: '0200000',
      resultDesc: 'ok',
    })
  })
})
