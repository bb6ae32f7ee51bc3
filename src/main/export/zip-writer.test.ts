import { once } from 'node:events'
import { Writable } from 'node:stream'
import { unzipSync } from 'fflate'
import { zipEntries } from '../testing/zip-entries'
import { ZipWriter } from './zip-writer'

/** A stream that keeps what it is given, taking its time (small buffer: backpressure happens). */
function collector(delayed = false): Writable & { bytes: () => Buffer } {
  const chunks: Buffer[] = []
  const stream = new Writable({
    highWaterMark: 1024,
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk)
      if (delayed) setImmediate(done)
      else done()
    },
  })
  return Object.assign(stream, { bytes: () => Buffer.concat(chunks) })
}

/** `count` rows of XML-like text, in chunks of 50 rows. */
function* lines(count: number): Generator<Buffer> {
  for (let i = 0; i < count; i += 50) {
    let text = ''
    for (let k = i; k < Math.min(count, i + 50); k++)
      text += `<row r="${k}">line ${k} — 导入 ✓</row>\n`
    yield Buffer.from(text)
  }
}

const expected = (count: number) => Buffer.concat([...lines(count)]).toString('utf8')

describe('ZipWriter', () => {
  it('writes whole and streamed entries that two independent readers inflate with matching CRCs', async () => {
    const out = collector(true)
    const zip = new ZipWriter(out, { date: new Date(2026, 11, 2, 9, 15, 30) })
    await zip.addFile('[Content_Types].xml', '<Types/>')
    await zip.addStream('xl/worksheets/sheet1.xml', lines(20_000))
    await zip.addStream('empty.xml', [])
    await zip.addFile('名前.txt', Buffer.from('ünïcode'))
    const bytes = await zip.finish()
    out.end()
    await once(out, 'finish')
    const file = out.bytes()
    expect(file.length).toBe(bytes)

    // The tests' own reader checks every entry's CRC-32 and sizes against the central directory.
    const mine = zipEntries(file)
    expect([...mine.keys()]).toEqual([
      '[Content_Types].xml',
      'xl/worksheets/sheet1.xml',
      'empty.xml',
      '名前.txt',
    ])
    expect(mine.get('xl/worksheets/sheet1.xml')!.toString('utf8')).toBe(expected(20_000))
    expect(mine.get('empty.xml')!.length).toBe(0)

    // fflate reads the local headers and data descriptors, not only the central directory.
    const theirs = unzipSync(new Uint8Array(file))
    expect(Buffer.from(theirs['xl/worksheets/sheet1.xml']!).toString('utf8')).toBe(expected(20_000))
    expect(Buffer.from(theirs['名前.txt']!).toString('utf8')).toBe('ünïcode')
    expect(Buffer.from(theirs['[Content_Types].xml']!).toString('utf8')).toBe('<Types/>')
  })

  it('compresses a repetitive sheet well below its size', async () => {
    const out = collector()
    const zip = new ZipWriter(out)
    await zip.addStream('sheet.xml', lines(20_000))
    await zip.finish()
    expect(out.bytes().length).toBeLessThan(expected(20_000).length / 5)
  })

  it('fails, rather than waiting for ever, when the output breaks mid-entry', async () => {
    const broken = new Writable({
      highWaterMark: 1024,
      write(_chunk, _encoding, done) {
        done(new Error('ENOSPC: no space left on device'))
      },
    })
    broken.on('error', () => undefined)
    const zip = new ZipWriter(broken)
    await expect(zip.addStream('sheet.xml', lines(50_000))).rejects.toThrow(/ENOSPC/)
  })
})
