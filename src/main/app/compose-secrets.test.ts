/**
 * composeApp's start-up sweep of the keychain: entries of no profile (a new profile's key written
 * just before a crash, a deleted profile's key whose removal failed) are removed, but never while
 * the profiles file could not be read (its profiles' keys must be there when it is put back).
 */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ProfileInput } from '../../shared/contract'
import { createMemoryKeychain } from '../secrets/keychain'
import { removeRoot, startHarness, type Harness } from '../testing/compose-harness'

const PROFILE: ProfileInput = {
  name: 'Unreachable',
  serverUrl: 'https://127.0.0.1:9',
  vdnId: 1,
  ak: 'AK-sweep',
  signing: { timestampFormat: 'seconds', signedHeaders: ['host'] },
  tls: { mode: 'system' },
  campaigns: [],
}

let harnesses: Harness[] = []
afterEach(async () => {
  for (const h of harnesses) await h.dispose()
  await Promise.all(harnesses.map((h) => removeRoot(h.root)))
  harnesses = []
})

async function harness(opts?: Parameters<typeof startHarness>[0]): Promise<Harness> {
  const h = await startHarness(opts)
  harnesses.push(h)
  return h
}

/** A first run that saved one profile with its SK in the keychain. */
async function firstRun() {
  const keychain = createMemoryKeychain()
  const first = await harness({ keychain })
  const view = await first.ok('profiles:save', {
    profile: PROFILE,
    secret: { sk: 'SK-sweep', sessionOnly: false },
  })
  await first.dispose()
  harnesses = harnesses.filter((h) => h !== first)
  keychain.entries.set('left-by-a-crash', 'SK-orphan')
  return { keychain, root: first.root, id: view.id }
}

describe('start-up keychain sweep', () => {
  it('removes the entries of profiles that do not exist and keeps the others', async () => {
    const { keychain, root, id } = await firstRun()
    const h = await harness({ root, keychain })
    await vi.waitFor(() => expect(keychain.entries.has('left-by-a-crash')).toBe(false))
    expect([...keychain.entries.keys()]).toEqual([id])
    expect(await h.ok('profiles:list', {})).toEqual([
      expect.objectContaining({ id, secretStorage: 'keychain' }),
    ])
  })

  it('removes nothing when the profiles file could not be read', async () => {
    const { keychain, root, id } = await firstRun()
    await writeFile(join(root, 'userData', 'profiles.json'), '{ not json')
    const list = vi.spyOn(keychain, 'list')
    const h = await harness({ root, keychain })
    expect(await h.ok('profiles:list', {})).toEqual([])
    expect(list).not.toHaveBeenCalled()
    expect([...keychain.entries.keys()].sort()).toEqual([id, 'left-by-a-crash'].sort())
  })
})
