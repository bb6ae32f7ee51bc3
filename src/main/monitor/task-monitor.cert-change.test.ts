import type { CampaignSpec } from '../simulator/world'
import { cleanUp, failure, harness, simulator } from '../testing/monitor-sim-harness'

/**
 * A pinned server changes its certificate while the monitor talks to it over kept-alive
 * connections (issue 11): once any new connection shows the change, no connection opened under
 * the old certificate serves another request; after the new pin is approved, requests go on
 * over new connections.
 */

const BIG: CampaignSpec = { id: '6001', name: 'Big', taskCount: 500, inProgress: 0, seed: 61 }
const SMALL: CampaignSpec = { id: '6002', name: 'Small', taskCount: 30, inProgress: 0, seed: 62 }

afterEach(cleanUp)

describe('TaskMonitor when a pinned server changes its certificate', () => {
  it('stops using the kept-alive connections once the change is seen, and goes on after the new pin', async () => {
    const sim = await simulator(0, [BIG, SMALL])
    const h = await harness(sim)
    h.profile.campaigns = [SMALL, BIG].map((c) => ({ id: c.id, label: c.name }))

    // Steady traffic: one page at a time over a kept-alive connection.
    await h.monitor.refresh('p1', SMALL.id, 'steady-1')
    await h.monitor.refresh('p1', SMALL.id, 'steady-2')
    const next = await sim.rotateCertificate()
    // Nothing has opened a connection yet: the old one still answers (the change is not seen).
    const before = sim.stats.requests
    await expect(h.monitor.refresh('p1', SMALL.id, 'unseen')).resolves.toMatchObject({
      stale: false,
    })
    expect(sim.stats.requests).toBe(before + 1)

    // Pages in parallel need new connections: the pin check sees the new certificate.
    sim.setFaults({ latencyMs: 50 })
    await failure(h.monitor.refresh('p1', BIG.id, 'sees-it'))
    // From now on the old connection is gone: the next request is refused, not answered (the
    // window gets the cached tasks, stale, with the reason).
    const served = sim.stats.requests
    const after = await h.monitor.refresh('p1', SMALL.id, 'after')
    expect(after).toMatchObject({
      stale: true,
      error: { code: 'cert-changed', detail: { presentedFingerprint: next } },
    })
    expect(sim.stats.requests).toBe(served)

    // The user approves the new certificate: requests go on over new connections.
    h.profile.tls = {
      mode: 'pin',
      fingerprint256: next,
      subject: 'CN=localhost',
      trustedAt: '2024-05-02T08:00:00.000Z',
    }
    h.monitor.profileChanged('p1')
    await expect(h.monitor.refresh('p1', SMALL.id, 'new-pin')).resolves.toMatchObject({
      stale: false,
    })
  })
})
