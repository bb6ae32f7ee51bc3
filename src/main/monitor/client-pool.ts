import { createHash } from 'node:crypto'
import type { ServerProfile } from '../../shared/profile'
import type { TaskSources } from '../isales/fetch-all'
import { clientForProfile } from '../isales/profile-client'
import type { ServerGate } from '../isales/server-slots'

/**
 * One iSales client (and its undici agent, i.e. its sockets and TLS trust) per server profile,
 * reused across refreshes. It is keyed by what the connection depends on (address, VDN, AK,
 * signing, trust) plus a hash of the SK: when any of them changes, the next refresh gets a new
 * client and the old one is closed as soon as the fetches still using it are done. The SK itself
 * is only held by the client; the key is a hash and is safe to log.
 */

export interface ClientHandle {
  client: TaskSources
  /** Closes the connections once their requests are done. */
  close(): Promise<void> | void
  /** Closes the connections now, requests in flight included (default: close). */
  destroy?(): Promise<void> | void
}

export type CreateClient = (profile: ServerProfile, sk: string) => ClientHandle

export interface Lease {
  client: TaskSources
  release(): void
}

/** The real thing: an IsalesClient over createAgent(trust of the profile), through the gate. */
export function isalesClients(gate: ServerGate): CreateClient {
  return (profile, sk) => clientForProfile(profile, sk, gate)
}

/** Identifies a profile's connection settings and SK; changes when any of them changes. */
export function clientKey(profile: ServerProfile, sk: string): string {
  const { id, serverUrl, vdnId, ak, signing, tls } = profile
  const skHash = createHash('sha256').update(sk).digest('hex')
  return createHash('sha256')
    .update(JSON.stringify([id, serverUrl, vdnId, ak, signing, tls, skHash]))
    .digest('hex')
    .slice(0, 32)
}

interface Entry {
  profileId: string
  key: string
  handle: ClientHandle
  leases: number
  retired: boolean
  closed: boolean
}

export class ClientPool {
  readonly #create: CreateClient
  readonly #onCloseError: (err: unknown) => void
  readonly #current = new Map<string, Entry>()
  /** Retired entries still leased by a fetch in flight. */
  readonly #draining = new Set<Entry>()
  readonly #closing = new Set<Promise<void>>()

  constructor(create: CreateClient, onCloseError: (err: unknown) => void = () => undefined) {
    this.#create = create
    this.#onCloseError = onCloseError
  }

  /** The profile's client for this SK; release() when the fetch is done with it. */
  acquire(profile: ServerProfile, sk: string): Lease {
    const key = clientKey(profile, sk)
    let entry = this.#current.get(profile.id)
    if (entry && entry.key !== key) {
      this.#retire(entry)
      entry = undefined
    }
    if (!entry) {
      entry = {
        profileId: profile.id,
        key,
        handle: this.#create(profile, sk),
        leases: 0,
        retired: false,
        closed: false,
      }
      this.#current.set(profile.id, entry)
    }
    const leased = entry
    leased.leases++
    let released = false
    return {
      client: leased.handle.client,
      release: () => {
        if (released) return
        released = true
        leased.leases--
        if (leased.retired && leased.leases === 0) this.#close(leased)
      },
    }
  }

  /** Whether a client is kept for the profile (for tests and diagnostics). */
  has(profileId: string): boolean {
    return this.#current.has(profileId)
  }

  /**
   * Forgets the profile's client and closes its connections at once, requests in flight included:
   * the profile was edited (its fetches start over with the new settings) or removed. After a
   * new pin or another trust, nothing may go on over a connection opened under the old one.
   */
  drop(profileId: string): void {
    const entry = this.#current.get(profileId)
    if (!entry) return
    this.#current.delete(profileId)
    entry.retired = true
    this.#close(entry, true)
  }

  /** Forgets every client (e.g. after sleep: old sockets are likely dead). */
  dropAll(): void {
    for (const entry of [...this.#current.values()]) this.#retire(entry)
  }

  /** Closes every client, leased or not, and waits for them to close. */
  async closeAll(): Promise<void> {
    const all = [...this.#current.values(), ...this.#draining]
    this.#current.clear()
    this.#draining.clear()
    for (const entry of all) {
      entry.retired = true
      entry.leases = 0
      this.#close(entry)
    }
    await Promise.all([...this.#closing])
  }

  #retire(entry: Entry): void {
    if (this.#current.get(entry.profileId) === entry) this.#current.delete(entry.profileId)
    entry.retired = true
    if (entry.leases === 0) this.#close(entry)
    else this.#draining.add(entry)
  }

  #close(entry: Entry, now = false): void {
    this.#draining.delete(entry)
    if (entry.closed) return
    entry.closed = true
    const { handle } = entry
    const closing = Promise.resolve()
      .then(() => (now && handle.destroy ? handle.destroy() : handle.close()))
      .catch((err: unknown) => this.#onCloseError(err))
      .finally(() => this.#closing.delete(closing))
    this.#closing.add(closing)
  }
}
