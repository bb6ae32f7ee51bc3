import { randomBytes, randomUUID } from 'node:crypto'
import type { KeychainStatus } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import { mainText, msg, type MainText, type MessageRef } from '../../shared/messages'
import type { SecretStorage } from '../../shared/profile'
import { redactText } from '../log/redact'
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

export class SecretStore {
  /** Session-only SKs. A private field, so util.inspect / console.log of the store shows nothing. */
  readonly #session = new Map<string, string>()
  /** What the keychain holds, as far as this process knows (filled lazily). */
  readonly #inKeychain = new Map<string, boolean>()
  #status: Promise<KeychainStatus> | undefined

  constructor(private readonly backend: KeychainBackend | null) {}

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
    }
  }

  /**
   * Keeps the SK. In the keychain unless `sessionOnly`; if the keychain fails, throws
   * AppError('keychain') in plain words (the caller offers "this session only").
   */
  async set(profileId: string, sk: string, opts: SetSecretOptions): Promise<SecretStorage> {
    if (opts.sessionOnly) {
      this.#session.set(profileId, sk)
      // An older SK in the keychain would come back after a restart: remove it if possible.
      if (this.backend !== null && this.#inKeychain.get(profileId) !== false) {
        try {
          await this.backend.delete(profileId)
          this.#inKeychain.set(profileId, false)
        } catch {
          // The keychain is not usable; there is then nothing in it to come back either.
        }
      }
      return 'session'
    }
    if (this.backend === null) {
      throw keychainError(msg('keychainNoSupport'))
    }
    try {
      await this.backend.set(profileId, sk)
    } catch (err) {
      throw keychainError(reasonOf(err, [sk]), err, [sk])
    }
    this.#session.delete(profileId)
    this.#inKeychain.set(profileId, true)
    // The keychain works after all (unlocked since the probe, say): probe again when asked.
    const known = this.#status
    if (known !== undefined && !(await known).available && this.#status === known) {
      this.#status = undefined
    }
    return 'keychain'
  }

  /**
   * The SK: from this session's memory first, then the keychain; null only when the keychain says
   * there is no entry. A locked or unreachable keychain is an AppError('keychain').
   */
  async get(profileId: string): Promise<string | null> {
    const inSession = this.#session.get(profileId)
    if (inSession !== undefined) return inSession
    if (this.backend === null) return null
    let sk: string | null
    try {
      sk = await this.backend.get(profileId)
    } catch (err) {
      const reason = reasonOf(err, [])
      // A locked keyring hides an SK that is there: say so, never "no SK stored".
      if (reason.id === 'keychainLocked') {
        throw new AppError('keychain', msg('keychainLockedRead'), causeDetail(err, []))
      }
      throw keychainError(reason, err, [])
    }
    this.#inKeychain.set(profileId, sk !== null)
    return sk
  }

  /** Where the profile's SK is kept; 'none' also when the keychain cannot be read right now. */
  async storage(profileId: string): Promise<SecretStorage> {
    if (this.#session.has(profileId)) return 'session'
    if (this.backend === null) return 'none'
    const known = this.#inKeychain.get(profileId)
    if (known !== undefined) return known ? 'keychain' : 'none'
    try {
      const present = (await this.backend.get(profileId)) !== null
      this.#inKeychain.set(profileId, present)
      return present ? 'keychain' : 'none'
    } catch {
      return 'none'
    }
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
    this.#inKeychain.set(profileId, false)
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
