import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ProfileInput } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import { formatRef } from '../../shared/messages'
import { SERVER_URL_MESSAGE } from '../../shared/server-url'
import { createTestCa } from '../testing/tls-certs'
import { EXPORT_FORMAT, ProfileStore } from './profile-store'

let dir: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'profile-store-'))
})

afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const FP = 'ab'.repeat(32)
const FP_NORMAL = Array.from({ length: 32 }, () => 'AB').join(':')

function input(overrides: Partial<ProfileInput> = {}): ProfileInput {
  return {
    name: 'Shanghai CC',
    serverUrl: 'https://10.0.0.1:28443/',
    vdnId: 12,
    ak: 'ak-123',
    signing: { timestampFormat: 'seconds', signedHeaders: ['host', 'content-type'] },
    tls: { mode: 'system' },
    campaigns: [{ id: '1001', label: 'Renewals' }],
    ...overrides,
  }
}

async function open() {
  return ProfileStore.open(dir)
}

async function validationError(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => {
      throw new Error('expected a rejection')
    },
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(AppError)
  expect((err as AppError).code).toBe('validation')
  return err as AppError
}

describe('ProfileStore', () => {
  it('starts empty without a file and does not create one until a change', async () => {
    const { store, problem } = await open()
    expect(problem).toBeUndefined()
    expect(store.list()).toEqual([])
    expect(await readdir(dir)).toEqual([])
  })

  it('creates the user-data folder if it does not exist yet', async () => {
    const nested = join(dir, 'a', 'b')
    const { store } = await ProfileStore.open(nested)
    await store.save(input())
    expect(await readdir(nested)).toEqual(['profiles.json'])
  })

  it('saves, normalizes and reads back profiles in a versioned file', async () => {
    const { store } = await open()
    const saved = await store.save(
      input({
        tls: { mode: 'pin', fingerprint256: FP, subject: 'CN=isales', trustedAt: '2026-01-01' },
        campaigns: [
          { id: '1001', label: 'Renewals' },
          { id: '1002', label: 'Upsell' },
          { id: '1001', label: 'Duplicate' },
        ],
      }),
    )
    expect(saved.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(saved.serverUrl).toBe('https://10.0.0.1:28443')
    expect(saved.tls).toEqual({
      mode: 'pin',
      fingerprint256: FP_NORMAL,
      subject: 'CN=isales',
      trustedAt: '2026-01-01',
    })
    expect(saved.campaigns).toEqual([
      { id: '1001', label: 'Renewals' },
      { id: '1002', label: 'Upsell' },
    ])
    expect(saved.demo).toBeUndefined()

    const file = JSON.parse(await readFile(join(dir, 'profiles.json'), 'utf8'))
    expect(file).toEqual({ version: 1, profiles: [saved] })

    const reopened = await open()
    expect(reopened.problem).toBeUndefined()
    expect(reopened.store.list()).toEqual([saved])
    expect(reopened.store.get(saved.id)).toEqual(saved)
  })

  it('leaves no temporary files behind and keeps the file private', async () => {
    const { store } = await open()
    for (let i = 0; i < 5; i++) await store.save(input({ name: `P${i}` }))
    await Promise.all([1, 2, 3].map((i) => store.save(input({ name: `Q${i}` }))))
    expect(await readdir(dir)).toEqual(['profiles.json'])
    if (process.platform !== 'win32') {
      const { stat } = await import('node:fs/promises')
      expect((await stat(join(dir, 'profiles.json'))).mode & 0o077).toBe(0)
    }
    expect((await open()).store.list()).toHaveLength(8)
  })

  it('updates an existing profile in place and refuses an unknown id', async () => {
    const { store } = await open()
    const a = await store.save(input({ name: 'A' }))
    const b = await store.save(input({ name: 'B' }))
    const a2 = await store.save(input({ id: a.id, name: 'A renamed', vdnId: 99 }))
    expect(a2.id).toBe(a.id)
    expect(store.list().map((p) => p.name)).toEqual(['A renamed', 'B'])
    expect(store.get(b.id).name).toBe('B')
    const err = await validationError(store.save(input({ id: 'gone', name: 'X' })))
    expect(err.message).toMatch(/No such server profile/)
  })

  it('get throws a validation error for an unknown id; find returns undefined', async () => {
    const { store } = await open()
    expect(() => store.get('nope')).toThrow(/No such server profile/)
    expect(store.find('nope')).toBeUndefined()
  })

  it('returns copies, so callers cannot change the stored state', async () => {
    const { store } = await open()
    const saved = await store.save(input())
    saved.campaigns.push({ id: 'x', label: 'x' })
    store.list()[0]!.name = 'changed'
    expect(store.get(saved.id).campaigns).toHaveLength(1)
    expect(store.get(saved.id).name).toBe('Shanghai CC')
  })

  it('deletes profiles', async () => {
    const { store } = await open()
    const a = await store.save(input())
    expect(await store.delete(a.id)).toBe(true)
    expect(await store.delete(a.id)).toBe(false)
    expect((await open()).store.list()).toEqual([])
  })

  it('sets TLS trust and campaigns with the same checks', async () => {
    const { store } = await open()
    const p = await store.save(input())
    const pinned = await store.setTls(p.id, {
      mode: 'pin',
      fingerprint256: `SHA256:${FP}`,
      subject: 'CN=x',
      trustedAt: 't',
    })
    expect(pinned.tls).toMatchObject({ fingerprint256: FP_NORMAL })
    const ca = await createTestCa()
    const withCa = await store.setTls(p.id, { mode: 'ca', caPem: ca.certPem, caLabel: ' ca.pem ' })
    expect(withCa.tls).toMatchObject({ mode: 'ca', caLabel: 'ca.pem' })
    expect(withCa.tls.mode === 'ca' && withCa.tls.caPem).toContain('BEGIN CERTIFICATE')

    const camps = await store.setCampaigns(p.id, [
      { id: ' 7 ', label: 'Seven' },
      { id: '7', label: 'Again' },
    ])
    expect(camps.campaigns).toEqual([{ id: '7', label: 'Seven' }])
    expect((await open()).store.get(p.id)).toEqual(camps)

    await validationError(store.setTls('nope', { mode: 'system' }))
    const bad = await validationError(
      store.setTls(p.id, { mode: 'pin', fingerprint256: 'abc', subject: '', trustedAt: '' }),
    )
    expect(bad.message).toMatch(/fingerprint/)
    expect(store.get(p.id).tls.mode).toBe('ca')
  })

  it('names the problem in validation messages and stores nothing', async () => {
    const { store } = await open()
    const url = await validationError(store.save(input({ serverUrl: 'http://10.0.0.1:80' })))
    expect(url.message).toBe(SERVER_URL_MESSAGE)
    expect(url.detail.field).toBe('serverUrl')
    const vdn = await validationError(store.save(input({ vdnId: 0 })))
    expect(vdn.message).toMatch(/VDN id/)
    const pem = await validationError(
      store.save(input({ tls: { mode: 'ca', caPem: 'not a pem', caLabel: 'x' } })),
    )
    expect(pem.message).toMatch(/PEM/)
    const sign = await validationError(
      store.save(
        input({ signing: { timestampFormat: 'seconds', signedHeaders: ['content-type'] } }),
      ),
    )
    expect(sign.message).toMatch(/host header/)
    expect(store.list()).toEqual([])
    expect(await readdir(dir)).toEqual([])
  })

  it('gives validation problems as catalogue messages, so the Chinese window says them in Chinese', async () => {
    const { store } = await open()
    const vdn = await validationError(store.save(input({ vdnId: 0 })))
    expect(vdn.message).toBe('The server profile is not valid: VDN id must be at least 1.')
    expect(formatRef('zh-CN', vdn.ref!)).toBe('服务器配置无效：VDN ID不能小于 1。')
    const p = await store.save(input())
    const label = await validationError(
      store.setCampaigns(p.id, [
        { id: '1', label: 'a' },
        { id: '', label: 'b' },
      ]),
    )
    expect(label.message).toBe('The watched campaigns are not valid: #2 › id must not be empty.')
    expect(formatRef('zh-CN', label.ref!)).toBe('关注的活动无效：第 2 项 › ID不能为空。')
  })

  it('keeps a file that cannot be parsed aside, reports it and starts empty', async () => {
    await writeFile(join(dir, 'profiles.json'), '{"version": 1, "profiles": [')
    const { store, problem } = await open()
    expect(store.list()).toEqual([])
    const files = await readdir(dir)
    expect(files).toHaveLength(1)
    expect(files[0]).toMatch(/^profiles\.json\.broken-\d{4}-\d\d-\d\dT[\d-]+Z$/)
    expect(problem?.message).toContain('Your saved server profiles could not be read')
    expect(problem?.message).toContain(files[0])
    expect(problem?.message).toContain('you start with none')
    expect(await readFile(join(dir, files[0]!), 'utf8')).toBe('{"version": 1, "profiles": [')

    // Saving now writes a fresh file next to the kept one.
    await store.save(input())
    expect((await readdir(dir)).sort()).toEqual([files[0], 'profiles.json'].sort())
  })

  it('keeps aside a file that parses but does not validate', async () => {
    await writeFile(
      join(dir, 'profiles.json'),
      JSON.stringify({ version: 1, profiles: [{ id: 'x', name: 'no other fields' }] }),
    )
    const { store, problem } = await open()
    expect(store.list()).toEqual([])
    expect(problem?.message).toMatch(
      /could not be read \(.*server address|could not be read \(.*profiles/,
    )
    expect((await readdir(dir))[0]).toMatch(/^profiles\.json\.broken-/)
  })

  it('keeps aside a file without a version, and one with repeated ids', async () => {
    await writeFile(join(dir, 'profiles.json'), JSON.stringify({ profiles: [] }))
    expect((await open()).problem?.message).toMatch(/format version is missing/)
    const { store } = await open()
    const p = await store.save(input())
    const file = JSON.parse(await readFile(join(dir, 'profiles.json'), 'utf8'))
    file.profiles.push(p)
    await writeFile(join(dir, 'profiles.json'), JSON.stringify(file))
    expect((await open()).problem?.message).toMatch(/same id/)
    expect((await readdir(dir)).filter((f) => f.includes('.broken-'))).toHaveLength(2)
  })

  it('refuses a file from a newer version with a clear message, keeping it aside', async () => {
    const newer = JSON.stringify({ version: 2, profiles: [], somethingNew: true })
    await writeFile(join(dir, 'profiles.json'), newer)
    const { store, problem } = await open()
    expect(store.list()).toEqual([])
    expect(problem?.message).toMatch(/newer version of iSales Import Monitor \(format version 2\)/)
    const files = await readdir(dir)
    expect(files[0]).toMatch(/^profiles\.json\.newer-/)
    expect(await readFile(join(dir, files[0]!), 'utf8')).toBe(newer)
  })

  it('reports a failed write as an error and keeps the previous state', async () => {
    const { store } = await open()
    const a = await store.save(input({ name: 'A' }))
    // A directory where the temp file should go makes the write fail.
    await rm(dir, { recursive: true })
    await writeFile(dir, 'not a folder')
    try {
      await expect(store.save(input({ name: 'B' }))).rejects.toMatchObject({ code: 'internal' })
      expect(store.list()).toEqual([a])
    } finally {
      await rm(dir, { force: true })
      await mkdir(dir)
    }
  })
})

describe('ProfileStore demo profile', () => {
  it('saves a demo profile under its own id and leaves it out of exports', async () => {
    const { store } = await open()
    const demo = await store.save(input({ id: 'demo', name: 'Demo' }), { demo: true })
    expect(demo).toMatchObject({ id: 'demo', demo: true })
    const again = await store.save(input({ id: 'demo', name: 'Demo', vdnId: 2 }))
    expect(again.demo).toBe(true)
    await store.save(input({ name: 'Real' }))
    const exported = JSON.parse(store.exportJson())
    expect(exported.profiles.map((p: { name: string }) => p.name)).toEqual(['Real'])
  })
})

describe('ProfileStore export and import', () => {
  it('exports a versioned document and imports it into another store', async () => {
    const { store } = await open()
    const a = await store.save(input({ name: 'A' }))
    const b = await store.save(
      input({
        name: 'B',
        tls: { mode: 'pin', fingerprint256: FP, subject: 'CN=b', trustedAt: 'now' },
      }),
    )
    const text = store.exportJson()
    const doc = JSON.parse(text)
    expect(Object.keys(doc)).toEqual(['format', 'version', 'profiles'])
    expect(doc).toMatchObject({ format: EXPORT_FORMAT, version: 1 })
    expect(doc.profiles).toEqual([a, b])
    expect(text).not.toMatch(/"sk"|secret/i)

    const other = await mkdtemp(join(tmpdir(), 'profile-store-other-'))
    try {
      const { store: target } = await ProfileStore.open(other)
      expect(await target.importJson(text)).toEqual({ imported: 2, skipped: 0 })
      // Each under a new id: no keychain entry of the file's ids can become its key.
      const imported = target.list()
      expect(imported.map(({ id: _id, ...p }) => p)).toEqual([a, b].map(({ id: _id, ...p }) => p))
      expect(imported.map((p) => p.id)).not.toContain(a.id)
      expect(imported.map((p) => p.id)).not.toContain(b.id)
      expect((await ProfileStore.open(other)).store.list()).toEqual(imported)
      // A second import skips the profiles it already has (exact copies).
      expect(await target.importJson(text)).toEqual({ imported: 0, skipped: 2 })
      expect(target.list()).toHaveLength(2)
    } finally {
      await rm(other, { recursive: true, force: true })
    }
  })

  it('skips existing ids but keeps the existing profile as it was', async () => {
    const { store } = await open()
    const a = await store.save(input({ name: 'Mine' }))
    const doc = {
      format: EXPORT_FORMAT,
      version: 1,
      profiles: [
        { ...a, name: 'Theirs' },
        { ...a, id: 'new-1', name: 'New' },
        { ...a, id: 'new-1', name: 'Repeated' },
        { ...a, id: 'demo-x', name: 'Demo', demo: true },
      ],
    }
    expect(await store.importJson(JSON.stringify(doc))).toEqual({ imported: 1, skipped: 3 })
    expect(store.list().map((p) => p.name)).toEqual(['Mine', 'New'])
    expect(store.list()[0]!.id).toBe(a.id)
    expect(store.list()[1]!.id).not.toBe('new-1')
  })

  it('never imports a secret key', async () => {
    const { store } = await open()
    const a = await store.save(input())
    const sk = 'SK-recognizable-0123456789'
    const doc = {
      format: EXPORT_FORMAT,
      version: 1,
      profiles: [{ ...a, id: 'with-sk', name: 'With SK', sk, secretKey: sk, hasSecret: true }],
    }
    expect(await store.importJson(JSON.stringify(doc))).toEqual({ imported: 1, skipped: 0 })
    expect(JSON.stringify(store.list().find((p) => p.name === 'With SK'))).not.toContain(sk)
    expect(await readFile(join(dir, 'profiles.json'), 'utf8')).not.toContain(sk)
  })

  it('rejects files that are not exports, newer versions and invalid profiles clearly', async () => {
    const { store } = await open()
    const good = await store.save(input())
    const doc = (profiles: unknown[], extra: object = {}) =>
      JSON.stringify({ format: EXPORT_FORMAT, version: 1, profiles, ...extra })

    expect((await validationError(store.importJson('nope'))).message).toMatch(/not valid JSON/)
    expect((await validationError(store.importJson('[]'))).message).toMatch(/no "format" field/)
    expect(
      (await validationError(store.importJson(JSON.stringify({ format: 'other', version: 1 }))))
        .message,
    ).toMatch(/not an iSales Import Monitor profiles export/)
    expect((await validationError(store.importJson(doc([], { version: 3 })))).message).toMatch(
      /newer version .*format version 3.*Update the app/,
    )
    expect((await validationError(store.importJson(doc([], { version: 0 })))).message).toMatch(
      /format version/,
    )

    const badUrl = await validationError(
      store.importJson(doc([good, { ...good, id: 'z', name: 'Bad one', serverUrl: 'ftp://x' }])),
    )
    expect(badUrl.message).toMatch(/^Profile 2 \("Bad one"\) in the file is not valid: .*https/)
    const badVdn = await validationError(store.importJson(doc([{ ...good, id: 'y', vdnId: 'x' }])))
    expect(badVdn.message).toMatch(/Profile 1 .* VDN id/)
    expect(badVdn.detail.field).toBe('vdnId')
    expect(store.list()).toEqual([good])
  })
})

describe('the reserved demo id', () => {
  it('is refused for an ordinary profile and skipped on import', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'profiles-demo-'))
    try {
      const { store } = await ProfileStore.open(dir)
      const input = {
        name: 'Mine',
        serverUrl: 'https://10.0.0.1:28443',
        vdnId: 1,
        ak: 'ak',
        signing: { timestampFormat: 'seconds' as const, signedHeaders: ['host' as const] },
        tls: { mode: 'system' as const },
        campaigns: [],
      }
      await expect(store.save({ ...input, id: 'demo' })).rejects.toMatchObject({
        code: 'validation',
      })
      const file = JSON.stringify({
        format: 'isales-import-monitor.profiles',
        version: 1,
        profiles: [{ ...input, id: 'demo' }],
      })
      await expect(store.importJson(file)).resolves.toEqual({ imported: 0, skipped: 1 })
      // The demo itself may still be created and then edited under its id.
      await store.save({ ...input, id: 'demo' }, { demo: true })
      await expect(store.save({ ...input, id: 'demo', name: 'Renamed' })).resolves.toMatchObject({
        name: 'Renamed',
        demo: true,
      })
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
