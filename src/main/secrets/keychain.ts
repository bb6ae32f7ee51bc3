/**
 * Where SKs are kept between sessions: the OS keychain through @napi-rs/keyring (macOS Keychain,
 * Windows Credential Manager, on Linux the Secret Service — explicitly, never the kernel keyutils
 * store the library would otherwise fall back to, which loses secrets at reboot).
 */
import { formatRef, msg, type MessageRef } from '../../shared/messages'
import { redactText } from '../log/redact'

export const KEYCHAIN_SERVICE = 'isales-import-monitor'

export interface KeychainBackend {
  /** Plain words for the settings screen, e.g. "Secret Service (GNOME Keyring, KWallet)". */
  name: string
  get(account: string): Promise<string | null>
  set(account: string, secret: string): Promise<void>
  /** True when an entry was removed, false when there was none. */
  delete(account: string): Promise<boolean>
  /** Every account of this app's service (for the start-up sweep); absent where it cannot list. */
  list?(): Promise<string[]>
}

export function osKeychainName(platform: NodeJS.Platform = process.platform): string {
  switch (platform) {
    case 'darwin':
      return 'macOS Keychain'
    case 'win32':
      return 'Windows Credential Manager'
    case 'linux':
      return 'Secret Service (GNOME Keyring, KWallet)'
    default:
      return `the ${platform} keychain`
  }
}

type KeyringModule = typeof import('@napi-rs/keyring')
let keyringModule: Promise<KeyringModule> | undefined

/** Loaded on first use so a platform without a prebuilt binary fails as a keychain error. */
function loadKeyring(): Promise<KeyringModule> {
  keyringModule ??= import('@napi-rs/keyring')
  return keyringModule
}

export interface OsKeychainOptions {
  /** Service name of the entries (tests use their own). */
  service?: string
}

export function createOsKeychain(opts: OsKeychainOptions = {}): KeychainBackend {
  const service = opts.service ?? KEYCHAIN_SERVICE
  const entry = async (account: string) => {
    const { AsyncEntry } = await loadKeyring()
    // The options are ignored off Linux. The constructor itself throws when the store is absent.
    return new AsyncEntry(service, account, { linux: { store: 'secret-service' } })
  }
  return {
    name: osKeychainName(),
    async get(account) {
      try {
        return await (await entry(account)).getPassword()
      } catch (err) {
        throw sanitizedError(err, [])
      }
    },
    async set(account, secret) {
      try {
        await (await entry(account)).setPassword(secret)
      } catch (err) {
        throw sanitizedError(err, [secret])
      }
    },
    async delete(account) {
      try {
        return await (await entry(account)).deleteCredential()
      } catch (err) {
        throw sanitizedError(err, [])
      }
    },
    async list() {
      try {
        const { findCredentialsAsync } = await loadKeyring()
        // Only the account names leave this function: the passwords that come along are dropped.
        return (await findCredentialsAsync(service)).map((c) => c.account)
      } catch (err) {
        throw sanitizedError(err, [])
      }
    },
  }
}

/** An in-memory keychain for tests; `fail` makes every call reject with that library text. */
export interface MemoryKeychain extends KeychainBackend {
  readonly entries: Map<string, string>
  fail: string | null
}

export function createMemoryKeychain(name = 'Test keychain'): MemoryKeychain {
  const entries = new Map<string, string>()
  const keychain: MemoryKeychain = {
    name,
    entries,
    fail: null,
    async get(account) {
      if (keychain.fail !== null) throw new Error(keychain.fail)
      return entries.get(account) ?? null
    },
    async set(account, secret) {
      if (keychain.fail !== null) throw new Error(keychain.fail)
      entries.set(account, secret)
    },
    async delete(account) {
      if (keychain.fail !== null) throw new Error(keychain.fail)
      return entries.delete(account)
    },
    async list() {
      if (keychain.fail !== null) throw new Error(keychain.fail)
      return [...entries.keys()]
    },
  }
  return keychain
}

// ---- failures ----------------------------------------------------------------------------------

/** The library's error text, redacted and bounded; the original error (and its cause) is dropped. */
export function sanitizedError(err: unknown, secrets: readonly string[]): Error {
  const raw = err instanceof Error ? err.message : String(err)
  return new Error(redactText(raw, secrets).slice(0, 500))
}

/**
 * Why the keychain cannot be used, as a catalogue message, from the library's failure text. Known
 * texts:
 * - no session bus: "Couldn't access platform storage: AccessDenied" (default store) or
 *   "DBus error: Using X11 for dbus-daemon autolaunch was disabled…" (Secret Service store);
 * - bus but locked or absent keyring: "…Secret Service: no result found";
 * - macOS locked keychain: "User interaction is not allowed".
 */
export function keychainFailureRef(text: string): MessageRef {
  if (
    /autolaunch|DBUS_SESSION_BUS_ADDRESS|session bus|Failed to connect to socket|platform storage: AccessDenied/i.test(
      text,
    )
  ) {
    return msg('keychainNoSession')
  }
  if (
    /no result found|locked|user interaction is not allowed|no default collection|dismissed/i.test(
      text,
    )
  ) {
    return msg('keychainLocked')
  }
  if (/denied|not permitted|permission|not allowed/i.test(text)) {
    return msg('keychainNotAllowed')
  }
  if (/cannot find module|not supported|unsupported|no native binding|failed to load/i.test(text)) {
    return msg('keychainNoSupport')
  }
  return msg('keychainFailed')
}

/** keychainFailureRef's English text. */
export function keychainFailureReason(text: string): string {
  return formatRef('en', keychainFailureRef(text))
}
