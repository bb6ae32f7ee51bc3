import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AppError } from '../../shared/errors'
import { JsonFileStore, type JsonFileSpec } from './json-file-store'

// Lets one test make renaming aside fail (a read-only folder, a locked file).
const fsControl = vi.hoisted(() => ({ failRenameAside: false }))
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>()
  return {
    ...actual,
    rename: vi.fn(async (from: string, to: string) => {
      if (fsControl.failRenameAside && /\.(broken|newer)-/.test(to)) {
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })
      }
      return actual.rename(from, to)
    }),
  }
})

interface Counter {
  n: number
}

let dir: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'json-file-store-'))
  fsControl.failRenameAside = false
})

afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

function spec(path = join(dir, 'counter.json')): JsonFileSpec<Counter> {
  return {
    path,
    format: {
      currentVersion: 2,
      migrations: { 1: (doc) => ({ counter: { n: Number(doc.count) } }) },
      parse(doc) {
        const counter = doc.counter as Counter | undefined
        if (typeof counter?.n !== 'number') throw new Error('counter.n is not a number')
        return { n: counter.n }
      },
    },
    empty: () => ({ n: 0 }),
    toDocument: (counter) => ({ version: 2, counter }),
    what: 'Your counter',
    consequence: 'it starts at zero',
    savedWhat: 'The counter',
    lost: 'the change was not kept',
  }
}

const add = (k: number) => (c: Counter) => ({ next: { n: c.n + k }, result: c.n + k })
const readDoc = async () => JSON.parse(await readFile(join(dir, 'counter.json'), 'utf8'))

describe('JsonFileStore', () => {
  it('starts empty without a file and writes nothing until a change', async () => {
    const { store, problem } = await JsonFileStore.open(spec())
    expect(problem).toBeUndefined()
    expect(store.value).toEqual({ n: 0 })
    expect(await readdir(dir)).toEqual([])
  })

  it('writes a change as the versioned document and reads it back', async () => {
    const { store } = await JsonFileStore.open(spec())
    expect(await store.update(add(5))).toBe(5)
    expect(store.value).toEqual({ n: 5 })
    expect(await readDoc()).toEqual({ version: 2, counter: { n: 5 } })
    expect(await readdir(dir)).toEqual(['counter.json'])
    const reopened = await JsonFileStore.open(spec())
    expect(reopened.store.value).toEqual({ n: 5 })
  })

  it('upgrades an older file through the migrations', async () => {
    await writeFile(join(dir, 'counter.json'), JSON.stringify({ version: 1, count: 7 }))
    const { store, problem } = await JsonFileStore.open(spec())
    expect(problem).toBeUndefined()
    expect(store.value).toEqual({ n: 7 })
  })

  it('applies concurrent changes one after another, each on the result of the last', async () => {
    const { store } = await JsonFileStore.open(spec())
    const results = await Promise.all([
      store.update(add(1)),
      store.update(add(10)),
      store.update(add(100)),
    ])
    expect(results).toEqual([1, 11, 111])
    expect(await readDoc()).toEqual({ version: 2, counter: { n: 111 } })
  })

  it('keeps value and file when a change throws, and goes on with the next one', async () => {
    const { store } = await JsonFileStore.open(spec())
    await store.update(add(1))
    const refused = store.update(() => {
      throw new AppError('validation', 'no')
    })
    const next = store.update(add(2))
    await expect(refused).rejects.toMatchObject({ code: 'validation' })
    expect(await next).toBe(3)
    expect(await readDoc()).toEqual({ version: 2, counter: { n: 3 } })
  })

  it('keeps the value when the write fails, names the file and the cause, and recovers', async () => {
    const blocker = join(dir, 'not-a-folder')
    const { store } = await JsonFileStore.open(spec(join(blocker, 'counter.json')))
    await writeFile(blocker, '') // the file's folder cannot be made now
    const failed = await store.update(add(4)).catch((e: unknown) => e)
    expect(failed).toBeInstanceOf(AppError)
    expect(failed).toMatchObject({ code: 'internal', detail: { cause: expect.any(String) } })
    expect((failed as AppError).message).toMatch(
      /^The counter could not be saved to .*not-a-folder.*; the change was not kept\.$/,
    )
    expect(store.value).toEqual({ n: 0 })
    await rm(blocker)
    expect(await store.update(add(4))).toBe(4)
  })

  it('keeps an unreadable file aside, says so, and starts empty', async () => {
    await writeFile(join(dir, 'counter.json'), '{"version": 2, "counter": ')
    const { store, problem } = await JsonFileStore.open(spec())
    expect(store.value).toEqual({ n: 0 })
    expect(problem?.message).toMatch(
      /^Your counter could not be read \(it is not valid JSON\); the file was kept as counter\.json\.broken-.*, and it starts at zero\.$/,
    )
    const [kept] = await readdir(dir)
    expect(kept).toMatch(/^counter\.json\.broken-/)
    expect(await store.update(add(1))).toBe(1)
  })

  it('keeps a file from a newer version aside, naming its version', async () => {
    await writeFile(join(dir, 'counter.json'), JSON.stringify({ version: 3, counter: { n: 1 } }))
    const { problem } = await JsonFileStore.open(spec())
    expect(problem?.message).toMatch(/newer version .*format version 3/)
    expect((await readdir(dir))[0]).toMatch(/^counter\.json\.newer-/)
  })

  it('refuses every change when an unusable file could not be moved aside, leaving it alone', async () => {
    fsControl.failRenameAside = true
    await writeFile(join(dir, 'counter.json'), 'garbage')
    const { store, problem } = await JsonFileStore.open(spec())
    expect(problem?.message).toMatch(/could not be moved aside and was left as it is/)
    await expect(store.update(add(1))).rejects.toMatchObject({
      code: 'internal',
      message: problem?.message,
    })
    expect(await readdir(dir)).toEqual(['counter.json'])
    expect(await readFile(join(dir, 'counter.json'), 'utf8')).toBe('garbage')
  })
})
