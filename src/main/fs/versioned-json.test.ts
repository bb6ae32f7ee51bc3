import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import {
  fileTimestamp,
  loadVersionedJson,
  saveVersionedJson,
  setAside,
  upgradeDocument,
  type VersionedFormat,
} from './versioned-json'

interface V3 {
  items: string[]
}

// A format at version 3 with two migrations, as future versions of the stores will have.
const format: VersionedFormat<V3> = {
  currentVersion: 3,
  migrations: {
    1: (doc) => ({ list: String(doc.csv ?? '').split(',') }),
    2: (doc) => ({ items: doc.list }),
  },
  parse(doc) {
    if (!Array.isArray(doc.items)) throw new Error('items is not a list')
    return { items: doc.items.map(String) }
  },
}

let dir: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'versioned-json-'))
})

afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('upgradeDocument', () => {
  it('runs the migrations from the document version up to the current one', () => {
    expect(upgradeDocument({ version: 1, csv: 'a,b' }, format)).toEqual({ items: ['a', 'b'] })
    expect(upgradeDocument({ version: 2, list: ['x'] }, format)).toEqual({ items: ['x'] })
    expect(upgradeDocument({ version: 3, items: [] }, format)).toEqual({ items: [] })
  })

  it('refuses newer versions, missing versions and gaps', () => {
    expect(() => upgradeDocument({ version: 4 }, format)).toThrow(/version 4 is newer than 3/)
    expect(() => upgradeDocument({ items: [] }, format)).toThrow(/version is missing/)
    expect(() => upgradeDocument([], format)).toThrow(/not a JSON object/)
    const gap = { ...format, migrations: { 2: format.migrations[2]! } }
    expect(() => upgradeDocument({ version: 1 }, gap)).toThrow(/no upgrade from format version 1/)
  })
})

describe('loadVersionedJson', () => {
  it('reads a file with a UTF-8 BOM', async () => {
    await writeFile(join(dir, 'f.json'), '\uFEFF{"version":3,"items":["a"]}')
    expect(await loadVersionedJson(join(dir, 'f.json'), format)).toEqual({
      kind: 'ok',
      value: { items: ['a'] },
    })
  })

  it('sets a folder in place of the file aside', async () => {
    const { mkdir } = await import('node:fs/promises')
    await mkdir(join(dir, 'f.json'))
    const out = await loadVersionedJson(join(dir, 'f.json'), format)
    expect(out).toMatchObject({
      kind: 'set-aside',
      reason: 'broken',
      why: expect.stringMatching(/a folder, a link/),
      keptAs: expect.stringMatching(/f\.json\.broken-/),
    })
    expect(await readdir(dir)).toEqual([basename((out as { keptAs: string }).keptAs)])
  })

  it.runIf(process.platform !== 'win32')(
    'sets a link in place of the file aside without reading what it points to',
    async () => {
      const { symlink } = await import('node:fs/promises')
      const outside = join(dir, 'outside.json')
      await writeFile(outside, JSON.stringify({ version: 1, name: 'not mine' }))
      await symlink(outside, join(dir, 'f.json'))
      const out = await loadVersionedJson(join(dir, 'f.json'), format)
      expect(out).toMatchObject({ kind: 'set-aside', why: expect.stringMatching(/a link/) })
      expect(await readFile(outside, 'utf8')).toContain('not mine')
    },
  )
})

describe('saveVersionedJson', () => {
  it('sets a folder that appeared in place of the file aside and saves (no EISDIR for ever)', async () => {
    const { mkdir } = await import('node:fs/promises')
    const path = join(dir, 'f.json')
    await mkdir(join(path, 'inside'), { recursive: true })
    await saveVersionedJson(path, { version: 1, name: 'new' })
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ version: 1, name: 'new' })
    const names = await readdir(dir)
    expect(names.filter((n) => n.startsWith('f.json.broken-'))).toHaveLength(1)
  })

  it.runIf(process.platform !== 'win32')(
    'never writes through a link in place of the file: the link is set aside',
    async () => {
      const { lstat, symlink } = await import('node:fs/promises')
      const outside = join(dir, 'outside.txt')
      await writeFile(outside, 'keep me')
      const path = join(dir, 'f.json')
      await symlink(outside, path)
      await saveVersionedJson(path, { version: 1, name: 'new' })
      expect(await readFile(outside, 'utf8')).toBe('keep me')
      expect((await lstat(path)).isFile()).toBe(true)
      const aside = (await readdir(dir)).find((n) => n.startsWith('f.json.broken-'))
      expect((await lstat(join(dir, aside!))).isSymbolicLink()).toBe(true)
    },
  )
})

describe('setAside', () => {
  it('never overwrites an earlier kept file', async () => {
    const path = join(dir, 'f.json')
    const kept: string[] = []
    for (const text of ['one', 'two', 'three']) {
      await writeFile(path, text)
      kept.push(await setAside(path, 'broken'))
    }
    expect(new Set(kept).size).toBe(3)
    const contents = await Promise.all(kept.map((k) => readFile(k, 'utf8')))
    expect(contents).toEqual(['one', 'two', 'three'])
    expect(await readdir(dir)).toHaveLength(3)
  })

  it('uses timestamps that are valid file names everywhere', () => {
    expect(fileTimestamp(new Date('2026-01-02T03:04:05.678Z'))).toBe('2026-01-02T03-04-05-678Z')
  })
})
