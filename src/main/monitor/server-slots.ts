import { cancelledError } from '../../shared/errors'
import { MAX_IN_FLIGHT_PER_SERVER } from '../../shared/limits'
import type { ImportTaskSource } from '../isales/fetch-all'

/**
 * The requests in flight to each server, across all its campaigns: iSales allows at most
 * MAX_IN_FLIGHT_PER_SERVER at once, and every watched campaign is now checked, so the pages of
 * several campaigns' fetches share one limit per profile. A request waits for a free slot (first
 * come, first served); one whose fetch is aborted meanwhile leaves the queue.
 */

interface Waiter {
  start(): void
}

interface Server {
  active: number
  queue: Waiter[]
}

export class ServerSlots {
  readonly #limit: number
  readonly #servers = new Map<string, Server>()

  constructor(limit = MAX_IN_FLIGHT_PER_SERVER) {
    this.#limit = Math.max(1, Math.floor(limit))
  }

  /** The client with every page request counted against its profile's slots. */
  limit(profileId: string, client: ImportTaskSource): ImportTaskSource {
    return {
      queryImportTasks: (query, opts = {}) =>
        this.run(profileId, opts.signal, () => client.queryImportTasks(query, opts)),
    }
  }

  /** Runs `fn` once one of the profile's slots is free; rejects with 'cancelled' if aborted first. */
  async run<T>(
    profileId: string,
    signal: AbortSignal | undefined,
    fn: () => Promise<T>,
  ): Promise<T> {
    const server = this.#server(profileId)
    if (server.active >= this.#limit) await this.#wait(server, signal)
    else server.active++
    try {
      return await fn()
    } finally {
      this.#release(profileId, server)
    }
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

  #release(profileId: string, server: Server): void {
    const next = server.queue.shift()
    if (next) return next.start() // the slot passes on: `active` stays the same
    server.active--
    if (server.active === 0 && this.#servers.get(profileId) === server) {
      this.#servers.delete(profileId)
    }
  }

  #server(profileId: string): Server {
    let server = this.#servers.get(profileId)
    if (!server) {
      server = { active: 0, queue: [] }
      this.#servers.set(profileId, server)
    }
    return server
  }
}
