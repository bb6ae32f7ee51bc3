import fc from 'fast-check'
import { AppError } from '../../shared/errors'
import type { ImportTask } from '../../shared/import-task'
import { buildTask } from '../../shared/testing/task-builder'
import { parseCampaignPage, parseImportTaskPage } from './schemas'

const ID = '164698362894300182038011895728'

/** Huawei's sample response, verbatim. */
const SAMPLE = {
  result: [
    {
      succNum: 0,
      failNum: 0,
      errMsg: '',
      id: ID,
      beginTime: '2022-03-11T07:27:09.000+00:00',
      endTime: '2022-03-11T07:27:09.000+00:00',
      repeatNum: 0,
      status: '2',
    },
  ],
  returnCode: '0200000',
  resultCode: '0200000',
  resultDesc: 'success',
  returnDesc: 'success',
}

function page(tasks: unknown[], extra: Record<string, unknown> = {}) {
  return {
    resultCode: '0200000',
    resultDesc: 'success',
    result: tasks,
    count: tasks.length,
    ...extra,
  }
}

function task(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...SAMPLE.result[0], ...overrides }
}

function catchError(fn: () => unknown): AppError {
  try {
    fn()
  } catch (e) {
    if (e instanceof AppError) return e
    throw e
  }
  throw new Error('expected an AppError')
}

describe('parseImportTaskPage', () => {
  it("parses Huawei's sample (no count: total unknown)", () => {
    const r = parseImportTaskPage(SAMPLE)
    expect(r.count).toBeNull()
    expect(r.resultCode).toBe('0200000')
    expect(r.resultDesc).toBe('success')
    expect(r.tasks).toEqual<ImportTask[]>([
      buildTask({
        id: ID,
        status: '2',
        beginTime: '2022-03-11T07:27:09.000+00:00',
        endTime: '2022-03-11T07:27:09.000+00:00',
        beginAt: Date.UTC(2022, 2, 11, 7, 27, 9),
        endAt: Date.UTC(2022, 2, 11, 7, 27, 9),
        succNum: 0,
        repeatNum: 0,
        failNum: 0,
        errMsg: '',
        extra: {},
      }),
    ])
  })

  it('reads the count when present', () => {
    expect(parseImportTaskPage(page([task()], { count: 1234 })).count).toBe(1234)
    expect(parseImportTaskPage(page([task()], { count: '77' })).count).toBe(77)
  })

  it('accepts a numeric status and normalizes it to text', () => {
    for (const s of [0, 1, 2, 3] as const) {
      expect(parseImportTaskPage(page([task({ status: s })])).tasks[0]?.status).toBe(String(s))
    }
  })

  it('reads errMsg given as null, a number, or left out', () => {
    expect(parseImportTaskPage(page([task({ errMsg: null })])).tasks[0]?.errMsg).toBe('')
    expect(parseImportTaskPage(page([task({ errMsg: 2 })])).tasks[0]?.errMsg).toBe('2')
    expect(parseImportTaskPage(page([task({ errMsg: 0 })])).tasks[0]?.errMsg).toBe('')
    expect(parseImportTaskPage(page([task({ errMsg: undefined })])).tasks[0]?.errMsg).toBe('')
    expect(parseImportTaskPage(page([task({ errMsg: 'bad file' })])).tasks[0]?.errMsg).toBe(
      'bad file',
    )
  })

  it('accepts an empty endTime while a task runs', () => {
    const t = parseImportTaskPage(page([task({ status: '1', endTime: '' })])).tasks[0]
    expect(t?.endTime).toBe('')
    expect(t?.endAt).toBeNull()
    expect(t?.beginAt).toBe(Date.UTC(2022, 2, 11, 7, 27, 9))
  })

  it('accepts "yyyy-MM-dd HH:mm:ss" times, kept raw and read as local time', () => {
    const t = parseImportTaskPage(
      page([task({ beginTime: '2022-03-11 15:27:09', endTime: '2022-03-11 15:30:00' })]),
    ).tasks[0]
    expect(t?.beginTime).toBe('2022-03-11 15:27:09')
    expect(t?.beginAt).toBe(new Date(2022, 2, 11, 15, 27, 9).getTime())
    expect(t?.endAt).toBe(new Date(2022, 2, 11, 15, 30, 0).getTime())
  })

  it('keeps unknown time text raw with a null instant', () => {
    const t = parseImportTaskPage(page([task({ beginTime: '11/03/2022' })])).tasks[0]
    expect(t?.beginTime).toBe('11/03/2022')
    expect(t?.beginAt).toBeNull()
  })

  it('accepts digit-string counts, null counts (as 0) and the optional blackNum', () => {
    const t = parseImportTaskPage(
      page([task({ succNum: '12', repeatNum: null, failNum: 3, blackNum: 4 })]),
    ).tasks[0]
    expect(t).toMatchObject({ succNum: 12, repeatNum: 0, failNum: 3, blackNum: 4 })
    expect(parseImportTaskPage(page([task()])).tasks[0]).not.toHaveProperty('blackNum')
  })

  it('keeps unknown task fields in extra and ignores unknown top-level fields', () => {
    const r = parseImportTaskPage(
      page([task({ fileName: 'a.csv', operator: { id: 7 } })], { traceId: 'abc' }),
    )
    expect(r.tasks[0]?.extra).toEqual({ fileName: 'a.csv', operator: { id: 7 } })
    expect(r.tasks[0]).not.toHaveProperty('fileName')
  })

  it('reads a missing or null result as no tasks', () => {
    expect(parseImportTaskPage({ resultCode: '0200000', count: 0 }).tasks).toEqual([])
    expect(parseImportTaskPage({ resultCode: '0200000', result: null }).tasks).toEqual([])
  })

  it('accepts a reply carrying only returnCode', () => {
    expect(parseImportTaskPage({ returnCode: '0200000', result: [] }).resultCode).toBe('0200000')
  })

  describe('rejects, naming the field', () => {
    const cases: [string, unknown, string, RegExp][] = [
      [
        'a task id sent as a number',
        page([task(), task({ id: Number(ID) })]),
        'result[1].id',
        /result\[1\]\.id is the number .* lost precision/,
      ],
      [
        'a status outside 0–3',
        page([task(), task(), task(), task({ status: 'x' })]),
        'result[3].status',
        /result\[3\]\.status is 'x' \(expected 0, 1, 2 or 3\)/,
      ],
      [
        'status 7',
        page([task({ status: 7 })]),
        'result[0].status',
        /result\[0\]\.status is the number 7 \(expected 0, 1, 2 or 3\)/,
      ],
      [
        'a negative succNum',
        page([task({ succNum: -1 })]),
        'result[0].succNum',
        /result\[0\]\.succNum is the number -1 \(expected a whole number ≥ 0\)/,
      ],
      [
        'a fractional failNum',
        page([task({ failNum: 1.5 })]),
        'result[0].failNum',
        /failNum is the number 1.5/,
      ],
      [
        'result that is not a list',
        { resultCode: '0200000', result: { id: ID } },
        'result',
        /result is an object \(expected a list of import tasks\)/,
      ],
      [
        'a missing id',
        page([task({ id: undefined })]),
        'result[0].id',
        /result\[0\]\.id is missing/,
      ],
      ['an empty id', page([task({ id: '' })]), 'result[0].id', /result\[0\]\.id is ''/],
      ['a task that is not an object', page(['x']), 'result[0]', /result\[0\] is 'x'/],
      ['a negative count', page([task()], { count: -3 }), 'count', /count is the number -3/],
      ['a reply that is a list', [task()], 'the reply', /the reply is a list/],
      ['a numeric resultCode', { resultCode: 200000 }, 'resultCode', /resultCode is the number/],
    ]
    it.each(cases)('%s', (_name, json, field, message) => {
      const err = catchError(() => parseImportTaskPage(json))
      expect(err.code).toBe('protocol')
      expect(err.detail.field).toBe(field)
      expect(err.message).toMatch(/^The server's reply is not in the expected format: /)
      expect(err.message).toMatch(message)
    })

    it('a reply with no code at all', () => {
      const err = catchError(() => parseImportTaskPage({ result: [] }))
      expect(err.code).toBe('protocol')
      expect(err.detail.field).toBe('resultCode')
    })
  })

  describe('result codes', () => {
    it('maps a business error to an isales error with code, meaning and description', () => {
      const err = catchError(() =>
        parseImportTaskPage({ resultCode: '0200007', resultDesc: 'campaign 42 not found' }),
      )
      expect(err.code).toBe('isales')
      expect(err.detail).toEqual({ resultCode: '0200007', resultDesc: 'campaign 42 not found' })
      expect(err.message).toContain('0200007')
      expect(err.message).toContain('The outbound campaign does not exist')
      expect(err.message).toContain('campaign 42 not found')
    })

    it('takes the description from `description` when resultDesc is absent', () => {
      const err = catchError(() =>
        parseImportTaskPage({ resultCode: '0200001', description: 'limit is invalid' }),
      )
      expect(err.detail.resultDesc).toBe('limit is invalid')
      expect(err.message).toContain('limit is invalid')
    })

    it('checks returnCode too', () => {
      const err = catchError(() =>
        parseImportTaskPage({
          resultCode: '0200000',
          returnCode: '02000005',
          returnDesc: 'limit out of range',
          result: [],
        }),
      )
      expect(err.code).toBe('isales')
      expect(err.detail).toEqual({ resultCode: '02000005', resultDesc: 'limit out of range' })
    })

    it('maps 0200022 to rate-limited', () => {
      const err = catchError(() =>
        parseImportTaskPage({ resultCode: '0200022', resultDesc: 'too fast' }),
      )
      expect(err.code).toBe('rate-limited')
      expect(err.detail.resultCode).toBe('0200022')
    })
  })
})

describe('parseCampaignPage', () => {
  it('parses campaigns with id and name and keeps the rest in extra', () => {
    const r = parseCampaignPage({
      resultCode: '0200000',
      resultDesc: 'success',
      curPage: 1,
      rowsPerPage: 100,
      totalSize: 2,
      data: [
        { id: 101, name: 'Spring promo', status: 2 },
        { campaignId: '102', campaignName: 'Renewals' },
      ],
    })
    expect(r.total).toBe(2)
    expect(r.curPage).toBe(1)
    expect(r.campaigns).toEqual([
      { id: '101', name: 'Spring promo', extra: { status: 2 } },
      { id: '102', name: 'Renewals', extra: { campaignName: 'Renewals', campaignId: '102' } },
    ])
  })

  it('reads a missing totalSize as an unknown total', () => {
    expect(parseCampaignPage({ resultCode: '0200000', data: [] }).total).toBeNull()
  })

  it('rejects a campaign without an id, naming it', () => {
    const err = catchError(() =>
      parseCampaignPage({ resultCode: '0200000', data: [{ id: 1, name: 'a' }, { name: 'b' }] }),
    )
    expect(err.code).toBe('protocol')
    expect(err.detail.field).toBe('data[1].id')
  })

  it('rejects a campaign id too large to be exact', () => {
    const err = catchError(() =>
      parseCampaignPage({ resultCode: '0200000', data: [{ id: 2 ** 60, name: 'a' }] }),
    )
    expect(err.detail.field).toBe('data[0].id')
  })

  it('maps error codes like the task page', () => {
    const err = catchError(() => parseCampaignPage({ returnCode: '0200001', description: 'bad' }))
    expect(err.code).toBe('isales')
    expect(err.detail.resultDesc).toBe('bad')
  })
})

describe('import task schema (property)', () => {
  const KNOWN = new Set([
    'id',
    'status',
    'beginTime',
    'endTime',
    'succNum',
    'repeatNum',
    'failNum',
    'blackNum',
    'errMsg',
  ])

  const pad = (n: number, w = 2) => String(n).padStart(w, '0')

  /** A time in either server format, with the instant it stands for. */
  const time = fc.oneof(
    fc.constant({ raw: '', at: null as number | null }),
    fc
      .record({
        ms: fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 0, 1) }),
        offset: fc.integer({ min: -12 * 60, max: 14 * 60 }),
      })
      .map(({ ms, offset }) => {
        const local = new Date(ms + offset * 60_000) // wall clock at that offset, read via UTC getters
        const sign = offset < 0 ? '-' : '+'
        const abs = Math.abs(offset)
        const raw =
          `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
          `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
          `.${pad(local.getUTCMilliseconds(), 3)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
        return { raw, at: ms }
      }),
    fc
      .record({
        y: fc.integer({ min: 2000, max: 2099 }),
        mo: fc.integer({ min: 1, max: 12 }),
        d: fc.integer({ min: 1, max: 28 }),
        h: fc.integer({ min: 0, max: 23 }),
        mi: fc.integer({ min: 0, max: 59 }),
        s: fc.integer({ min: 0, max: 59 }),
      })
      .map(({ y, mo, d, h, mi, s }) => ({
        raw: `${y}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s)}`,
        at: new Date(y, mo - 1, d, h, mi, s).getTime(),
      })),
  )

  /** A whole number ≥ 0 as a number or digit string. */
  const whole = fc
    .nat({ max: 10_000_000 })
    .chain((n) =>
      fc.constantFrom<{ raw: unknown; value: number }>(
        { raw: n, value: n },
        { raw: String(n), value: n },
      ),
    )

  const errMsg = fc.oneof(
    fc.string().map((s) => ({ raw: s as unknown, value: s })),
    fc.integer().map((n) => ({ raw: n as unknown, value: n === 0 ? '' : String(n) })),
    fc.constant({ raw: null as unknown, value: '' }),
    fc.constant({ raw: undefined as unknown, value: '' }),
  )

  const extra = fc.dictionary(
    fc.string({ minLength: 1 }).filter((k) => !KNOWN.has(k) && k !== '__proto__'),
    fc.jsonValue(),
    { maxKeys: 4 },
  )

  const rawTask = fc.record({
    id: fc.stringMatching(/^\d{1,30}$/),
    status: fc
      .constantFrom('0', '1', '2', '3')
      .chain((s) =>
        fc.constantFrom<{ raw: unknown; value: string }>(
          { raw: s, value: s },
          { raw: Number(s), value: s },
        ),
      ),
    begin: time,
    end: time,
    succ: whole,
    repeat: whole,
    fail: whole,
    black: fc.option(whole, { nil: undefined }),
    errMsg,
    extra,
  })

  it('every valid raw task round-trips to the normalized form', () => {
    fc.assert(
      fc.property(rawTask, (g) => {
        const raw: Record<string, unknown> = {
          ...g.extra,
          id: g.id,
          status: g.status.raw,
          beginTime: g.begin.raw,
          endTime: g.end.raw,
          succNum: g.succ.raw,
          repeatNum: g.repeat.raw,
          failNum: g.fail.raw,
          ...(g.black ? { blackNum: g.black.raw } : {}),
          ...(g.errMsg.raw !== undefined ? { errMsg: g.errMsg.raw } : {}),
        }
        // Through JSON, as a reply would arrive.
        const json: unknown = JSON.parse(JSON.stringify(page([raw])))
        const expected: ImportTask = buildTask({
          id: g.id,
          status: g.status.value as ImportTask['status'],
          beginTime: g.begin.raw,
          endTime: g.end.raw,
          beginAt: g.begin.at,
          endAt: g.end.at,
          succNum: g.succ.value,
          repeatNum: g.repeat.value,
          failNum: g.fail.value,
          errMsg: g.errMsg.value,
          extra: JSON.parse(JSON.stringify(g.extra)) as Record<string, unknown>,
          ...(g.black ? { blackNum: g.black.value } : {}),
        })
        expect(parseImportTaskPage(json).tasks).toEqual([expected])
      }),
      { numRuns: 300 },
    )
  })
})
