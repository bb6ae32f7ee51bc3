import { AppError } from '../../shared/errors'
import { setup, task } from '../testing/monitor-harness'

/**
 * Lifecycle with an in-memory server and cache (monitor-harness.ts): the pooled client, profile
 * edits and removal, cancelling, caching, request ids, notifications. Errors and going offline are
 * in task-monitor.failures.test.ts; the simulator-backed behaviour is in task-monitor.test.ts.
 */

afterEach(() => {
  vi.restoreAllMocks()
})

describe('TaskMonitor lifecycle', () => {
  it('reuses one client per profile, rebuilds it when the profile or SK changes, closes all on stop', async () => {
    const t = setup()
    await t.monitor.refresh('p1', 'A', 'r1')
    await t.monitor.refresh('p1', 'C', 'r2')
    expect(t.created).toEqual(['p1:pin:SK-1'])

    t.secrets.set('p1', 'SK-2') // keyed by a hash of the SK: a new client, the old one closed
    await t.monitor.refresh('p1', 'C', 'r3')
    expect(t.created).toEqual(['p1:pin:SK-1', 'p1:pin:SK-2'])
    await vi.waitFor(() => expect(t.closedCount()).toBe(1))

    t.profiles.set('p1', { ...t.profiles.get('p1')!, tls: { mode: 'system' } })
    t.monitor.profileChanged('p1')
    await vi.waitFor(() => expect(t.closedCount()).toBe(2))
    await t.monitor.refresh('p1', 'C', 'r4')
    expect(t.created.at(-1)).toBe('p1:system:SK-2')

    await t.monitor.stop()
    expect(t.closedCount()).toBe(3)
    expect(t.clock.pending()).toEqual([])
  })

  it('profileChanged mid-fetch: the callers get a fetch with the new settings', async () => {
    const t = setup()
    let open!: () => void
    t.server.gate = new Promise((r) => (open = r))
    const pending = t.monitor.refresh('p1', 'C', 'r1')
    // The first request is waiting at the gate (it is recorded just before).
    await vi.waitFor(() => expect(t.server.requests).toHaveLength(1))
    t.secrets.set('p1', 'SK-NEW')
    t.monitor.profileChanged('p1')
    t.server.gate = null
    open()
    const snap = await pending
    expect(snap.stale).toBe(false)
    expect(t.server.requests.map((r) => r.sk)).toEqual(['SK-1', 'SK-NEW'])
    expect(t.of('tasks:updated')).toHaveLength(1)
  })

  it('profileChanged restarts in-progress campaigns now and forgets campaigns no longer watched', async () => {
    const t = setup()
    await t.monitor.refresh('p1', 'A', 'r1') // in progress: polled
    await t.monitor.refresh('p1', 'B', 'r2') // in progress: polled
    expect(t.clock.pending()).toHaveLength(2)
    t.profiles.set('p1', {
      ...t.profiles.get('p1')!,
      campaigns: [{ id: 'A', label: 'Alpha' }],
    })
    t.monitor.profileChanged('p1')
    // A's restarted fetch has answered; a fetch of B would have started along with it.
    await vi.waitFor(() => expect(t.of('tasks:updated')).toHaveLength(3))
    expect(t.server.requests.map((r) => r.campaignId)).toEqual(['A', 'B', 'A'])
    expect(t.clock.pending()).toHaveLength(1) // A polled again; B dropped
    expect(
      t
        .of('refresh:scheduled')
        .filter((e) => e.campaignId === 'B')
        .at(-1)?.nextAt,
    ).toBeNull()
  })

  it('a cancelled refresh of a polled campaign leaves its polling in place', async () => {
    const t = setup()
    await t.monitor.refresh('p1', 'A', 'r1')
    expect(t.clock.pending()).toHaveLength(1)
    t.server.gate = new Promise(() => {})
    const cancelled = t.monitor.refresh('p1', 'A', 'r2').catch((e: unknown) => e)
    await vi.waitFor(() => expect(t.server.requests).toHaveLength(2)) // r2 waits at the gate
    t.monitor.cancel('r2')
    expect(await cancelled).toMatchObject({ code: 'cancelled' })
    // The aborted fetch settles after the caller's rejection: then the poll is put back.
    await vi.waitFor(() => expect(t.clock.pending()).toEqual([t.clock.now() + 15_000]))
    expect(t.of('tasks:updated')).toHaveLength(1)
    t.server.gate = null
    t.clock.advance(15_000)
    await vi.waitFor(() => expect(t.of('tasks:updated')).toHaveLength(2))
    expect(t.server.requests).toHaveLength(3)
    expect(t.clock.pending()).toEqual([t.clock.now() + 15_000])
  })

  it('profileRemoved cancels its fetches, clears its timers and removes its cache', async () => {
    const t = setup()
    await t.monitor.refresh('p1', 'A', 'r1')
    expect(t.cache.entries.size).toBe(1)
    t.server.gate = new Promise(() => {})
    const inFlight = t.monitor.refresh('p1', 'C', 'r2').catch((e: unknown) => e)
    // C's request is waiting at the gate.
    await vi.waitFor(() => expect(t.server.requests.map((r) => r.campaignId)).toEqual(['A', 'C']))
    await t.monitor.profileRemoved('p1')
    expect(await inFlight).toMatchObject({ code: 'cancelled' })
    expect(t.cache.entries.size).toBe(0)
    expect(t.clock.pending()).toEqual([])
    expect(await t.monitor.cached('p1', 'A')).toBeNull()
  })

  it('keeps working when the cache cannot be written', async () => {
    const t = setup()
    t.cache.failPut = true
    const snap = await t.monitor.refresh('p1', 'A', 'r1')
    expect(snap.stale).toBe(false)
    expect(t.warnings).toEqual(['The fetched tasks could not be cached'])
    // The last good result is still served stale from memory when the server fails.
    t.server.error = new AppError('timeout', 'too slow')
    expect(await t.monitor.refresh('p1', 'A', 'r2')).toMatchObject({
      stale: true,
      tasks: snap.tasks,
    })
  })

  it('reports a list that kept moving as incomplete', async () => {
    const t = setup()
    t.server.countOverride = () => 3 // A has 2 tasks: the total is never reached, pass after pass
    const snap = await t.monitor.refresh('p1', 'A', 'r1')
    expect(snap.incomplete).toBe(true)
    expect(t.cache.entries.get('p1/A')?.incomplete).toBe(true)
  })

  it('rejects an unknown profile and a request id already in flight', async () => {
    const t = setup()
    await expect(t.monitor.refresh('nope', 'A', 'r1')).rejects.toMatchObject({ code: 'validation' })
    t.server.gate = new Promise(() => {})
    const first = t.monitor.refresh('p1', 'A', 'dup').catch(() => undefined)
    await expect(t.monitor.refresh('p1', 'B', 'dup')).rejects.toMatchObject({ code: 'validation' })
    t.monitor.cancel('dup')
    await first
  })

  it('notifies with the campaign id when it has no label', async () => {
    const t = setup()
    await t.monitor.refresh('p1', 'B', 'r1')
    t.server.campaigns.set('B', [task(3, '3'), task(4, '2')])
    await t.monitor.refresh('p1', 'B', 'r2')
    expect(t.notes).toEqual([
      { title: 'Import failed: campaign B on server One', body: 'File format error' },
    ])
  })
})
