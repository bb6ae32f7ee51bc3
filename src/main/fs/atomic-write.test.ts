import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { tempPathFor, writeFileAtomic } from './atomic-write'

let dir: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atomic-write-'))
})

afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('writeFileAtomic', () => {
  it('writes string data and reports the byte count', async () => {
    const target = join(dir, 'out.txt')
    const result = await writeFileAtomic(target, 'héllo 你好')
    expect(await readFile(target, 'utf8')).toBe('héllo 你好')
    expect(result).toEqual({ path: target, bytes: Buffer.byteLength('héllo 你好') })
    expect(await readdir(dir)).toEqual(['out.txt'])
  })

  it('writes bytes', async () => {
    const target = join(dir, 'out.bin')
    await writeFileAtomic(target, new Uint8Array([0, 1, 2, 255]))
    expect([...(await readFile(target))]).toEqual([0, 1, 2, 255])
  })

  it('replaces an existing file with the producer output', async () => {
    const target = join(dir, 'out.csv')
    await writeFile(target, 'old content')
    const result = await writeFileAtomic(target, async (stream) => {
      for (let i = 0; i < 1000; i++) stream.write(`line ${i}\n`)
    })
    const text = await readFile(target, 'utf8')
    expect(text.split('\n')).toHaveLength(1001)
    expect(text.startsWith('line 0\n')).toBe(true)
    expect(result.bytes).toBe(Buffer.byteLength(text))
    expect(await readdir(dir)).toEqual(['out.csv'])
  })

  it('accepts a producer that ends the stream itself', async () => {
    const target = join(dir, 'ended.txt')
    await writeFileAtomic(target, async (stream) => {
      stream.end('done')
    })
    expect(await readFile(target, 'utf8')).toBe('done')
  })

  it('on a failure mid-write leaves the old content intact and no temp file', async () => {
    const target = join(dir, 'out.csv')
    await writeFile(target, 'old content')
    await expect(
      writeFileAtomic(target, async (stream) => {
        stream.write('partial new content')
        throw new Error('producer failed')
      }),
    ).rejects.toThrow('producer failed')
    expect(await readFile(target, 'utf8')).toBe('old content')
    expect(await readdir(dir)).toEqual(['out.csv'])
  })

  it('on a failure creates nothing when there was no target', async () => {
    const target = join(dir, 'new.csv')
    await expect(
      writeFileAtomic(target, async (stream) => {
        stream.write('partial')
        stream.destroy(new Error('disk gone'))
      }),
    ).rejects.toThrow('disk gone')
    expect(await readdir(dir)).toEqual([])
  })

  it('fails with the Node error when the directory does not exist', async () => {
    await expect(writeFileAtomic(join(dir, 'missing', 'x.txt'), 'x')).rejects.toMatchObject({
      code: 'ENOENT',
    })
    expect(await readdir(dir)).toEqual([])
  })

  it('fails when the target is a directory and leaves it alone', async () => {
    const target = join(dir, 'sub')
    await mkdir(target)
    await writeFile(join(target, 'keep'), 'keep')
    await expect(writeFileAtomic(target, 'x')).rejects.toHaveProperty('code')
    expect(await readFile(join(target, 'keep'), 'utf8')).toBe('keep')
    expect(await readdir(dir)).toEqual(['sub'])
  })

  it.skipIf(process.platform === 'win32')('applies the requested mode', async () => {
    const target = join(dir, 'private.json')
    await writeFileAtomic(target, '{}', { mode: 0o600 })
    expect((await stat(target)).mode & 0o777).toBe(0o600)
  })

  it('uses unique temp names in the same directory', () => {
    const a = tempPathFor(join(dir, 'x.csv'))
    const b = tempPathFor(join(dir, 'x.csv'))
    expect(a).not.toBe(b)
    expect(a.startsWith(join(dir, '.x.csv.'))).toBe(true)
  })
})
