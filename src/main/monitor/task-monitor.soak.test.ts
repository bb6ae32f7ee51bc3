import { readdirSync } from 'node:fs'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { MAX_IN_FLIGHT_PER_SERVER } from '../../shared/limits'
import {
  INTERVAL_MS,
  cleanUp,
  harness,
  simulator,
  type Harness,
} from '../testing/monitor-sim-harness'

/**
 * A short soak (issue 10): several hundred refresh cycles through the monitor against the real
 * simulator over HTTPS, on the manual clock (each cycle moves it one refresh interval: a due poll
 * or an offline retry fetches), with a dropped connection or a 500 now and then. What a cycle
 * might leave behind must stay within a band: open sockets (counted at the simulator), the
 * monitor's pending timers (the manual clock's), the process's real timers and open file
 * descriptors (/proc/self/fd: CI is Linux), and the heap after a full garbage collection.
 */

const WARM_UP = 30
const CYCLES = 300

afterEach(cleanUp)

/** A full collection, without --expose-gc on the command line. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc')
  ;(runInNewContext('gc') as () => void)()
}

function openFds(): number {
  return readdirSync('/proc/self/fd').length
}

function realTimers(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length
}

interface Sample {
  sockets: number
  monitorTimers: number
  timers: number
  fds: number
  heapMb: number
}

function sample(h: Harness, sockets: number): Sample {
  collectGarbage()
  return {
    sockets,
    monitorTimers: h.clock.pending().length,
    timers: realTimers(),
    fds: openFds(),
    heapMb: process.memoryUsage().heapUsed / 2 ** 20,
  }
}

describe('TaskMonitor soak', () => {
  it('runs hundreds of refresh cycles leaving no sockets, timers, descriptors or memory behind', async () => {
    const sim = await simulator()
    const h = await harness(sim)
    h.profile.campaigns = [
      { id: '1001', label: 'In progress: polled every interval' },
      { id: '2002', label: 'Finished: checked when idle' },
    ]
    const checks = () => h.of('connectivity:changed').length
    let maxSockets = 0
    let maxMonitorTimers = 0
    let wentOffline = false

    async function cycle(n: number): Promise<void> {
      // Now and then the server fails once: offline, a retry, back online.
      if (n % 25 === 0) sim.setFaults(n % 50 === 0 ? { dropConnection: 1 } : { http500: 1 })
      const before = checks()
      h.clock.advance(INTERVAL_MS)
      await vi.waitFor(() => expect(checks()).toBeGreaterThan(before), {
        timeout: 5000,
        interval: 1,
      })
      maxSockets = Math.max(maxSockets, sim.openSockets)
      maxMonitorTimers = Math.max(maxMonitorTimers, h.clock.pending().length)
      wentOffline ||= h.of('connectivity:changed').some((e) => e.state === 'offline')
      h.events.length = 0 // the recorder's own copies of every task list are not the monitor's
    }
    async function quiet(): Promise<void> {
      await vi.waitFor(() => expect(sim.stats.inFlight).toBe(0), { timeout: 5000, interval: 1 })
    }

    h.monitor.watchEveryProfile()
    for (let n = 1; n <= WARM_UP; n++) await cycle(n)
    await quiet()
    const base = sample(h, sim.openSockets)
    const requestsBefore = sim.stats.requests

    for (let n = WARM_UP + 1; n <= WARM_UP + CYCLES; n++) await cycle(n)
    await quiet()
    const end = sample(h, sim.openSockets)

    // It really ran: every cycle fetched (two pages for the campaign in progress), faults included.
    expect(sim.stats.requests - requestsBefore).toBeGreaterThanOrEqual(CYCLES)
    expect(wentOffline).toBe(true)
    // Bands: a leak of one per cycle would pass them by far (CYCLES = 300).
    expect(maxSockets).toBeLessThanOrEqual(MAX_IN_FLIGHT_PER_SERVER)
    expect(end.sockets).toBeLessThanOrEqual(base.sockets + 2)
    expect(maxMonitorTimers).toBeLessThanOrEqual(3) // a poll per campaign and a retry
    expect(end.monitorTimers).toBeLessThanOrEqual(base.monitorTimers)
    expect(end.timers).toBeLessThanOrEqual(base.timers + 5)
    expect(end.fds).toBeLessThanOrEqual(base.fds + 10)
    expect(end.heapMb - base.heapMb).toBeLessThan(8)
  })
})
