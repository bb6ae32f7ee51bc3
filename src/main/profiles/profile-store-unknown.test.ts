import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ProfileInput } from '../../shared/contract'
import { ProfileStore } from './profile-store'

/** Fields a newer version wrote into profiles.json: ignored for use, kept on disk. */

let dir: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'profile-store-unknown-'))
})

afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const file = () => join(dir, 'profiles.json')

function stored(id: string, name: string): ProfileInput & { id: string } {
  return {
    id,
    name,
    serverUrl: 'https://10.0.0.1:28443',
    vdnId: 12,
    ak: 'ak-123',
    signing: { timestampFormat: 'seconds', signedHeaders: ['host'] },
    tls: { mode: 'system' },
    campaigns: [
      { id: '1001', label: 'Renewals' },
      { id: '1002', label: 'Leads' },
    ],
  }
}

/** A file as a newer version of the app would write it, same format version. */
async function writeNewerFile() {
  const a = {
    ...stored('a', 'Shanghai'),
    proxy: { url: 'http://proxy:3128' },
    signing: { timestampFormat: 'seconds', signedHeaders: ['host'], algorithm: 'v3' },
    tls: { mode: 'system', minVersion: 'TLSv1.3' },
    campaigns: [
      { id: '1001', label: 'Renewals', colour: 'red' },
      { id: '1002', label: 'Leads' },
    ],
  }
  const b = stored('b', 'Beijing')
  await writeFile(file(), JSON.stringify({ version: 1, profiles: [a, b], syncedAt: 'x' }))
}

async function onDisk(): Promise<{ profiles: Record<string, unknown>[]; [k: string]: unknown }> {
  return JSON.parse(await readFile(file(), 'utf8'))
}

describe('ProfileStore with fields from a newer version', () => {
  it('loads every profile, ignoring the unknown fields for use', async () => {
    await writeNewerFile()
    const { store, problem } = await ProfileStore.open(dir)
    expect(problem).toBeUndefined()
    expect(store.list().map((p) => p.name)).toEqual(['Shanghai', 'Beijing'])
    const a = store.get('a')
    expect(a).not.toHaveProperty('proxy')
    expect(a.tls).toEqual({ mode: 'system' })
    expect(a.signing).toEqual({ timestampFormat: 'seconds', signedHeaders: ['host'] })
    expect(a.campaigns[0]).toEqual({ id: '1001', label: 'Renewals' })
    expect(await readdir(dir)).toEqual(['profiles.json']) // nothing set aside
    expect(JSON.parse(store.exportJson()).profiles[0]).not.toHaveProperty('proxy')
  })

  it('keeps them on disk, each with its own profile and campaign, across rewrites', async () => {
    await writeNewerFile()
    const { store } = await ProfileStore.open(dir)
    // Campaigns reordered and renamed, another profile changed: the fields stay where they were.
    await store.setCampaigns('a', [
      { id: '1002', label: 'Leads' },
      { id: '1001', label: 'Renewals 2' },
    ])
    await store.setTls('b', { mode: 'system' })
    const doc = await onDisk()
    expect(doc.syncedAt).toBe('x')
    const [a, b] = doc.profiles
    expect(a).toMatchObject({
      proxy: { url: 'http://proxy:3128' },
      signing: { algorithm: 'v3' },
      tls: { mode: 'system', minVersion: 'TLSv1.3' },
      campaigns: [
        { id: '1002', label: 'Leads' },
        { id: '1001', label: 'Renewals 2', colour: 'red' },
      ],
    })
    expect(b).not.toHaveProperty('proxy')
    // And a reopened store still has them for the next rewrite.
    const again = (await ProfileStore.open(dir)).store
    await again.setCampaigns('b', [])
    expect((await onDisk()).profiles[0]).toMatchObject({ proxy: { url: 'http://proxy:3128' } })
  })

  it('drops them with their profile, and a later profile of that id does not inherit them', async () => {
    await writeNewerFile()
    const { store } = await ProfileStore.open(dir)
    await store.delete('a')
    expect(JSON.stringify(await onDisk())).not.toContain('proxy')
    await store.save(stored('a', 'Again'), { demo: true })
    expect(JSON.stringify(await onDisk())).not.toContain('proxy')
  })

  it('still sets aside a file whose known fields are wrong', async () => {
    const bad = { ...stored('a', 'Shanghai'), vdnId: 'twelve', proxy: {} }
    await writeFile(file(), JSON.stringify({ version: 1, profiles: [bad] }))
    const { store, problem } = await ProfileStore.open(dir)
    expect(problem).toBeDefined()
    expect(store.list()).toEqual([])
  })
})
