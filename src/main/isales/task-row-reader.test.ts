import fc from 'fast-check'
import { importTaskPageSchema, importTaskSchema, parseImportTaskPage } from './schemas'
import { readTaskPage, readTaskRow } from './task-row-reader'

/**
 * The hand-written row checker against the zod schema it stands in for: on any JSON they accept
 * and reject the same rows and read them to the same task.
 */

/** Values each kind of field meets: the valid forms, near misses, and any JSON at all. */
const anyJson = fc.jsonValue({ maxDepth: 2 })
const idValue = fc.oneof(
  fc.stringMatching(/^\d{1,30}$/),
  fc.constantFrom('', '12a', ' 1', '１２', '1e5'),
  fc.integer(),
  anyJson,
)
const statusValue = fc.oneof(
  fc.constantFrom('0', '1', '2', '3', 0, 1, 2, 3),
  fc.constantFrom('4', '00', ' 1', -0, 1.5, 4, '', true, null),
  anyJson,
)
const timeValue = fc.oneof(
  fc.constantFrom('2022-03-11T07:27:09.000+00:00', '2024-06-01 08:00:00', '', 'soon'),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constant(null),
  anyJson,
)
const countValue = fc.oneof(
  fc.nat(),
  fc.constantFrom(-1, 1.5, 2 ** 53, -0, 0, null, '42', '0042', '1234567890123456', '', '1e3'),
  fc.stringMatching(/^\d{1,16}$/),
  anyJson,
)
const textValue = fc.oneof(fc.string(), fc.constantFrom(0, 7, -1, 0.5, null, '', true), anyJson)

const row = fc.record(
  {
    id: idValue,
    status: statusValue,
    beginTime: timeValue,
    endTime: timeValue,
    succNum: countValue,
    repeatNum: countValue,
    failNum: countValue,
    blackNum: countValue,
    errMsg: textValue,
    fileName: anyJson,
    constructor: anyJson,
  },
  { requiredKeys: [] },
)
/** Mostly plausible rows, sometimes with "__proto__" as data, sometimes not a row at all. */
const rowInput = fc.oneof(
  { weight: 8, arbitrary: row },
  {
    weight: 1,
    arbitrary: row.map((r) => JSON.parse(`{"__proto__": {"x": 1}, ${JSON.stringify(r).slice(1)}`)),
  },
  { weight: 1, arbitrary: anyJson },
)

/** The valid forms only: what a real server sends, all accepted by both. */
const validRow = fc.record({
  id: fc.stringMatching(/^\d{1,30}$/),
  status: fc.constantFrom('0', '1', '2', '3', 0, 1, 2, 3),
  beginTime: fc.constantFrom('2022-03-11T07:27:09.000+00:00', '2024-06-01 08:00:00', ''),
  endTime: fc.constantFrom('2022-03-11T07:28:09.000+00:00', '', null),
  succNum: fc.oneof(fc.nat(), fc.constant(null)),
  repeatNum: fc.nat(),
  failNum: fc.oneof(fc.nat(), fc.stringMatching(/^\d{1,15}$/)),
  errMsg: fc.oneof(fc.string(), fc.constant(null), fc.nat()),
})

describe('readTaskRow', () => {
  it('accepts exactly the rows the zod schema accepts, and reads them to the same task', () => {
    fc.assert(
      fc.property(rowInput, (input) => {
        const byZod = importTaskSchema.safeParse(input)
        const fast = readTaskRow(input)
        expect(fast !== null).toBe(byZod.success)
        if (fast !== null) expect(fast).toStrictEqual(byZod.data)
      }),
      { numRuns: 2000 },
    )
  })

  it('reads every plainly valid row itself, never leaving one to zod', () => {
    fc.assert(
      fc.property(validRow, (input) => {
        expect(readTaskRow(input)).not.toBeNull()
      }),
    )
  })

  it('drops a "__proto__" field as zod does, never making it the prototype of anything', () => {
    const input = JSON.parse(
      '{"id": "1", "status": "2", "succNum": 1, "__proto__": {"polluted": true}, "fileName": "a.csv"}',
    ) as unknown
    const task = readTaskRow(input)!
    expect(task.extra).toStrictEqual({ fileName: 'a.csv' })
    expect(Object.getPrototypeOf(task.extra)).toBe(Object.prototype)
    expect(Object.getPrototypeOf(task)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

describe('readTaskPage', () => {
  const page = fc.record(
    {
      result: fc.oneof(fc.array(rowInput, { maxLength: 4 }), fc.constant(null), anyJson),
      count: countValue,
    },
    { requiredKeys: [] },
  )

  it('reads a page only when the zod schema reads it the same', () => {
    fc.assert(
      fc.property(page, (input) => {
        const byZod = importTaskPageSchema.safeParse(input)
        const fast = readTaskPage(input)
        if (fast === null) return
        expect(byZod.success).toBe(true)
        expect(fast.tasks).toStrictEqual(byZod.data?.result ?? [])
        expect(fast.count).toBe(byZod.data?.count ?? null)
      }),
      { numRuns: 1000 },
    )
  })

  it('leaves a page with one bad row to zod, so the reply error names that row', () => {
    const good = { id: '1', status: '2', succNum: 1, repeatNum: 0, failNum: 0 }
    const reply = {
      resultCode: '0200000',
      count: 2,
      result: [good, { ...good, id: 123 }],
    }
    expect(readTaskPage(reply)).toBeNull()
    expect(() => parseImportTaskPage(reply)).toThrow(/result\[1\]\.id/)
  })
})
