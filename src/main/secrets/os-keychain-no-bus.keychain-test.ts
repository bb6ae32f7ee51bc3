import { randomUUID } from 'node:crypto'
import { inspect } from 'node:util'
import { createOsKeychain } from './keychain'
import { SecretStore } from './secret-store'

/**
 * The real library without a session bus (each test file runs in its own process, so this one
 * can drop the bus before the keyring connects). Pinned to the Secret Service it must fail in
 * plain words rather than fall back to kernel keyutils.
 */

delete process.env.DBUS_SESSION_BUS_ADDRESS
delete process.env.DISPLAY

const SK = `SK-no-bus-${randomUUID()}`
const anyProfile = () => ({ origin: 'https://10.0.0.5:28443', ak: 'AK-no-bus' })

describe.runIf(process.platform === 'linux')('OS keychain without a session bus (real)', () => {
  it('status says the keychain cannot be used and why, in plain words', async () => {
    const status = await new SecretStore(createOsKeychain(), anyProfile).status()
    expect(status).toEqual({
      available: false,
      backend: 'Secret Service (GNOME Keyring, KWallet)',
      problem: {
        message:
          "This computer's keychain cannot be used (no desktop session is running, so the Secret " +
          'Service cannot be reached). You can keep the secret key for this session only; you will ' +
          'be asked again after a restart.',
        messageId: 'keychainUnusable',
        params: { reason: { id: 'keychainNoSession' } },
      },
    })
  })

  it('a keychain save fails with AppError keychain and no SK; session-only works', async () => {
    const store = new SecretStore(createOsKeychain(), anyProfile)
    const id = `keychain-test-${randomUUID()}`
    const err = await store.set(id, SK, { sessionOnly: false }).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'keychain' })
    expect(inspect(err, { depth: 10 })).not.toContain(SK)
    // Whether a key is there cannot be told: never "no key stored".
    expect(await store.storage(id)).toBe('unavailable')
    expect(await store.set(id, SK, { sessionOnly: true })).toBe('session')
    expect(await store.get(id)).toBe(SK)
  })
})
