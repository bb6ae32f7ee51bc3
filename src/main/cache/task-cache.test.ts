import { existsSync } from 'node:fs'
import {
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  symlink,
  utimes,
  writeFile,
} from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { CACHE_VERSION, QUARANTINE_KEEP_MS, TaskCache, type CacheEntryInput } from './task-cache'
import { sampleTask } from '../testing/cache-entries'
import { snapshotFromEntry } from '../monitor/last-good'

let root: string
const warnings: { message: string; meta?: Record<string, unknown> }[] = []
const log = {
  warn: (message: string, meta?: Record<string, unknown>) => warnings.push({ message, meta }),
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'task-cache-'))
  warnings.length = 0
})

afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

function entry(over: Partial<CacheEntryInput> = {}): CacheEntryInput {
  return {
    profileId: 'p1',
    campaignId: '1001',
    fetchedAt: '2024-05-01T08:00:00.000Z',
    count: 3,
    incomplete: false,
    hasBlackNum: true,
    tasks: [sampleTask(0), sampleTask(1), sampleTask(2, { note: 'kept as sent' })],
    ...over,
  }
}

describe('TaskCache', () => {
  it('round-trips an entry through a versioned JSON file under <userDataDir>/cache', async () => {
    const cache = new TaskCache({ userDataDir: root, log })
    expect(await cache.get('p1', '1001')).toBeNull()
    await cache.put(entry())
    const got = await cache.get('p1', '1001')
    expect(got).toEqual({ version: CACHE_VERSION, ...entry() })

    const file = cache.fileFor('p1', '1001')
    expect(dirname(file)).toBe(join(root, 'cache'))
    // Nothing from the ids is in the file name.
    expect(basename(file)).toMatch(/^[0-9a-f]{16}-[0-9a-f]{32}\.json$/)
    const raw = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>
    expect(Object.keys(raw)).toEqual([
      'version',
      'profileId',
      'campaignId',
      'fetchedAt',
      'count',
      'incomplete',
      'hasBlackNum',
      'tasks',
    ])
    expect(warnings).toEqual([])
  })

  it('keeps why a list was incomplete, so a restart still names the reason', async () => {
    await new TaskCache({ userDataDir: root, log }).put(
      entry({ incomplete: true, incompleteReason: 'count-inflated' }),
    )
    const restarted = new TaskCache({ userDataDir: root, log })
    expect(await restarted.get('p1', '1001')).toMatchObject({
      incomplete: true,
      incompleteReason: 'count-inflated',
    })
    expect(snapshotFromEntry((await restarted.get('p1', '1001'))!).incompleteReason).toBe(
      'count-inflated',
    )
    expect(warnings).toEqual([])
  })

  it('keeps one file per (profile, campaign) and overwrites it on the next put', async () => {
    const cache = new TaskCache({ userDataDir: root, log })
    await cache.put(entry())
    await cache.put(entry({ campaignId: '1002', tasks: [], count: null, hasBlackNum: false }))
    await cache.put(entry({ profileId: 'p2' }))
    await cache.put(entry({ fetchedAt: '2024-05-02T08:00:00.000Z', tasks: [sampleTask(9)] }))
    expect((await readdir(join(root, 'cache'))).filter((n) => n.endsWith('.json'))).toHaveLength(3)
    expect((await cache.get('p1', '1001'))?.tasks.map((t) => t.succNum)).toEqual([1009])
    expect((await cache.get('p1', '1002'))?.count).toBeNull()
    expect(await cache.get('p2', '1001')).not.toBeNull()
    // Ids that would collide if simply concatenated stay apart.
    expect(cache.fileFor('p1', '11')).not.toBe(cache.fileFor('p11', '1'))
  })

  it.skipIf(process.platform === 'win32')(
    'creates the cache folder only its owner can open (0700) and each entry readable by its owner only (0600)',
    async () => {
      const cache = new TaskCache({ userDataDir: root, log })
      await cache.put(entry())
      expect((await lstat(join(root, 'cache'))).mode & 0o777).toBe(0o700)
      expect((await lstat(cache.fileFor('p1', '1001'))).mode & 0o777).toBe(0o600)
    },
  )

  describe('an unreadable file is quarantined and treated as absent', () => {
    const cases: [string, string][] = [
      ['bad JSON', '{"version":1,"profileId":"p1","tasks":[{"id":'],
      ['an empty file', ''],
      ['another version', JSON.stringify({ ...entry(), version: 2 })],
      ['no version', JSON.stringify(entry())],
      ['a wrong shape', JSON.stringify({ ...entry(), version: 1, tasks: [{ id: 5 }] })],
      [
        'a bad status',
        JSON.stringify({
          version: 1,
          ...entry({ tasks: [{ ...sampleTask(1), status: '7' as '1' }] }),
        }),
      ],
      ['another pair’s entry', JSON.stringify({ version: 1, ...entry({ campaignId: '9999' }) })],
      ['not an object', '[1,2,3]'],
    ]
    it.each(cases)('%s', async (_name, content) => {
      const now = 1_714_550_400_000
      const cache = new TaskCache({ userDataDir: root, log, now: () => now })
      const file = cache.fileFor('p1', '1001')
      await mkdir(dirname(file), { recursive: true })
      await writeFile(file, content)

      expect(await cache.get('p1', '1001')).toBeNull()
      expect(existsSync(file)).toBe(false)
      const aside = `${file}.quarantined-${now}`
      expect(await readFile(aside, 'utf8')).toBe(content) // kept for diagnosis, untouched
      expect(warnings).toHaveLength(1)
      expect(warnings[0]?.meta).toMatchObject({ file, movedTo: aside })
      expect(String(warnings[0]?.meta?.problem)).not.toContain('kept as sent')

      // The app carries on: the next good fetch is cached and read normally.
      await cache.put(entry())
      expect((await cache.get('p1', '1001'))?.tasks).toHaveLength(3)
      expect(warnings).toHaveLength(1)
    })
  })

  it('sets a folder in place of a cache file aside and heals at the next put', async () => {
    const now = 1_714_550_400_000
    const cache = new TaskCache({ userDataDir: root, log, now: () => now })
    const file = cache.fileFor('p1', '1001')
    await mkdir(join(file, 'inside'), { recursive: true }) // a directory in the way
    expect(await cache.get('p1', '1001')).toBeNull()
    expect(warnings[0]?.meta).toMatchObject({ file, movedTo: `${file}.quarantined-${now}` })
    expect((await lstat(`${file}.quarantined-${now}`)).isDirectory()).toBe(true)

    await mkdir(file) // again, now in the way of a put
    await cache.put(entry())
    expect((await cache.get('p1', '1001'))?.tasks).toHaveLength(3)
    expect(warnings).toHaveLength(2)
  })

  it('sets a file in place of the cache folder aside and carries on with a fresh folder', async () => {
    const cache = new TaskCache({ userDataDir: root, log, now: () => 7 })
    await writeFile(join(root, 'cache'), 'not a folder')
    await cache.put(entry())
    expect((await cache.get('p1', '1001'))?.tasks).toHaveLength(3)
    expect(await readFile(join(root, 'cache.quarantined-7'), 'utf8')).toBe('not a folder')
    expect(warnings[0]?.meta).toMatchObject({ file: join(root, 'cache') })
  })

  describe.runIf(process.platform !== 'win32')('never follows a symlink', () => {
    it('at a cache file: not read, not written through, set aside', async () => {
      const cache = new TaskCache({ userDataDir: root, log, now: () => 9 })
      const outside = join(root, 'outside.json')
      const good = JSON.stringify({ version: 1, ...entry() })
      await writeFile(outside, good)
      await mkdir(cache.dir)
      const file = cache.fileFor('p1', '1001')
      await symlink(outside, file)
      expect(await cache.get('p1', '1001')).toBeNull() // a valid entry, but not read through the link
      expect((await lstat(`${file}.quarantined-9`)).isSymbolicLink()).toBe(true)

      await symlink(outside, file)
      await cache.put(entry({ tasks: [] }))
      expect(await readFile(outside, 'utf8')).toBe(good)
      expect((await lstat(file)).isFile()).toBe(true)
    })

    it('at the cache folder: nothing is written, listed or deleted where it points', async () => {
      const cache = new TaskCache({ userDataDir: root, log, now: () => 11 })
      const elsewhere = join(root, 'elsewhere')
      await mkdir(elsewhere)
      const victim = join(elsewhere, basename(cache.fileFor('p1', '1001')))
      await writeFile(victim, 'theirs')
      await symlink(elsewhere, cache.dir)
      expect(await cache.remove('p1')).toBe(0)
      await cache.put(entry())
      expect(await readdir(elsewhere)).toEqual([basename(victim)])
      expect(await readFile(victim, 'utf8')).toBe('theirs')
      expect((await lstat(cache.dir)).isDirectory()).toBe(true)
      expect((await lstat(`${cache.dir}.quarantined-11`)).isSymbolicLink()).toBe(true)
    })
  })

  it('remove(profileId) deletes that profile’s entries, quarantined copies and temp files only', async () => {
    const cache = new TaskCache({ userDataDir: root, log, now: () => 42 })
    await cache.put(entry())
    await cache.put(entry({ campaignId: '1002' }))
    await cache.put(entry({ profileId: 'p2' }))
    const bad = cache.fileFor('p1', '1003')
    await writeFile(bad, 'nope')
    await cache.get('p1', '1003') // quarantined
    const leftover = join(root, 'cache', `.${basename(cache.fileFor('p1', '1001'))}.123.abc.tmp`)
    await writeFile(leftover, '{"partial":')

    expect(await cache.remove('p1')).toBe(4)
    expect(await readdir(join(root, 'cache'))).toEqual([basename(cache.fileFor('p2', '1001'))])
    expect(await cache.get('p1', '1001')).toBeNull()
    expect(await cache.get('p2', '1001')).not.toBeNull()
    expect(await new TaskCache({ userDataDir: join(root, 'none'), log }).remove('p1')).toBe(0)
  })

  it('removeLeftoverTemps() deletes only orphaned temp files of our own pattern', async () => {
    const cache = new TaskCache({ userDataDir: root, log })
    await cache.put(entry())
    const dir = join(root, 'cache')
    const name = basename(cache.fileFor('p1', '1001'))
    const dead = 999_999_999 // no such process
    const files = {
      deadOld: join(dir, `.${name}.${dead}.0123456789ab.tmp`),
      deadFresh: join(dir, `.${name}.${dead}.0123456789ac.tmp`),
      liveOld: join(dir, `.${name}.${process.pid}.0123456789ad.tmp`),
      notOurs: join(dir, '.x.json.1.aa.tmp'),
    }
    for (const f of Object.values(files)) await writeFile(f, 'a')
    const past = new Date(Date.now() - 10 * 60_000)
    for (const f of [files.deadOld, files.liveOld, files.notOurs]) await utimes(f, past, past)
    expect(await cache.removeLeftoverTemps()).toBe(1)
    expect(existsSync(files.deadOld)).toBe(false)
    expect(existsSync(files.deadFresh)).toBe(true) // another machine's write may still be going
    expect(existsSync(files.liveOld)).toBe(true) // a running writer (the CLI) may still be writing
    expect(existsSync(files.notOurs)).toBe(true)
    expect(await cache.get('p1', '1001')).not.toBeNull()
  })

  it('removeLeftoverTemps() also deletes quarantined copies older than 30 days', async () => {
    const day = 24 * 60 * 60_000
    const t0 = 1_714_550_400_000
    const at = (now: number) => new TaskCache({ userDataDir: root, log, now: () => now })
    const quarantine = async (now: number, campaignId: string) => {
      const cache = at(now)
      await mkdir(cache.dir, { recursive: true })
      await writeFile(cache.fileFor('p1', campaignId), '{not json')
      expect(await cache.get('p1', campaignId)).toBeNull()
      return `${cache.fileFor('p1', campaignId)}.quarantined-${now}`
    }
    const old = await quarantine(t0, '1002')
    const recent = await quarantine(t0 + 20 * day, '1003')
    await at(t0).put(entry())
    expect(QUARANTINE_KEEP_MS).toBe(30 * day)

    expect(await at(t0 + 30 * day - 1).removeLeftoverTemps()).toBe(0)
    expect(await at(t0 + 31 * day).removeLeftoverTemps()).toBe(1)
    expect(existsSync(old)).toBe(false)
    expect(existsSync(recent)).toBe(true)
    expect(await at(t0 + 31 * day).get('p1', '1001')).not.toBeNull()
  })

  it('serialises operations on one file: a read never sees a half-done put', async () => {
    const cache = new TaskCache({ userDataDir: root, log })
    const ops: Promise<unknown>[] = []
    for (let i = 0; i < 20; i++) {
      ops.push(cache.put(entry({ tasks: [sampleTask(i)] })))
      ops.push(cache.get('p1', '1001'))
    }
    await Promise.all(ops)
    expect((await cache.get('p1', '1001'))?.tasks[0]?.succNum).toBe(1019)
    expect(warnings).toEqual([])
  })
})

// Crash safety (a process killed mid-write) for the cache and every other file the app writes:
// ../testing/kill-mid-write.test.ts.
