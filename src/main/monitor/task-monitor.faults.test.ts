import type { TaskSnapshot } from '../../shared/contract'
import type { ErrorCode } from '../../shared/errors'
import { IsalesClient } from '../isales/client'
import { trustOf } from '../isales/profile-client'
import { createAgent } from '../tls/agent-factory'
import type { CreateClient } from './client-pool'
import { FAULT_NAMES, type FaultName } from '../simulator/faults'
import { cleanUp, harness, simulator, type Harness } from '../testing/monitor-sim-harness'

/**
 * The server-fault matrix through the monitor: for every fault the simulator offers, the monitor
 * watches campaign 1001 over real HTTPS while every request meets that fault, then after it stops.
 * Each fault ends either fresh (a slow body is only slow) or stale with its reason (the last good
 * tasks, the error, the server online or offline as the fault means), and once the fault stops the
 * campaign is fetched fresh again (a task added meanwhile shows) and polled on. The clock is the
 * manual scheduler, moved one virtual second per few real milliseconds until the outcome shows:
 * no sleeps, every wait bounded.
 */

afterEach(cleanUp)

/** Small enough that the hugeBody fault (1 MiB here) is over it without moving 20 MiB. */
const REPLY_CAP = 256 * 1024

type Expected = { ends: 'fresh' } | { ends: 'stale'; code: ErrorCode; server: 'online' | 'offline' }

/** Every simulator fault (a new one fails to compile until it is listed here). */
const MATRIX: Record<FaultName, Expected> = {
  dropConnection: { ends: 'stale', code: 'network', server: 'offline' },
  http500: { ends: 'stale', code: 'http', server: 'offline' },
  http429: { ends: 'stale', code: 'rate-limited', server: 'offline' },
  tooFrequent: { ends: 'stale', code: 'rate-limited', server: 'offline' },
  malformedJson: { ends: 'stale', code: 'protocol', server: 'online' },
  // Content-Length promised more than came: the transport says so (a cut-off connection).
  truncatedBody: { ends: 'stale', code: 'network', server: 'offline' },
  slowBody: { ends: 'fresh' },
  hugeBody: { ends: 'stale', code: 'protocol', server: 'online' },
}

/** The profile's client with a smaller reply cap; otherwise as the app's (clientForProfile). */
const smallReplies: CreateClient = (profile, sk) => {
  const agent = createAgent(trustOf(profile.tls))
  const client = new IsalesClient({
    baseUrl: profile.serverUrl,
    vdnId: profile.vdnId,
    ak: profile.ak,
    sk,
    signing: profile.signing,
    dispatcher: agent,
    maxResponseBytes: REPLY_CAP,
  })
  return { client, close: () => agent.close() }
}

const updatesOf = (h: Harness): TaskSnapshot[] =>
  h.of('tasks:updated').filter((s) => s.campaignId === '1001')

/** Moves the clock a second at a time until `done` holds (at most `limitSec` virtual seconds). */
async function until(h: Harness, done: () => void, limitSec = 120): Promise<void> {
  let moved = 0
  await vi.waitFor(
    () => {
      try {
        done()
      } catch (err) {
        if (moved < limitSec) {
          h.clock.advance(1000)
          moved++
        }
        throw err
      }
    },
    { timeout: 15_000, interval: 10 },
  )
}

describe('server-fault matrix through the monitor', () => {
  it.each(FAULT_NAMES.map((f) => [f, MATRIX[f]] as const))(
    'with %s on the campaign ends fresh or stale with its reason, and is fresh and polled again once it stops',
    async (fault, expected) => {
      const sim = await simulator()
      const h = await harness(sim, undefined, { createClient: smallReplies })
      h.monitor.open({ profileId: 'p1', campaignId: '1001' })
      const good = await h.monitor.refresh('p1', '1001', 'r1')
      expect(good.stale).toBe(false)

      sim.setFaults({
        [fault]: { probability: 1 },
        retryAfterSeconds: 1,
        slowBodyMs: 50,
        hugeBodyBytes: 4 * REPLY_CAP,
      })
      const before = updatesOf(h).length
      await until(h, () => expect(updatesOf(h).length).toBeGreaterThan(before))
      const during = updatesOf(h).at(-1)!
      if (expected.ends === 'fresh') {
        expect(during.stale).toBe(false)
      } else {
        // Stale with the reason: the last good tasks, the error the window shows.
        expect(during).toMatchObject({ stale: true, error: { code: expected.code } })
        expect(during.error?.message).toBeTruthy()
        expect(during.tasks.map((t) => t.id)).toEqual(good.tasks.map((t) => t.id))
        expect(during.halted).toBeUndefined()
        await until(h, () =>
          expect(h.of('connectivity:changed').at(-1)?.state).toBe(expected.server),
        )
      }
      expect(sim.stats.requests).toBeGreaterThan(1)

      sim.setFaults({})
      const added = sim.addTask('1001', { status: '1' })
      await until(h, () =>
        expect(
          updatesOf(h)
            .at(-1)
            ?.tasks.some((t) => t.id === added.id),
        ).toBe(true),
      )
      expect(updatesOf(h).at(-1)?.stale).toBe(false)
      expect(h.of('connectivity:changed').at(-1)?.state).toBe('online')
      // Polled again: its next check is planned.
      const planned = h.of('refresh:scheduled').filter((e) => e.campaignId === '1001')
      expect(planned.at(-1)?.nextAt).toBeGreaterThan(h.clock.now())
    },
  )
})
