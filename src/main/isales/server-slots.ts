import { cancelledError } from '../../shared/errors'
import { MAX_IN_FLIGHT_PER_SERVER } from '../../shared/limits'
import { checkServerUrl } from '../../shared/server-url'

/**
 * The one gate in front of each server: iSales allows at most MAX_IN_FLIGHT_PER_SERVER requests at
 * once, so everything the app sends to a server waits here for a slot (first come, first served):
 * the monitor's pages, the campaign lists, "Test connection", the certificate probe. A server is
 * its origin (scheme, host, port): the limit is the server's whatever trust or keys a caller
 * uses, so two profiles of one address share it. One whose call is aborted while waiting leaves
 * the queue. clientForProfile (profile-client.ts) and probeCertificate take the gate, so no
 * client or probe of the app exists without it; composeApp makes the one instance.
 */

/** What a caller needs of the gate. */
export interface ServerGate {
  run<T>(serverUrl: string, signal: AbortSignal | undefined, fn: () => Promise<T>): Promise<T>
}

interface Waiter {
  start(): void
}

interface Server {
  active: number
  queue: Waiter[]
}

/** The key of a server: its origin ("https://10.0.0.5:8443"), or the text when it is no address. */
export function serverKey(serverUrl: string): string {
  return checkServerUrl(serverUrl)?.origin ?? serverUrl
}

/** Server texts whose key is remembered: a handful in practice (the CLI asks 1,000 times for one). */
const KEYS_KEPT = 64

export class ServerSlots implements ServerGate {
  readonly #limit: number
  readonly #servers = new Map<string, Server>()
  /** serverKey of each text seen (parsing the address for every request cost more than the gate). */
  readonly #keys = new Map<string, string>()

  constructor(limit = MAX_IN_FLIGHT_PER_SERVER) {
    this.#limit = Math.max(1, Math.floor(limit))
  }

  /** Runs `fn` once one of the server's slots is free; rejects with 'cancelled' if aborted first. */
  async run<T>(
    serverUrl: string,
    signal: AbortSignal | undefined,
    fn: () => Promise<T>,
  ): Promise<T> {
    const key = this.#key(serverUrl)
    const server = this.#server(key)
    if (server.active >= this.#limit) await this.#wait(server, signal)
    else server.active++
    try {
      return await fn()
    } finally {
      this.#release(key, server)
    }
  }

  /** Calls holding a slot of the server now (for tests and diagnostics). */
  active(serverUrl: string): number {
    return this.#servers.get(this.#key(serverUrl))?.active ?? 0
  }

  #key(serverUrl: string): string {
    let key = this.#keys.get(serverUrl)
    if (key === undefined) {
      if (this.#keys.size >= KEYS_KEPT) this.#keys.clear()
      key = serverKey(serverUrl)
      this.#keys.set(serverUrl, key)
    }
    return key
  }

  /** Resolves holding a slot (handed over by #release). */
  #wait(server: Server, signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(cancelledError())
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        server.queue = server.queue.filter((w) => w !== waiter)
        reject(cancelledError())
      }
      const waiter: Waiter = {
        start: () => {
          signal?.removeEventListener('abort', onAbort)
          resolve()
        },
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      server.queue.push(waiter)
    })
  }

  #release(key: string, server: Server): void {
    const next = server.queue.shift()
    if (next) return next.start() // the slot passes on: `active` stays the same
    server.active--
    if (server.active === 0 && this.#servers.get(key) === server) this.#servers.delete(key)
  }

  #server(key: string): Server {
    let server = this.#servers.get(key)
    if (!server) {
      server = { active: 0, queue: [] }
      this.#servers.set(key, server)
    }
    return server
  }
}
