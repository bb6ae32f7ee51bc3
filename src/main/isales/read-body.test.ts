import { Readable } from 'node:stream'
import { AppError } from '../../shared/errors'
import { parseJsonReply, readCappedText } from './read-body'

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
  it('parses JSON', () => {
    expect(parseJsonReply('{"a":1}')).toEqual({ a: 1 })
  })

  it.each(['{"a":"abc', '{"a":1,', '{"a":[1,2', '{"a":tr', '{"a":1', '{"a":1  \n'])(
    'flags %j as a cut-off reply',
    (text) => {
      expect(causeOf(() => parseJsonReply(text))).toBe('truncated-body')
    },
  )

  it.each(['<html>login</html>', '{"a":1}}', '{a:1}', 'null x'])(
    'flags %j as invalid JSON',
    (text) => {
      expect(causeOf(() => parseJsonReply(text))).toBe('invalid-json')
    },
  )

  it('flags an empty reply', () => {
    expect(causeOf(() => parseJsonReply('  '))).toBe('empty-body')
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
