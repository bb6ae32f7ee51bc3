import { jsonDocument } from './json-document'

/** What the CLI printed before the output came in pieces: the reference text. */
function whole(head: Record<string, unknown>, key: string, records: unknown[]): string {
  return JSON.stringify({ ...head, [key]: records }, null, 2) + '\n'
}

const record = (i: number) => ({
  id: String(10n ** 29n + BigInt(i)),
  status: String(i % 4),
  errMsg: i % 3 === 0 ? 'line 1\nline "2", ＝SUM(1)\u2028' : '',
  nested: i % 5 === 0 ? { list: [1, { deep: [] }, 'x'], empty: {} } : undefined,
})

describe('jsonDocument', () => {
  it.each([0, 1, 2, 3, 7, 8, 9, 25])(
    'gives the same bytes as JSON.stringify(document, null, 2) for %i records in chunks of 4',
    (n) => {
      const items = Array.from({ length: n }, (_, i) => i)
      const text = [...jsonDocument({ count: n, total: null }, 'tasks', items, record, 4)].join('')
      expect(text).toBe(whole({ count: n, total: null }, 'tasks', items.map(record)))
    },
  )

  it('gives the same bytes with the default chunk size over several chunks', () => {
    const items = Array.from({ length: 4500 }, (_, i) => i)
    const head = { count: 4500, total: 4501 }
    const text = [...jsonDocument(head, 'campaigns', items, record)].join('')
    expect(text).toBe(whole(head, 'campaigns', items.map(record)))
  })

  it('yields one piece per chunk of records and one to close, never the whole list at once', () => {
    const items = Array.from({ length: 10 }, (_, i) => i)
    const pieces = [...jsonDocument({ count: 10 }, 'tasks', items, record, 4)]
    expect(pieces).toHaveLength(4) // records 0–3, 4–7, 8–9, then the closing brackets
    expect(pieces[3]).toBe('\n  ]\n}\n')
  })
})
