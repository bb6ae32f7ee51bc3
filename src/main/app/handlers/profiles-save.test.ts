/**
 * profiles:save with the real profile and secret stores: a stored key stays with the address, AK
 * and trust it was given for, and a save is all or nothing across a crash (a step that never
 * ends, then a fresh pair of stores over the same folder and keychain: a restart).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ProfileInput } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import { ProfileStore } from '../../profiles/profile-store'
import { bindingOf, decodeValue } from '../../secrets/bound-secret'
import { createMemoryKeychain, type MemoryKeychain } from '../../secrets/keychain'
import { SecretStore } from '../../secrets/secret-store'
import { createProfileViews } from './profile-views'
import { profileHandlers } from './profiles'
import type { AppServices } from './services'

const FP_A = 'AA:'.repeat(31) + 'AA'
const FP_B = 'BB:'.repeat(31) + 'BB'

function input(over: Partial<ProfileInput> = {}): ProfileInput {
  return {
    name: 'Lab',
    serverUrl: 'https://10.0.0.5:28443',
    vdnId: 1,
    ak: 'AK-1',
    signing: { timestampFormat: 'seconds', signedHeaders: ['host'] },
    tls: { mode: 'pin', fingerprint256: FP_A, subject: 'CN=a', trustedAt: 'then' },
    campaigns: [],
    ...over,
  }
}

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'profiles-save-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** The app's stores over `dir` and the keychain, as composeApp wires them (sweep included). */
async function boot(kc: MemoryKeychain, opts: { hangProfileWrite?: () => Promise<never> } = {}) {
  const { store } = await ProfileStore.open(dir)
  const secrets = new SecretStore(kc, (id) => {
    const p = store.find(id)
    return p && bindingOf(p)
  })
  await secrets.tidy()
  // A crash while the profile file is being written: the write never ends.
  const profiles: ProfileStore = opts.hangProfileWrite
    ? Object.assign(Object.create(store) as ProfileStore, { save: opts.hangProfileWrite })
    : store
  const quiet = () => undefined
  const deps = {
    profiles,
    secrets,
    views: createProfileViews({ profiles: store, secrets, emit: quiet }),
    monitor: { profileChanged: quiet, profileRemoved: async () => {}, watchEveryProfile: quiet },
    demo: { stop: async () => {} },
    log: { addSecret: quiet, removeSecret: quiet, warn: quiet, error: quiet },
    adapters: {},
    shown: () => '',
  } as unknown as AppServices
  return { store, secrets, save: profileHandlers(deps)['profiles:save'] }
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => new Error('expected a refusal'),
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(AppError)
  return err as AppError
}

describe('profiles:save keeps a stored key with what it was given for', () => {
  it.each([
    ['the server address', { serverUrl: 'https://203.0.113.9:28443' }],
    ['the AK', { ak: 'AK-2' }],
    [
      'the trust',
      { tls: { mode: 'pin', fingerprint256: FP_B, subject: 'CN=b', trustedAt: 'now' } },
    ],
    ['the trust mode', { tls: { mode: 'system' } }],
  ] as const)(
    'refuses a change of %s without the SK, and keeps the profile as it was',
    async (_what, change) => {
      const kc = createMemoryKeychain()
      const { store, secrets, save } = await boot(kc)
      const saved = await save({ profile: input(), secret: { sk: 'SK-1', sessionOnly: false } }, {})

      const err = await refusal(save({ profile: { ...input(change), id: saved.id } }, {}))
      expect(err).toMatchObject({ code: 'validation', messageId: 'secretNeededForChange' })
      expect(err.detail).toMatchObject({ field: 'sk' })
      expect(err.message).toBe(
        'The server address, AK or certificate trust changed, and the stored SK stays with the ' +
          'settings it was given for. Enter the SK again to save these settings.',
      )
      const { hasSecret: _has, secretStorage: _where, ...asSaved } = saved
      expect(store.get(saved.id)).toEqual(asSaved)
      expect(await secrets.get(saved.id)).toBe('SK-1')
    },
  )

  it('saves other changes without the SK, and a changed server with it', async () => {
    const kc = createMemoryKeychain()
    const { secrets, save } = await boot(kc)
    const saved = await save({ profile: input(), secret: { sk: 'SK-1', sessionOnly: false } }, {})
    const renamed = await save({ profile: { ...input({ name: 'Renamed' }), id: saved.id } }, {})
    expect(renamed).toMatchObject({ name: 'Renamed', hasSecret: true, secretStorage: 'keychain' })

    const moved = input({ serverUrl: 'https://203.0.113.9:28443' })
    const view = await save(
      { profile: { ...moved, id: saved.id }, secret: { sk: 'SK-2', sessionOnly: false } },
      {},
    )
    expect(view).toMatchObject({ serverUrl: moved.serverUrl, secretStorage: 'keychain' })
    expect(await secrets.get(saved.id)).toBe('SK-2')
    expect(decodeValue(kc.entries.get(saved.id)!)).toEqual({
      kind: 'bound',
      keys: [{ origin: moved.serverUrl, ak: 'AK-1', sk: 'SK-2' }],
    })
  })
})

/** Where the crash happens: the step that never ends. */
type CrashPoint = 'the keychain write' | 'the profile write' | 'dropping the previous key'

/** A promise that never settles, and one that resolves when it was asked for. */
function neverEnding(): { hang: () => Promise<never>; reached: Promise<void> } {
  let reachedIt!: () => void
  const reached = new Promise<void>((resolve) => (reachedIt = resolve))
  return {
    hang: () => {
      reachedIt()
      return new Promise<never>(() => {})
    },
    reached,
  }
}

type SaveArgs = Parameters<Awaited<ReturnType<typeof boot>>['save']>[0]

/** Runs a save on a fresh boot that crashes at `point`; resolves once it got there. */
async function crashingSave(kc: MemoryKeychain, point: CrashPoint, args: SaveArgs): Promise<void> {
  const { hang, reached } = neverEnding()
  // The stage writes the keychain once, the commit a second time.
  const hangingWrite =
    point === 'the keychain write' ? 1 : point === 'dropping the previous key' ? 2 : undefined
  if (hangingWrite !== undefined) {
    const set = kc.set.bind(kc)
    let writes = 0
    kc.set = (account, secret) => (++writes === hangingWrite ? hang() : set(account, secret))
  }
  const { save } = await boot(kc, {
    hangProfileWrite: point === 'the profile write' ? hang : undefined,
  })
  void save(args, {})
  await reached
}

/** The keychain a restarted app finds: what was written, with the daemon working. */
function afterRestart(kc: MemoryKeychain): MemoryKeychain {
  const fresh = createMemoryKeychain()
  for (const [account, value] of kc.entries) fresh.entries.set(account, value)
  return fresh
}

/** After a restart (sweep included): each profile has a key for its address and AK, each entry a profile. */
async function restartConsistent(kc: MemoryKeychain) {
  const restarted = afterRestart(kc)
  const { store, secrets } = await boot(restarted)
  const profiles = store.list()
  for (const p of profiles) expect(await secrets.storage(p.id), p.name).toBe('keychain')
  expect([...restarted.entries.keys()].sort()).toEqual(profiles.map((p) => p.id).sort())
  return { restarted, profiles, secrets }
}

const POINTS: CrashPoint[] = [
  'the keychain write',
  'the profile write',
  'dropping the previous key',
]

describe('profiles:save is all or nothing across a crash', () => {
  it.each(POINTS)(
    'a new profile crashed during %s: no profile without its key, no key without its profile',
    async (point) => {
      const kc = createMemoryKeychain()
      await crashingSave(kc, point, {
        profile: input(),
        secret: { sk: 'SK-new', sessionOnly: false },
      })

      const { profiles, secrets } = await restartConsistent(kc)
      if (point === 'dropping the previous key') {
        expect(profiles.map((p) => p.name)).toEqual(['Lab'])
        expect(await secrets.get(profiles[0]!.id)).toBe('SK-new')
      } else {
        expect(profiles).toEqual([])
      }
    },
  )

  it.each(POINTS)(
    'a moved profile crashed during %s keeps a key for the server its file names',
    async (point) => {
      const kc = createMemoryKeychain()
      const first = await boot(kc)
      const saved = await first.save(
        { profile: input(), secret: { sk: 'SK-1', sessionOnly: false } },
        {},
      )
      const moved = input({ serverUrl: 'https://203.0.113.9:28443' })
      await crashingSave(kc, point, {
        profile: { ...moved, id: saved.id },
        secret: { sk: 'SK-2', sessionOnly: false },
      })

      const { restarted, profiles, secrets } = await restartConsistent(kc)
      expect(profiles).toHaveLength(1)
      const movedOnDisk = point === 'dropping the previous key'
      expect(profiles[0]!.serverUrl).toBe(movedOnDisk ? moved.serverUrl : input().serverUrl)
      expect(await secrets.get(saved.id)).toBe(movedOnDisk ? 'SK-2' : 'SK-1')
      // The sweep left only the key of the profile as it is.
      const kept = decodeValue(restarted.entries.get(saved.id)!)
      expect(kept).toEqual({
        kind: 'bound',
        keys: [{ ...bindingOf(profiles[0]!), sk: movedOnDisk ? 'SK-2' : 'SK-1' }],
      })
    },
  )
})
