import { createHmac } from 'node:crypto'
import fc from 'fast-check'
import {
  canonicalQuery,
  formatTimestamp,
  normalize,
  parseAuthorization,
  signRequest,
} from './c2-signer'

const VECTOR = {
  ak: 'testak',
  sk: 'testsk',
  method: 'POST',
  path: '/rest/isales/v1/openapi/campaigns/1/calldatafile/queryDataImportTask/123',
  headers: { Host: '10.0.0.1:28443', 'Content-Type': 'application/json; charset=UTF-8' },
  body: '{"offset":0,"limit":10}',
  date: new Date('2024-01-01T00:00:00Z'),
}

describe('C2 signer', () => {
  it('reproduces the reference test vector', () => {
    const parts = signRequest(VECTOR)
    expect(parts.canonicalRequest).toBe(
      'POST\n/rest/isales/v1/openapi/campaigns/1/calldatafile/queryDataImportTask/123\nhost\nhost:10.0.0.1%3A28443\n%7B%22offset%22%3A0%2C%22limit%22%3A10%7D',
    )
    expect(parts.signingKey).toBe(
      'c8dabafbd2242091e318d9ec5097fee6f375c19fef55a3fcfa0d9a8c2319df85',
    )
    expect(parts.authorization).toBe(
      'auth-v2/testak/2024-01-01T00:00:00Z/host/fe424e5b5e4f81e6f9b5b917640da62ed389c8d772bae46fc762f43aaa42056f',
    )
  })

  it('signs with a millisecond timestamp and several headers when the profile asks for it', () => {
    const parts = signRequest({
      ...VECTOR,
      headers: { ...VECTOR.headers, 'Content-Length': '23' },
      date: new Date('2024-01-01T00:00:00.123Z'),
      options: {
        timestampFormat: 'milliseconds',
        signedHeaders: ['host', 'Content-Type', 'content-length'],
      },
    })
    expect(parts.authStringPrefix).toBe(
      'auth-v2/testak/2024-01-01T00:00:00.123Z/content-length;content-type;host',
    )
    expect(parts.canonicalRequest).toContain(
      'content-length;content-type;host\ncontent-length:23\ncontent-type:application%2Fjson%3B%20charset%3DUTF-8\nhost:10.0.0.1%3A28443\n',
    )
  })

  it('puts the sorted, normalized query between path and signed headers', () => {
    const parts = signRequest({
      ...VECTOR,
      method: 'get',
      path: '/rest/isales/v1/openapi/campaigns/1',
      query: { rowsPerPage: '100', curPage: '1', name: 'Spring sale' },
      body: undefined,
    })
    expect(parts.canonicalRequest).toBe(
      'GET\n/rest/isales/v1/openapi/campaigns/1\ncurPage=1&name=Spring%20sale&rowsPerPage=100\nhost\nhost:10.0.0.1%3A28443\n',
    )
  })

  it('fails loudly when a signed header is missing', () => {
    expect(() =>
      signRequest({
        ...VECTOR,
        options: { timestampFormat: 'seconds', signedHeaders: ['x-absent'] },
      }),
    ).toThrow(/x-absent/)
  })

  it('formats timestamps in UTC with and without milliseconds', () => {
    const d = new Date(Date.UTC(2023, 8, 27, 3, 4, 5, 67))
    expect(formatTimestamp(d, 'seconds')).toBe('2023-09-27T03:04:05Z')
    expect(formatTimestamp(d, 'milliseconds')).toBe('2023-09-27T03:04:05.067Z')
  })

  it('normalize keeps only unreserved ASCII and encodes every other UTF-8 byte', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const n = normalize(s)
        expect(n).toMatch(/^(?:[A-Za-z0-9\-._~]|%[0-9A-F]{2})*$/)
        // It is exactly percent-encoding of the UTF-8 bytes: decoding gives the text back.
        expect(decodeURIComponent(n)).toBe(Buffer.from(s, 'utf8').toString('utf8'))
      }),
    )
    expect(normalize("中 文!*'()")).toBe('%E4%B8%AD%20%E6%96%87%21%2A%27%28%29')
  })

  it('canonical query is order-independent and encodes keys and values', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.string({ minLength: 1, unit: 'grapheme' }),
          fc.string({ unit: 'grapheme' }),
        ),
        (q) => {
          const reversed = Object.fromEntries(Object.entries(q).reverse())
          expect(canonicalQuery(reversed)).toBe(canonicalQuery(q))
          for (const part of canonicalQuery(q).split('&').filter(Boolean)) {
            expect(part).toMatch(/^[A-Za-z0-9\-._~%]+=[A-Za-z0-9\-._~%]*$/)
          }
        },
      ),
    )
  })

  it('any UTF-8 body is signed as its normalized text, and the signature matches a direct HMAC', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, unit: 'binary' }), (body) => {
        const parts = signRequest({ ...VECTOR, body })
        expect(parts.canonicalRequest.endsWith('\n' + normalize(body))).toBe(true)
        const expected = createHmac('sha256', parts.signingKey)
          .update(parts.canonicalRequest)
          .digest('hex')
        expect(parts.signature).toBe(expected)
      }),
    )
  })

  it('parses what it produces and rejects malformed headers', () => {
    const auth = signRequest(VECTOR).authorization
    expect(parseAuthorization(auth)).toMatchObject({
      ak: 'testak',
      timestampFormat: 'seconds',
      signedHeaders: ['host'],
    })
    expect(parseAuthorization('Bearer abc')).toBeNull()
    expect(parseAuthorization(auth.replace('/host/', '/Host/'))).toBeNull()
    expect(parseAuthorization(auth.slice(0, -1))).toBeNull()
  })
})
