import { z } from 'zod'
import { parseKeepingUnknown, withUnknown } from './unknown-fields'

const schema = z.strictObject({
  version: z.literal(1),
  items: z.array(z.strictObject({ id: z.string(), n: z.number() })),
  plain: z.array(z.strictObject({ n: z.number() })),
})

describe('parseKeepingUnknown and withUnknown', () => {
  it('takes unknown keys out at every level and puts them back where they were', () => {
    const doc = {
      version: 1,
      top: 'T',
      items: [
        { id: 'a', n: 1, extra: 'A' },
        { id: 'b', n: 2 },
      ],
      plain: [{ n: 3, extra: 'P' }],
    }
    const { result, unknown } = parseKeepingUnknown(schema, doc)
    expect(result.success).toBe(true)
    expect(result.data).toEqual({
      version: 1,
      items: [
        { id: 'a', n: 1 },
        { id: 'b', n: 2 },
      ],
      plain: [{ n: 3 }],
    })
    expect(doc.items[0]).toHaveProperty('extra') // the input itself is not changed
    // Elements with an id are found by it, even after a reorder; one removed loses its fields.
    const next = {
      ...result.data!,
      items: [
        { id: 'b', n: 2 },
        { id: 'a', n: 9 },
      ],
    }
    expect(withUnknown(next, unknown)).toEqual({
      version: 1,
      top: 'T',
      items: [
        { id: 'b', n: 2 },
        { id: 'a', n: 9, extra: 'A' },
      ],
      plain: [{ n: 3, extra: 'P' }],
    })
    expect(withUnknown({ ...next, items: [] }, unknown).items).toEqual([])
  })

  it('lets a known field win and keeps "__proto__" a plain field', () => {
    const doc = JSON.parse('{"version":1,"items":[],"plain":[],"__proto__":{"polluted":true}}')
    const { result, unknown } = parseKeepingUnknown(schema, doc)
    expect(result.success).toBe(true)
    const out = withUnknown(result.data!, unknown) as Record<string, unknown>
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype)
    expect(JSON.parse(JSON.stringify(out))).toEqual(doc)
    expect(withUnknown({ version: 1 }, [{ path: [], key: 'version', value: 7 }])).toEqual({
      version: 1,
    })
  })

  it('still fails on a known field that is wrong', () => {
    const { result } = parseKeepingUnknown(schema, {
      version: 1,
      items: [{ id: 'a', n: 'x', e: 1 }],
      plain: [],
    })
    expect(result.success).toBe(false)
    expect(result.error?.issues.map((i) => i.code)).toEqual(['invalid_type'])
  })
})
