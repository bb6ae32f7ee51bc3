import type { Server } from 'node:https'
import type { Socket } from 'node:net'

/**
 * Test-facing: how much the simulator is serving at once, as a server with a concurrency limit
 * sees it. `inUse` counts every request being handled (arrival to the reply's end) plus every
 * connection that finished its TLS handshake and has not sent a request yet: a certificate
 * probe's, or a new connection about to carry one. Idle kept-alive connections do not count.
 * A connection stops counting when its request arrives (the request counts instead) or when the
 * client closes it ('end'), so a caller that waits for its own socket's close never overlaps
 * with the count. `maxInUse` is the highest `inUse` seen: the figure the per-server gate must keep
 * at or under its limit (compose-limit.test.ts).
 */
export interface LoadStats {
  inUse: number
  maxInUse: number
}

export interface ConnectionLoad {
  /** A request arrived on the socket: counts it (and no longer its connection); returns the release. */
  request(socket: Socket, stats: LoadStats): () => void
}

function up(stats: LoadStats): void {
  stats.inUse++
  stats.maxInUse = Math.max(stats.maxInUse, stats.inUse)
}

/** Counts the server's handshaken connections into `current()` (the stats of the moment). */
export function trackConnectionLoad(server: Server, current: () => LoadStats): ConnectionLoad {
  // Each connection decrements the stats it was counted in (resetStats swaps them).
  const fresh = new Map<Socket, LoadStats>()
  const leave = (socket: Socket): void => {
    const counted = fresh.get(socket)
    if (!counted) return
    fresh.delete(socket)
    counted.inUse--
  }
  server.on('secureConnection', (socket: Socket) => {
    const stats = current()
    up(stats)
    fresh.set(socket, stats)
    socket.once('end', () => leave(socket))
    socket.once('close', () => leave(socket))
  })
  return {
    request(socket, stats) {
      leave(socket)
      up(stats)
      let released = false
      return () => {
        if (released) return
        released = true
        stats.inUse--
      }
    },
  }
}
