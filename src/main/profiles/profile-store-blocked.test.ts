import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ProfileStore } from './profile-store'

// A file that can be neither read as profiles nor renamed aside (read-only folder, locked file).
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>()
  return {
    ...actual,
    rename: vi.fn(async (from: string, to: string) => {
      if (to.includes('.broken-')) {
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })
      }
      return actual.rename(from, to)
    }),
  }
})

let dir: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'profile-store-blocked-'))
})

afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

it('never saves over a file it could neither read nor move aside', async () => {
  await writeFile(join(dir, 'profiles.json'), 'garbage')
  const { store, problem } = await ProfileStore.open(dir)
  expect(problem?.message).toMatch(/could not be moved aside and was left as it is/)
  expect(store.list()).toEqual([])
  await expect(
    store.save({
      name: 'A',
      serverUrl: 'https://10.0.0.1:28443',
      vdnId: 1,
      ak: 'ak',
      signing: { timestampFormat: 'seconds', signedHeaders: ['host'] },
      tls: { mode: 'system' },
      campaigns: [],
    }),
  ).rejects.toMatchObject({ code: 'internal', message: problem?.message })
  expect(await readdir(dir)).toEqual(['profiles.json'])
  expect(await readFile(join(dir, 'profiles.json'), 'utf8')).toBe('garbage')
})
