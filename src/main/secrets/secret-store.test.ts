import { inspect } from 'node:util'
import { AppError } from '../../shared/errors'
import { redactText } from '../log/redact'
import { createMemoryKeychain, keychainFailureReason, sanitizedError } from './keychain'
import { decodeValue, encodeKeys, type SecretBinding } from './bound-secret'
import { SecretStore } from './secret-store'

const SK = 'SK-Recognizable-7f3a9c2e-DO-NOT-LEAK'
const A: SecretBinding = { origin: 'https://10.0.0.5:28443', ak: 'AK-A' }
/** The binding lookup of the tests that are not about binding: every profile is on server A. */
const everyProfileAtA = (): SecretBinding => A

/** The SKs a keychain value holds, newest first. */
function sksIn(value: string | undefined): string[] {
  if (value === undefined) return []
  const decoded = decodeValue(value)
  return decoded.kind === 'bound' ? decoded.keys.map((k) => k.sk) : [decoded.sk]
}

const NO_BUS =
  'Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled at compile time, set your DBUS_SESSION_BUS_ADDRESS instead'
const LOCKED = "Couldn't access platform storage: Secret Service: no result found"

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => {
      throw new Error('expected a rejection')
    },
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(AppError)
  return err as AppError
}

/** Everything an error could show or log. */
function everything(err: AppError): string {
  return [
    err.message,
    JSON.stringify(err.toPayload()),
    inspect(err, { depth: 10 }),
    err.stack,
  ].join('\n')
}

describe('SecretStore with a keychain', () => {
  it('keeps the SK in the keychain and reads it back', async () => {
    const kc = createMemoryKeychain()
    const store = new SecretStore(kc, everyProfileAtA)
    expect(await store.storage('p1')).toBe('none')
    expect(await store.set('p1', SK, { sessionOnly: false })).toBe('keychain')
    expect(sksIn(kc.entries.get('p1'))).toEqual([SK])
    expect(await store.get('p1')).toBe(SK)
    expect(await store.storage('p1')).toBe('keychain')
    // A new process (new store) finds it in the keychain.
    const later = new SecretStore(kc, everyProfileAtA)
    expect(await later.storage('p1')).toBe('keychain')
    expect(await later.get('p1')).toBe(SK)
  })

  it('keeps a session-only SK in memory and removes an older keychain copy', async () => {
    const kc = createMemoryKeychain()
    const store = new SecretStore(kc, everyProfileAtA)
    await store.set('p1', 'old-sk', { sessionOnly: false })
    expect(await store.set('p1', SK, { sessionOnly: true })).toBe('session')
    expect(kc.entries.has('p1')).toBe(false)
    expect(await store.get('p1')).toBe(SK)
    expect(await store.storage('p1')).toBe('session')
    // After a restart it is gone.
    const later = new SecretStore(kc, everyProfileAtA)
    expect(await later.get('p1')).toBeNull()
    expect(await later.storage('p1')).toBe('none')
  })

  it('prefers the session copy, and a later keychain save replaces it', async () => {
    const kc = createMemoryKeychain()
    const store = new SecretStore(kc, everyProfileAtA)
    kc.entries.set('p1', 'from-keychain')
    await store.set('p1', SK, { sessionOnly: true })
    expect(await store.get('p1')).toBe(SK)
    kc.entries.set('p1', 'from-keychain')
    await store.set('p1', 'newer', { sessionOnly: false })
    expect(await store.storage('p1')).toBe('keychain')
    expect(await store.get('p1')).toBe('newer')
  })

  it('clears session and keychain copies', async () => {
    const kc = createMemoryKeychain()
    const store = new SecretStore(kc, everyProfileAtA)
    await store.set('p1', SK, { sessionOnly: false })
    await store.set('p2', SK, { sessionOnly: true })
    await store.clear('p1')
    await store.clear('p2')
    await store.clear('never-set')
    expect(kc.entries.size).toBe(0)
    expect(await store.get('p1')).toBeNull()
    expect(await store.storage('p2')).toBe('none')
  })

  it('reports an available keychain, probing once and leaving nothing behind', async () => {
    const kc = createMemoryKeychain('GNOME Keyring')
    const setSpy = vi.spyOn(kc, 'set')
    const store = new SecretStore(kc, everyProfileAtA)
    expect(await store.status()).toEqual({ available: true, backend: 'GNOME Keyring' })
    await store.status()
    expect(setSpy).toHaveBeenCalledTimes(1)
    expect(kc.entries.size).toBe(0)
    await store.status({ recheck: true })
    expect(setSpy).toHaveBeenCalledTimes(2)
  })

  it('reports a keychain that does not give back what was stored', async () => {
    const kc = createMemoryKeychain()
    kc.get = async () => 'something else'
    const status = await new SecretStore(kc, everyProfileAtA).status()
    expect(status.available).toBe(false)
    expect(status.problem?.message).toMatch(/did not give back what was stored/)
    expect(status.problem).toMatchObject({
      messageId: 'keychainUnusable',
      params: { reason: { id: 'keychainGaveBackOther' } },
    })
  })

  it('does not show session SKs when the store is logged or serialized', async () => {
    const store = new SecretStore(createMemoryKeychain(), everyProfileAtA)
    await store.set('p1', SK, { sessionOnly: true })
    expect(inspect(store, { depth: 10, showHidden: true })).not.toContain(SK)
    expect(JSON.stringify({ store })).not.toContain(SK)
  })
})

describe('SecretStore when the keychain fails', () => {
  it.each([
    [NO_BUS, /no desktop session is running/],
    ["Couldn't access platform storage: AccessDenied", /no desktop session is running/],
    [LOCKED, /keyring is locked or has not been set up/],
    ['User interaction is not allowed.', /keyring is locked/],
    ['org.freedesktop.DBus.Error.AccessDenied: Permission denied', /not allowed to use it/],
    ['something odd', /it reported an error/],
  ])('status explains %j in plain words', async (text, reason) => {
    const kc = createMemoryKeychain('Secret Service')
    kc.fail = text
    const status = await new SecretStore(kc, everyProfileAtA).status()
    expect(status.available).toBe(false)
    expect(status.backend).toBe('Secret Service')
    expect(status.problem?.message).toMatch(/^This computer's keychain cannot be used \(/)
    expect(status.problem?.message).toMatch(reason)
    expect(status.problem?.message).toMatch(
      /You can keep the secret key for this session only; you will be asked again after a restart\.$/,
    )
    expect(status.problem?.message).not.toContain(text)
    expect(JSON.stringify(status.problem)).not.toContain(text)
  })

  it('throws AppError keychain in plain words without the SK, even if the library echoes it', async () => {
    const kc = createMemoryKeychain()
    kc.set = async (_account, secret) => {
      throw new Error(`${LOCKED} while storing "${secret}"`)
    }
    const store = new SecretStore(kc, everyProfileAtA)
    const err = await rejection(store.set('p1', SK, { sessionOnly: false }))
    expect(err.code).toBe('keychain')
    expect(err.message).toBe(
      "This computer's keychain cannot be used (the keyring is locked or has not been set up; " +
        'unlocking it, for example by logging in to the desktop, usually fixes this). ' +
        'You can keep the secret key for this session only; you will be asked again after a restart.',
    )
    expect(err.detail.cause).toContain('***')
    expect(err.cause).toBeUndefined()
    expect(everything(err)).not.toContain(SK)
    expect(await store.storage('p1')).toBe('none')
    expect(await store.get('p1')).toBeNull()

    // The offered fallback works.
    expect(await store.set('p1', SK, { sessionOnly: true })).toBe('session')
    expect(await store.get('p1')).toBe(SK)
  })

  it('without any keychain: status says so, keychain saves fail, session saves work', async () => {
    const store = new SecretStore(null, everyProfileAtA)
    expect(await store.status()).toEqual({
      available: false,
      backend: 'none',
      problem: {
        message: expect.stringMatching(/no keychain support is available for this system/),
        messageId: 'keychainUnusable',
        params: { reason: { id: 'keychainNoSupport' } },
      },
    })
    const err = await rejection(store.set('p1', SK, { sessionOnly: false }))
    expect(err.code).toBe('keychain')
    expect(everything(err)).not.toContain(SK)
    expect(await store.set('p1', SK, { sessionOnly: true })).toBe('session')
    expect(await store.get('p1')).toBe(SK)
    expect(await store.storage('p1')).toBe('session')
    await store.clear('p1')
    expect(await store.storage('p1')).toBe('none')
  })

  it('get throws AppError keychain; storage answers unavailable; clear reports the failure', async () => {
    const kc = createMemoryKeychain()
    const store = new SecretStore(kc, everyProfileAtA)
    kc.fail = NO_BUS
    const err = await rejection(store.get('p1'))
    expect(err.code).toBe('keychain')
    expect(err.message).toMatch(/no desktop session is running/)
    expect(await store.storage('p1')).toBe('unavailable')
    const cleared = await rejection(store.clear('p1'))
    expect(cleared).toMatchObject({ code: 'keychain' })
    expect(cleared.message).toMatch(/could not be removed/)
  })

  it.each([
    [LOCKED],
    // What @napi-rs/keyring gives when gnome-keyring was restarted locked and no prompt can show.
    ["Couldn't access platform storage: Secret Service: unlock prompt was dismissed"],
    ['User interaction is not allowed.'],
  ])('get on a locked keyring (%j) says to unlock it, never that no SK is stored', async (text) => {
    const kc = createMemoryKeychain('Secret Service')
    kc.entries.set('p1', SK)
    kc.fail = text
    const store = new SecretStore(kc, everyProfileAtA)
    const err = await rejection(store.get('p1'))
    expect(err).toMatchObject({ code: 'keychain', messageId: 'keychainLockedRead' })
    expect(err.message).toBe(
      'The secret key cannot be read: the keyring is locked (or was restarted locked). ' +
        'Unlock it, for example by logging in to the desktop again, then try again.',
    )
    expect(err.message).not.toMatch(/No secret key is stored/)
    expect(err.detail.cause).toBe(text)

    // Unlocked again: the SK that was there all along.
    kc.fail = null
    expect(await store.get('p1')).toBe(SK)
  })

  it('get answers null only when the keychain has no entry', async () => {
    const kc = createMemoryKeychain()
    expect(await new SecretStore(kc, everyProfileAtA).get('p1')).toBeNull()
  })

  it('session-only saves work while the keychain is failing', async () => {
    const kc = createMemoryKeychain()
    kc.fail = LOCKED
    const store = new SecretStore(kc, everyProfileAtA)
    expect(await store.set('p1', SK, { sessionOnly: true })).toBe('session')
    expect(await store.get('p1')).toBe(SK)
  })

  it('probes again after a keychain save succeeds once the keychain works', async () => {
    const kc = createMemoryKeychain()
    kc.fail = LOCKED
    const store = new SecretStore(kc, everyProfileAtA)
    expect((await store.status()).available).toBe(false)
    kc.fail = null
    await store.set('p1', SK, { sessionOnly: false })
    expect((await store.status()).available).toBe(true)
  })
})

describe('keychain helpers', () => {
  it('redaction (log/redact.ts) removes every occurrence, also of the trimmed secret', () => {
    expect(redactText(`a ${SK} b ${SK}`, [SK])).toBe('a *** b ***')
    expect(redactText('key:abcd1234.', [' abcd1234 '])).toBe('key:***.')
    expect(redactText('key: ab ', [' ab '])).toBe('key:***') // a short trimmed form: not alone
    expect(redactText('nothing', [''])).toBe('nothing')
  })

  it('sanitizedError keeps only the redacted text', () => {
    const original = new Error(`failed for ${SK}`, { cause: new Error(SK) })
    const err = sanitizedError(original, [SK])
    expect(err.message).toBe('failed for ***')
    expect(err.cause).toBeUndefined()
  })

  it('keychainFailureReason maps unknown texts to a neutral reason', () => {
    expect(keychainFailureReason('')).toBe('it reported an error')
  })
})

describe('SecretStore binds each key to the origin and AK it was given for', () => {
  const B: SecretBinding = { origin: 'https://203.0.113.9:28443', ak: 'AK-A' }

  /** A store whose profiles are where `at` says (undefined: no such profile). */
  function boundStore(kc = createMemoryKeychain()) {
    const at = new Map<string, SecretBinding>([['p1', A]])
    return { kc, at, store: new SecretStore(kc, (id) => at.get(id)) }
  }

  it('hands out a keychain key only while the profile keeps the origin and AK it was given for', async () => {
    const { kc, at, store } = boundStore()
    await store.set('p1', SK, { sessionOnly: false })
    at.set('p1', B) // the profile now names another server
    expect(await store.get('p1')).toBeNull()
    expect(await store.storage('p1')).toBe('none')
    at.set('p1', { ...A, ak: 'AK-other' })
    expect(await store.get('p1')).toBeNull()
    // A restarted app reads the same binding from the keychain entry.
    expect(await new SecretStore(kc, (id) => at.get(id)).get('p1')).toBeNull()
    at.set('p1', A)
    expect(await store.get('p1')).toBe(SK)
    expect(await new SecretStore(kc, (id) => at.get(id)).storage('p1')).toBe('keychain')
  })

  it('hands out a session key only for the origin and AK it was given for', async () => {
    const { at, store } = boundStore(createMemoryKeychain())
    await store.set('p1', SK, { sessionOnly: true })
    at.set('p1', B)
    expect(await store.get('p1')).toBeNull()
    expect(await store.storage('p1')).toBe('none')
  })

  it('binds a bare SK of an older version to the profile as it is at the first read', async () => {
    const { kc, at, store } = boundStore()
    kc.entries.set('p1', SK)
    expect(await store.get('p1')).toBe(SK) // nothing changed: the person keeps the key
    expect(decodeValue(kc.entries.get('p1')!)).toEqual({ kind: 'bound', keys: [{ ...A, sk: SK }] })
    at.set('p1', B)
    expect(await new SecretStore(kc, (id) => at.get(id)).get('p1')).toBeNull()
  })

  it('gives no key for an id that is no profile', async () => {
    const { kc, store } = boundStore()
    kc.entries.set('gone', SK)
    expect(await store.get('gone')).toBeNull()
    expect(await store.storage('gone')).toBe('none')
  })

  it('a staged key sits beside the previous one until commit; abandon puts the previous value back', async () => {
    const { kc, store } = boundStore()
    await store.set('p1', 'old-sk', { sessionOnly: false })
    const before = kc.entries.get('p1')

    const staged = await store.stage('p1', SK, B, { sessionOnly: false })
    expect(sksIn(kc.entries.get('p1'))).toEqual([SK, 'old-sk'])
    // The profile still names A: its previous key is the one handed out.
    expect(await store.get('p1')).toBe('old-sk')
    await staged.abandon()
    expect(kc.entries.get('p1')).toBe(before)

    const again = await store.stage('p1', SK, B, { sessionOnly: false })
    await again.commit()
    expect(decodeValue(kc.entries.get('p1')!)).toEqual({ kind: 'bound', keys: [{ ...B, sk: SK }] })
  })

  it('abandoning the first key of a new profile leaves no entry', async () => {
    const { kc, store } = boundStore()
    const staged = await store.stage('new-1', SK, A, { sessionOnly: false })
    expect(kc.entries.has('new-1')).toBe(true)
    await staged.abandon()
    expect(kc.entries.has('new-1')).toBe(false)
  })

  it('tidy removes entries of no profile and the previous key left beside a committed one', async () => {
    const { kc, at, store } = boundStore()
    kc.entries.set('gone', SK)
    kc.entries.set('probe-left-by-a-crash', 'x')
    await store.stage('p1', SK, A, { sessionOnly: false }) // never committed: a crash
    at.set('p2', B)
    await store.stage('p2', 'p2-sk', B, { sessionOnly: false })
    kc.entries.set(
      'p2',
      encodeKeys([
        { ...B, sk: 'p2-new' },
        { ...A, sk: 'p2-old' },
      ]),
    )

    expect(await new SecretStore(kc, (id) => at.get(id)).tidy()).toBe(3)
    expect([...kc.entries.keys()].sort()).toEqual(['p1', 'p2'])
    expect(sksIn(kc.entries.get('p2'))).toEqual(['p2-new'])
    expect(sksIn(kc.entries.get('p1'))).toEqual([SK])
  })

  it('tidy leaves alone an entry being written by a save in progress', async () => {
    const { kc, store } = boundStore()
    await store.stage('new-1', SK, A, { sessionOnly: false }) // its profile is not written yet
    expect(await store.tidy()).toBe(0)
    expect(sksIn(kc.entries.get('new-1'))).toEqual([SK])
  })

  it('storage says unavailable, never none, while a locked keyring hides a key', async () => {
    const { kc, store } = boundStore()
    kc.entries.set('p1', encodeKeys([{ ...A, sk: SK }]))
    kc.fail = LOCKED
    expect(await store.storage('p1')).toBe('unavailable')
    kc.fail = null
    expect(await store.storage('p1')).toBe('keychain')
  })
})
