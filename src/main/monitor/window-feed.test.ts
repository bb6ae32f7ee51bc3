import type { EventName, EventPayloads, TaskSnapshot, TasksChange } from '../../shared/contract'
import type { ImportTask } from '../../shared/import-task'
import { buildTask } from '../../shared/testing/task-builder'
import { WindowFeed } from './window-feed'

interface Sent {
  event: EventName
  payload: unknown
  bytes: number
}

/** The window's sender as the test sees it: what went out, and its JSON size. */
function windowSender(answer: () => boolean = () => true) {
  const sent: Sent[] = []
  const emit = <E extends EventName>(event: E, payload: EventPayloads[E]) => {
    sent.push({ event, payload, bytes: Buffer.byteLength(JSON.stringify(payload)) })
    return answer()
  }
  const changes = () =>
    sent.filter((s) => s.event === 'tasks:changed').map((s) => s.payload as TasksChange)
  return { sent, emit, changes }
}

function task(n: number, over: Partial<ImportTask> = {}): ImportTask {
  return buildTask({
    id: String(100_000_000 + n),
    status: '2',
    beginTime: '2025-06-01 10:00:00',
    beginAt: Date.UTC(2025, 5, 1, 2) + n,
    succNum: n % 97,
    failNum: n % 7,
    errMsg: n % 7 ? 'Bad phone number in row 3' : '',
    ...over,
  })
}

function snap(tasks: ImportTask[], over: Partial<TaskSnapshot> = {}): TaskSnapshot {
  return {
    profileId: 'p1',
    campaignId: 'c1',
    tasks,
    count: tasks.length,
    fetchedAt: new Date(Date.UTC(2025, 5, 1, 3)).toISOString(),
    stale: false,
    incomplete: false,
    hasBlackNum: false,
    ...over,
  }
}

const many = (n: number) => Array.from({ length: n }, (_, i) => task(i))

describe('window feed', () => {
  it('sends a campaign whole the first time, then only what was added, changed or removed', () => {
    const w = windowSender()
    const feed = new WindowFeed(w.emit, 'e1')
    const first = [task(1), task(2), task(3)]
    feed.emit('tasks:updated', snap(first))
    const second = [task(4), task(1), { ...task(2), status: '3' as const }]
    feed.emit('tasks:updated', snap(second, { fetchedAt: '2025-06-01T03:00:15.000Z' }))
    const [full, delta] = w.changes()
    expect(full).toMatchObject({ kind: 'full', epoch: 'e1', version: 1 })
    expect(delta).toMatchObject({
      kind: 'delta',
      epoch: 'e1',
      version: 2,
      baseVersion: 1,
      removed: [task(3).id],
      meta: { fetchedAt: '2025-06-01T03:00:15.000Z', campaignId: 'c1' },
    })
    if (delta?.kind !== 'delta') throw new Error('expected a delta')
    expect(delta.upserted.map((t) => t.id)).toEqual([task(4).id, task(2).id])
    expect(delta).not.toHaveProperty('tasks')
  })

  it('an unchanged list of 50,000 tasks goes out in under 1 KB; ten changed in under 10 KB', () => {
    const w = windowSender()
    const feed = new WindowFeed(w.emit)
    const tasks = many(50_000)
    feed.emit('tasks:updated', snap(tasks))
    expect(w.sent[0]!.bytes).toBeGreaterThan(5_000_000) // the one whole transfer
    // A new fetch: equal tasks in new objects, as the monitor builds them.
    feed.emit('tasks:updated', snap(tasks.map((t) => ({ ...t, extra: {} }))))
    expect(w.changes()[1]).toMatchObject({ kind: 'delta', upserted: [], removed: [] })
    expect(w.sent[1]!.bytes).toBeLessThan(1024)

    const changed = tasks.map((t, i) => (i % 5000 === 0 ? { ...t, succNum: t.succNum + 1 } : t))
    feed.emit('tasks:updated', snap(changed))
    const delta = w.changes()[2]
    expect(delta?.kind === 'delta' && delta.upserted).toHaveLength(10)
    expect(w.sent[2]!.bytes).toBeLessThan(10 * 1024)
  })

  it('sees a change in extra fields, and none in equal extras', () => {
    const w = windowSender()
    const feed = new WindowFeed(w.emit)
    feed.emit('tasks:updated', snap([task(1, { extra: { queue: 'a' } }), task(2)]))
    feed.emit(
      'tasks:updated',
      snap([task(1, { extra: { queue: 'a' } }), task(2, { extra: { x: 1 } })]),
    )
    const delta = w.changes()[1]
    expect(delta?.kind === 'delta' && delta.upserted.map((t) => t.id)).toEqual([task(2).id])
  })

  it('sends the whole list again when the previous one did not reach the window', () => {
    let up = false
    const w = windowSender(() => up)
    const feed = new WindowFeed(w.emit)
    feed.emit('tasks:updated', snap([task(1)]))
    up = true
    feed.emit('tasks:updated', snap([task(1), task(2)]))
    feed.emit('tasks:updated', snap([task(2)]))
    expect(w.changes().map((c) => [c.kind, c.version])).toEqual([
      ['full', 1],
      ['full', 2],
      ['delta', 3],
    ])
  })

  it('sends the whole list when a task id repeats (a delta by id could not say it)', () => {
    const w = windowSender()
    const feed = new WindowFeed(w.emit)
    feed.emit('tasks:updated', snap([task(1), task(2)]))
    feed.emit('tasks:updated', snap([task(1), task(1)]))
    feed.emit('tasks:updated', snap([task(1)]))
    expect(w.changes().map((c) => c.kind)).toEqual(['full', 'full', 'full'])
  })

  it('a stale snapshot updated in place is a new version with the new meta', () => {
    const w = windowSender()
    const feed = new WindowFeed(w.emit)
    const stale = snap([task(1)], { stale: true, failures: 1 })
    feed.emit('tasks:updated', stale)
    Object.assign(stale, { failures: 2 })
    feed.emit('tasks:updated', stale)
    expect(w.changes()[1]).toMatchObject({
      kind: 'delta',
      version: 2,
      upserted: [],
      meta: { failures: 2 },
    })
  })

  it('answers a refresh with the version it sent and the meta, never the tasks', () => {
    const w = windowSender()
    const feed = new WindowFeed(w.emit, 'e1')
    const s = snap(many(100))
    feed.emit('tasks:updated', s)
    const receipt = feed.receipt(s)
    expect(receipt).toEqual({
      epoch: 'e1',
      version: 1,
      meta: expect.objectContaining({ count: 100 }),
    })
    expect(JSON.stringify(receipt)).not.toContain('"tasks"')
    expect(w.changes()).toHaveLength(1) // no second transfer
    // A snapshot the events never carried goes out once, as an event, before the reply.
    const other = snap([task(7)], { campaignId: 'c2' })
    expect(feed.receipt(other)).toMatchObject({ version: 1 })
    expect(w.changes()).toHaveLength(2)
  })

  it('answers tasks:cached with the versioned list, then sends deltas on it', () => {
    const w = windowSender()
    const feed = new WindowFeed(w.emit, 'e1')
    const cached = snap([task(1), task(2)])
    expect(feed.cached(cached)).toEqual({ epoch: 'e1', version: 1, snapshot: cached })
    expect(feed.cached({ ...cached })).toMatchObject({ version: 1 }) // the same list: same version
    expect(feed.cached(null)).toBeNull()
    feed.emit('tasks:updated', snap([task(1), task(2), task(3)]))
    expect(w.changes()[0]).toMatchObject({ kind: 'delta', baseVersion: 1, version: 2 })
  })

  it('gives every process its own epoch, so a window can tell a restarted main', () => {
    const a = new WindowFeed(windowSender().emit)
    const b = new WindowFeed(windowSender().emit)
    expect(a.epoch).not.toBe(b.epoch)
  })

  it('passes every other event to the window unchanged, and never tasks:updated itself', () => {
    const w = windowSender()
    const feed = new WindowFeed(w.emit)
    const running = { profileId: 'p1', campaignId: 'c1', running: true }
    feed.emit('refresh:running', running)
    feed.emit('tasks:updated', snap([task(1)]))
    expect(w.sent.map((s) => s.event)).toEqual(['refresh:running', 'tasks:changed'])
    expect(w.sent[0]!.payload).toBe(running)
  })
})
