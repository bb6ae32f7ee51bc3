import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { promisify } from 'node:util'
import { createOsKeychain, KEYCHAIN_SERVICE } from './keychain'
import { decodeValue, type SecretBinding } from './bound-secret'
import { SecretStore } from './secret-store'

/**
 * Against the real OS keychain: on Linux gnome-keyring's Secret Service in the D-Bus session that
 * scripts/test-keychain.sh starts. Run with `npm run test:keychain`, not by the main vitest run.
 */

const run = promisify(execFile)
const linux = process.platform === 'linux'
const SK = `SK-keychain-test-${randomUUID()}`
const A: SecretBinding = { origin: 'https://10.0.0.5:28443', ak: 'AK-keychain-test' }
const anyProfile = (): SecretBinding => A

/** What the Secret Service itself holds for the account (libsecret's secret-tool), or null. */
async function secretServiceLookup(account: string): Promise<string | null> {
  try {
    // @napi-rs/keyring stores the account under the Secret Service attribute "username".
    const { stdout } = await run('secret-tool', [
      'lookup',
      'service',
      KEYCHAIN_SERVICE,
      'username',
      account,
    ])
    return stdout
  } catch (err) {
    if ((err as { code?: unknown }).code === 1) return null
    throw err
  }
}

const accounts: string[] = []
function account(): string {
  const id = `keychain-test-${randomUUID()}`
  accounts.push(id)
  return id
}

afterAll(async () => {
  const kc = createOsKeychain()
  await Promise.all(accounts.map((a) => kc.delete(a).catch(() => false)))
})

describe('OS keychain (real)', () => {
  it.runIf(linux)('runs inside a D-Bus session', () => {
    expect(process.env.DBUS_SESSION_BUS_ADDRESS, 'run through npm run test:keychain').toBeTruthy()
  })

  it('sets, gets and deletes a secret', async () => {
    const kc = createOsKeychain()
    const id = account()
    expect(await kc.get(id)).toBeNull()
    await kc.set(id, SK)
    expect(await kc.get(id)).toBe(SK)
    await kc.set(id, `${SK}-2`)
    expect(await kc.get(id)).toBe(`${SK}-2`)
    expect(await kc.delete(id)).toBe(true)
    expect(await kc.get(id)).toBeNull()
    expect(await kc.delete(id)).toBe(false)
  })

  it.runIf(linux)('stores the secret in the Secret Service, not in keyutils', async () => {
    const kc = createOsKeychain()
    const id = account()
    await kc.set(id, SK)
    expect(await secretServiceLookup(id)).toBe(SK)
    await kc.delete(id)
    expect(await secretServiceLookup(id)).toBeNull()
  })

  it('SecretStore reports the keychain available and keeps SKs in it', async () => {
    const store = new SecretStore(createOsKeychain(), anyProfile)
    const status = await store.status()
    expect(status).toEqual({ available: true, backend: expect.any(String) })
    if (linux) expect(status.backend).toMatch(/Secret Service/)

    const id = account()
    expect(await store.set(id, SK, { sessionOnly: false })).toBe('keychain')
    if (linux)
      expect(decodeValue((await secretServiceLookup(id))!)).toEqual({
        kind: 'bound',
        keys: [{ ...A, sk: SK }],
      })
    const later = new SecretStore(createOsKeychain(), anyProfile)
    expect(await later.storage(id)).toBe('keychain')
    expect(await later.get(id)).toBe(SK)

    // Session-only removes the keychain copy; clear removes everything.
    expect(await later.set(id, SK, { sessionOnly: true })).toBe('session')
    if (linux) expect(await secretServiceLookup(id)).toBeNull()
    await later.clear(id)
    expect(await later.storage(id)).toBe('none')
  })

  it('a key stored for one server is never read for another, and the sweep finds our entries', async () => {
    const id = account()
    let at: SecretBinding = A
    const store = new SecretStore(createOsKeychain(), () => at)
    expect(await store.set(id, SK, { sessionOnly: false })).toBe('keychain')

    // A restarted app whose profile now names another address or AK gets no key.
    at = { ...A, origin: 'https://203.0.113.9:28443' }
    const moved = new SecretStore(createOsKeychain(), () => at)
    expect(await moved.get(id)).toBeNull()
    expect(await moved.storage(id)).toBe('none')
    at = { ...A, ak: 'AK-other' }
    expect(await new SecretStore(createOsKeychain(), () => at).get(id)).toBeNull()
    at = A
    expect(await new SecretStore(createOsKeychain(), () => at).get(id)).toBe(SK)

    // Listing works on this keychain, so an entry of no profile is swept at start-up.
    expect(await createOsKeychain().list!()).toContain(id)
    const orphan = account()
    await createOsKeychain().set(orphan, SK)
    const known = new Set([id])
    await new SecretStore(createOsKeychain(), (p) => (known.has(p) ? A : undefined)).tidy()
    expect(await createOsKeychain().get(orphan)).toBeNull()
    expect(await createOsKeychain().get(id)).not.toBeNull()
  })
})
