import { z } from 'zod'
import { formatRef, msg } from './messages'
import { fieldPath, firstIssue, ownSentence, valueAt } from './zod-issue'

const ADDRESS_RULE = msg('serverUrlInvalid')

const schema = z.strictObject({
  profile: z.strictObject({
    vdnId: z.number().int().max(9999),
    name: z.string().min(1),
    mode: z.enum(['a', 'b']),
  }),
  ids: z.array(z.string().regex(/^\d+$/)).max(2),
  address: z.string().refine((s) => s.startsWith('https://'), {
    message: formatRef('en', ADDRESS_RULE),
    params: ownSentence(ADDRESS_RULE),
  }),
  tag: z.string().refine((s) => s !== 'x', 'the tag x is reserved.'),
})

const good = {
  profile: { vdnId: 1, name: 'n', mode: 'a' },
  ids: ['1'],
  address: 'https://h',
  tag: 't',
}

function report(input: unknown) {
  const r = schema.safeParse(input)
  if (r.success) throw new Error('expected a failure')
  return firstIssue(r.error, input)
}

describe('firstIssue', () => {
  it.each<[string, unknown, string, string]>([
    [
      'a bound',
      { ...good, profile: { ...good.profile, vdnId: 10000 } },
      'profile.vdnId',
      'must be at most 9999',
    ],
    [
      'a missing field',
      { ...good, profile: { name: 'n', mode: 'a' } },
      'profile.vdnId',
      'is missing',
    ],
    [
      'a wrong type',
      { ...good, profile: { ...good.profile, vdnId: 'one' } },
      'profile.vdnId',
      'must be a number',
    ],
    [
      'an empty text',
      { ...good, profile: { ...good.profile, name: '' } },
      'profile.name',
      'must not be empty',
    ],
    [
      'an enum',
      { ...good, profile: { ...good.profile, mode: 'c' } },
      'profile.mode',
      'must be one of: a, b',
    ],
    ['an array element', { ...good, ids: ['1', 'x'] }, 'ids[1]', 'is not in the expected format'],
    ['an array length', { ...good, ids: ['1', '2', '3'] }, 'ids', 'must have at most 2 items'],
    [
      'an unexpected key, named by its own path',
      { ...good, profile: { ...good.profile, admin: true } },
      'profile.admin',
      'is not expected',
    ],
    [
      'a refinement fragment, without its full stop',
      { ...good, tag: 'x' },
      'tag',
      'is invalid: the tag x is reserved',
    ],
  ])('names the field and the problem: %s', (_name, input, field, problem) => {
    expect(report(input)).toMatchObject({ field, problem })
  })

  it("gives a rule's own whole sentence as it is", () => {
    expect(report({ ...good, address: 'http://h' })).toMatchObject({
      field: 'address',
      sentence: formatRef('en', ADDRESS_RULE),
      sentenceRef: ADDRESS_RULE,
    })
    expect(report({ ...good, tag: 'x' })?.sentence).toBeUndefined()
  })

  it('gives the problem as a catalogue message too, so the window can say it in Chinese', () => {
    const found = report({ ...good, profile: { ...good.profile, vdnId: 10000 } })
    expect(found?.problemRef).toEqual(msg('zodAtMost', { limit: 9999 }))
    expect(formatRef('zh-CN', found!.problemRef)).toBe('不能大于 9999')
  })

  it('reports the value found at the path', () => {
    expect(report({ ...good, ids: ['1', 'x'] })).toMatchObject({ present: true, value: 'x' })
    expect(report({ ...good, profile: { name: 'n', mode: 'a' } })).toMatchObject({
      present: false,
    })
  })

  it('is null without issues', () => {
    expect(firstIssue([], {})).toBeNull()
  })
})

describe('fieldPath and valueAt', () => {
  it('writes keys with dots and indexes in brackets', () => {
    expect(fieldPath(['result', 0, 'id'])).toBe('result[0].id')
    expect(fieldPath([])).toBe('')
  })

  it('looks at own properties only', () => {
    expect(valueAt({ a: [{ b: 2 }] }, ['a', 0, 'b'])).toEqual({ present: true, value: 2 })
    expect(valueAt({}, ['toString'])).toEqual({ present: false, value: undefined })
    expect(valueAt({ a: undefined }, ['a'])).toEqual({ present: false, value: undefined })
  })
})
