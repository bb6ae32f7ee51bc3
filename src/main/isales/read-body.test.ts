import { Readable } from 'node:stream'
import { AppError } from '../../shared/errors'
import { parseJsonReply, readCappedText, tooLargeError } from './read-body'
import { isRetryable } from '../../shared/error-kinds'

function causeOf(fn: () => unknown): string | undefined {
  try {
    fn()
  } catch (e) {
    if (e instanceof AppError && e.code === 'protocol') return e.detail.cause
    throw e
  }
  return 'no error'
}

describe('parseJsonReply', () => {
  const complete = { complete: true }
  const unknownEnd = { complete: false }

  it('parses JSON', () => {
    expect(parseJsonReply('{"a":1}', complete)).toEqual({ a: 1 })
  })

  const cutOff = ['{"a":"abc', '{"a":1,', '{"a":[1,2', '{"a":tr', '{"a":1', '{"a":1  \n']

  it.each(cutOff)('flags %j as a cut-off reply when its end is not vouched for', (text) => {
    expect(causeOf(() => parseJsonReply(text, unknownEnd))).toBe('truncated-body')
  })

  // The transport met the Content-Length (or the chunked end): the server sent broken JSON, and a
  // retry would get the same. Not "truncated", not retryable, no advice about the network.
  it.each(cutOff)('flags %j as invalid JSON when the whole reply arrived', (text) => {
    let error: unknown
    try {
      parseJsonReply(text, complete)
    } catch (e) {
      error = e
    }
    expect(error).toMatchObject({ code: 'protocol', detail: { cause: 'invalid-json' } })
    expect((error as AppError).message).toMatch(/^The server's reply is not valid JSON/)
    expect(isRetryable(error)).toBe(false)
  })

  it.each(['<html>login</html>', '{"a":1}}', '{a:1}', 'null x'])(
    'flags %j as invalid JSON',
    (text) => {
      expect(causeOf(() => parseJsonReply(text, unknownEnd))).toBe('invalid-json')
      expect(causeOf(() => parseJsonReply(text, complete))).toBe('invalid-json')
    },
  )

  it('flags an empty reply', () => {
    expect(causeOf(() => parseJsonReply('  ', complete))).toBe('empty-body')
  })
})

describe('tooLargeError', () => {
  it('names the cap and does not suggest a page size the user cannot set', () => {
    const e = tooLargeError(20 * 1024 * 1024)
    expect(e.message).toContain('too large (over 20 MiB)')
    expect(e.message).toMatch(/iSales administrator/)
    expect(e.message).not.toMatch(/fewer tasks|per page/)
  })
})

describe('readCappedText', () => {
  it('reads multi-chunk UTF-8 exactly', async () => {
    const bytes = Buffer.from('{"name":"春季活动"}', 'utf8')
    const chunks = [bytes.subarray(0, 10), bytes.subarray(10, 11), bytes.subarray(11)]
    expect(await readCappedText(Readable.from(chunks), 1000)).toBe('{"name":"春季活动"}')
  })

  it('stops and destroys the stream once past the cap', async () => {
    let pulled = 0
    const stream = new Readable({
      read() {
        pulled++
        this.push(Buffer.alloc(100, 0x20))
      },
    })
    await expect(readCappedText(stream, 1000)).rejects.toMatchObject({
      code: 'protocol',
      detail: { cause: 'reply-too-large' },
    })
    expect(stream.destroyed).toBe(true)
    expect(pulled).toBeLessThan(20)
  })
})
