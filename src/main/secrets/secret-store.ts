import { randomBytes, randomUUID } from 'node:crypto'
import type { KeychainStatus } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import { mainText, msg, type MainText, type MessageRef } from '../../shared/messages'
import type { SecretStorage } from '../../shared/profile'
import { redactText } from '../log/redact'
import {
  decodeValue,
  encodeKeys,
  keyFor,
  sameBinding,
  type BoundKey,
  type SecretBinding,
} from './bound-secret'
import { keychainFailureRef, type KeychainBackend } from './keychain'

/**
 * The SK of each profile: in the OS keychain, or — when there is none usable, or by choice — in
 * this process's memory for the session only. An SK is never logged, never put in an error
 * message or detail (library texts are redacted), and never written to a file.
 */

export interface SetSecretOptions {
  /** Keep the SK in memory for this session only, not in the keychain. */
  sessionOnly: boolean
}

/** "The keychain cannot be used (reason)", with the offer of keeping the SK for this session. */
export function keychainUnusableRef(reason: MessageRef): MessageRef {
  return msg('keychainUnusable', { reason })
}

function unusable(reason: MessageRef): MainText {
  return mainText(keychainUnusableRef(reason))
}

/** Which binding a profile's key must have now; undefined when there is no such profile. */
export type BindingLookup = (profileId: string) => SecretBinding | undefined

/**
 * A new SK written beside the previous one (SecretStore.stage). The caller writes the profile,
 * then commits (only the new key stays) or abandons (the previous value is put back).
 */
export interface StagedSecret {
  storage: SecretStorage
  commit(): Promise<void>
  abandon(): Promise<void>
}

export class SecretStore {
  /** Session-only SKs. A private field, so util.inspect / console.log of the store shows nothing. */
  readonly #session = new Map<string, BoundKey>()
  /** The bindings the keychain holds a key for, as far as this process knows (filled lazily). */
  readonly #inKeychain = new Map<string, SecretBinding[]>()
  /** Accounts being written now: the start-up sweep leaves them alone. */
  readonly #busy = new Set<string>()
  #status: Promise<KeychainStatus> | undefined

  /**
   * `bindingOf` says what each profile's key must be bound to now (its saved origin and AK): a key
   * given for anything else is never handed out.
   */
  constructor(
    private readonly backend: KeychainBackend | null,
    private readonly bindingOf: BindingLookup,
  ) {}

  /**
   * Whether the keychain works: probed once (write, read back, delete a random entry) and
   * remembered; `recheck` probes again (after the person unlocked the keyring, say).
   */
  status(opts: { recheck?: boolean } = {}): Promise<KeychainStatus> {
    if (opts.recheck || this.#status === undefined) this.#status = this.#probe()
    return this.#status
  }

  async #probe(): Promise<KeychainStatus> {
    const backend = this.backend
    if (backend === null) {
      return {
        available: false,
        backend: 'none',
        problem: unusable(msg('keychainNoSupport')),
      }
    }
    const account = `probe-${randomUUID()}`
    const value = randomBytes(16).toString('hex')
    this.#busy.add(account)
    try {
      await backend.set(account, value)
      const back = await backend.get(account)
      await backend.delete(account)
      if (back !== value) {
        return {
          available: false,
          backend: backend.name,
          problem: unusable(msg('keychainGaveBackOther')),
        }
      }
      return { available: true, backend: backend.name }
    } catch (err) {
      return {
        available: false,
        backend: backend.name,
        problem: unusable(reasonOf(err, [value])),
      }
    } finally {
      this.#busy.delete(account)
    }
  }

  /**
   * Keeps the SK for the profile as it is saved now (the demo profile, tests); a save with a
   * changed profile uses stage(). Throws AppError('keychain') in plain words when the keychain
   * fails (the caller offers "this session only").
   */
  async set(profileId: string, sk: string, opts: SetSecretOptions): Promise<SecretStorage> {
    const binding = this.bindingOf(profileId)
    if (binding === undefined) throw new Error(`No profile ${profileId} to keep a key for`)
    const staged = await this.stage(profileId, sk, binding, opts)
    await staged.commit()
    return staged.storage
  }

  /**
   * Writes the SK, bound to `binding`, before the profile that will have that binding is written:
   * in the keychain the previous key (still bound to the saved profile) stays beside it until
   * commit, so a crash before or after the profile's write leaves a key for whichever profile the
   * file then holds. AppError('keychain') when the keychain fails; nothing changed then.
   */
  async stage(
    profileId: string,
    sk: string,
    binding: SecretBinding,
    opts: SetSecretOptions,
  ): Promise<StagedSecret> {
    const fresh: BoundKey = { ...binding, sk }
    if (opts.sessionOnly) return this.#stageSession(profileId, fresh)
    const backend = this.backend
    if (backend === null) throw keychainError(msg('keychainNoSupport'))
    this.#busy.add(profileId)
    let before: string | null
    let kept: BoundKey | undefined
    try {
      before = await backend.get(profileId)
      kept = this.#keysIn(profileId, before).find((k) => {
        const now = this.bindingOf(profileId)
        return now !== undefined && sameBinding(k, now)
      })
      const keys = kept && !(sameBinding(kept, fresh) && kept.sk === sk) ? [fresh, kept] : [fresh]
      await backend.set(profileId, encodeKeys(keys))
      this.#inKeychain.set(profileId, keys)
    } catch (err) {
      this.#busy.delete(profileId)
      const secrets = kept ? [sk, kept.sk] : [sk]
      throw keychainError(reasonOf(err, secrets), err, secrets)
    }
    const previous = before
    return {
      storage: 'keychain',
      commit: async () => {
        try {
          await backend.set(profileId, encodeKeys([fresh]))
          this.#inKeychain.set(profileId, [fresh])
        } finally {
          this.#busy.delete(profileId)
        }
        this.#session.delete(profileId)
        // The keychain works after all (unlocked since the probe, say): probe again when asked.
        const known = this.#status
        if (known !== undefined && !(await known).available && this.#status === known) {
          this.#status = undefined
        }
      },
      abandon: async () => {
        this.#inKeychain.delete(profileId)
        try {
          if (previous === null) await backend.delete(profileId)
          else await backend.set(profileId, previous)
        } finally {
          this.#busy.delete(profileId)
        }
      },
    }
  }

  #stageSession(profileId: string, fresh: BoundKey): StagedSecret {
    const before = this.#session.get(profileId)
    this.#session.set(profileId, fresh)
    return {
      storage: 'session',
      // An older SK in the keychain would come back after a restart: remove it if possible.
      commit: async () => {
        if (this.backend === null || this.#inKeychain.get(profileId)?.length === 0) return
        try {
          await this.backend.delete(profileId)
          this.#inKeychain.set(profileId, [])
        } catch {
          // The keychain is not usable; there is then nothing in it to come back either.
        }
      },
      abandon: async () => {
        if (before === undefined) this.#session.delete(profileId)
        else this.#session.set(profileId, before)
      },
    }
  }

  /**
   * The SK for the profile as it is saved now: from this session's memory first, then the
   * keychain; null when none is kept for its origin and AK. A locked or unreachable keychain is an
   * AppError('keychain').
   */
  async get(profileId: string): Promise<string | null> {
    const binding = this.bindingOf(profileId)
    if (binding === undefined) return null
    const inSession = this.#session.get(profileId)
    if (inSession !== undefined && sameBinding(inSession, binding)) return inSession.sk
    if (this.backend === null) return null
    let value: string | null
    try {
      value = await this.backend.get(profileId)
    } catch (err) {
      const reason = reasonOf(err, [])
      // A locked keyring hides an SK that is there: say so, never "no SK stored".
      if (reason.id === 'keychainLocked') {
        throw new AppError('keychain', msg('keychainLockedRead'), causeDetail(err, []))
      }
      throw keychainError(reason, err, [])
    }
    return keyFor(await this.#known(profileId, value), binding)
  }

  /**
   * Where the profile's SK is kept; 'none' when no key is kept for its origin and AK, and
   * 'unavailable' when the keychain cannot be read right now (locked, restarted, not answering).
   */
  async storage(profileId: string): Promise<SecretStorage> {
    const binding = this.bindingOf(profileId)
    const inSession = this.#session.get(profileId)
    if (binding === undefined) return 'none'
    if (inSession !== undefined && sameBinding(inSession, binding)) return 'session'
    if (this.backend === null) return 'none'
    let keys = this.#inKeychain.get(profileId)
    if (keys === undefined) {
      try {
        keys = await this.#known(profileId, await this.backend.get(profileId))
      } catch {
        return 'unavailable'
      }
    }
    return keys.some((k) => sameBinding(k, binding)) ? 'keychain' : 'none'
  }

  /** Forgets the SK everywhere; AppError('keychain') when the keychain entry cannot be removed. */
  async clear(profileId: string): Promise<void> {
    this.#session.delete(profileId)
    if (this.backend === null) return
    try {
      await this.backend.delete(profileId)
    } catch (err) {
      this.#inKeychain.delete(profileId)
      throw new AppError(
        'keychain',
        msg('keychainRemoveFailed', { reason: reasonOf(err, []) }),
        causeDetail(err, []),
      )
    }
    this.#inKeychain.set(profileId, [])
  }

  /**
   * At start-up (only when the profiles file was read as it is): removes our keychain entries of
   * profiles that do not exist (a new profile's key written just before a crash, a deleted
   * profile's key whose removal failed, a probe entry) and the previous key a save left beside
   * the new one. Nothing is done where the keychain cannot list its entries. Resolves to the
   * number of entries removed or rewritten.
   */
  async tidy(): Promise<number> {
    const backend = this.backend
    if (backend?.list === undefined) return 0
    let changed = 0
    for (const account of await backend.list()) {
      if (this.#busy.has(account)) continue
      const binding = this.bindingOf(account)
      if (binding === undefined) {
        if (await backend.delete(account)) changed++
        continue
      }
      const value = await backend.get(account)
      if (value === null || this.#busy.has(account)) continue
      const decoded = decodeValue(value)
      if (decoded.kind === 'legacy') {
        await this.#known(account, value) // bound to the profile as it is
        continue
      }
      const matching = decoded.keys.filter((k) => sameBinding(k, binding)).slice(0, 1)
      if (matching.length === 0 || matching.length === decoded.keys.length) continue
      await backend.set(account, encodeKeys(matching))
      this.#inKeychain.set(account, matching)
      changed++
    }
    return changed
  }

  /** The keys of a keychain value; a bare SK of an older version is bound now (see bound-secret). */
  async #known(profileId: string, value: string | null): Promise<BoundKey[]> {
    const keys = this.#keysIn(profileId, value)
    if (value !== null && decodeValue(value).kind === 'legacy' && keys.length > 0) {
      try {
        await this.backend?.set(profileId, encodeKeys(keys))
      } catch {
        // Still usable as it is; bound again on the next read.
      }
    }
    this.#inKeychain.set(profileId, keys)
    return keys
  }

  /** The keys in a value; a bare SK counts as given for the profile as it is saved now. */
  #keysIn(profileId: string, value: string | null): BoundKey[] {
    if (value === null) return []
    const decoded = decodeValue(value)
    if (decoded.kind === 'bound') return decoded.keys
    const now = this.bindingOf(profileId)
    return now === undefined ? [] : [{ ...now, sk: decoded.sk }]
  }

  /** No SK in JSON.stringify either. */
  toJSON(): Record<string, never> {
    return {}
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

function reasonOf(err: unknown, secrets: readonly string[]): MessageRef {
  return keychainFailureRef(redactText(messageOf(err), secrets))
}

/** The library's own text (redacted, bounded) for support, as the error's detail. */
function causeDetail(err: unknown, secrets: readonly string[]): { cause?: string } {
  if (err === undefined) return {}
  return { cause: redactText(messageOf(err), secrets).slice(0, 300) }
}

function keychainError(
  reason: MessageRef,
  err?: unknown,
  secrets: readonly string[] = [],
): AppError {
  // No `cause` option: the original error object could carry the SK into a log.
  return new AppError('keychain', keychainUnusableRef(reason), causeDetail(err, secrets))
}
