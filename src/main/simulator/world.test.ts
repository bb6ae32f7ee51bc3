import { SimWorld, STUCK_BEGUN_MS } from './world'
import { parseSimTime } from './sim-time'

const NOW = Date.parse('2024-06-01T08:00:00Z')

function world(live = false, clock = () => NOW) {
  return new SimWorld(
    [
      { id: 'a', name: 'A', taskCount: 100, live, seed: 1, inProgress: 3 },
      { id: 'b', name: 'B', taskCount: 10, withBlackNum: true, seed: 2, inProgress: 2 },
    ],
    clock,
    42,
  )
}

const statuses = (w: SimWorld, i = 0) => w.campaigns[i]!.tasks.map((t) => String(t.status))
const running = (w: SimWorld, i = 0) => statuses(w, i).filter((s) => s === '0' || s === '1').length

describe('SimWorld', () => {
  it('moves preparing tasks to importing, grows counts, then finishes them with an endTime', () => {
    let clock = NOW
    const w = world(false, () => clock)
    const [first] = w.campaigns[0]!.tasks
    expect(String(first!.status)).toBe('0')
    w.tick()
    expect(String(first!.status)).toBe('1')
    const before = first!.succNum + first!.repeatNum + first!.failNum
    clock += 2000
    w.tick()
    expect(first!.succNum + first!.repeatNum + first!.failNum).toBeGreaterThan(before)
    expect(first!.endTime).toBe('')
    clock += 10_000
    w.tick(10)
    expect(running(w)).toBe(0)
    expect(['2', '3']).toContain(String(first!.status))
    expect(first!.endTime).not.toBe('')
  })

  it('keeps blackNum growing on withBlackNum campaigns and the status type of each task', () => {
    const w = world()
    const types = w.campaigns[1]!.tasks.map((t) => typeof t.status)
    w.tick(10)
    expect(running(w, 1)).toBe(0)
    expect(w.campaigns[1]!.tasks.map((t) => typeof t.status)).toEqual(types)
    expect(w.campaigns[1]!.tasks.every((t) => typeof t.blackNum === 'number')).toBe(true)
  })

  it('is deterministic and adds new tasks only to live campaigns', () => {
    const a = world(true)
    const b = world(true)
    a.tick(30)
    b.tick(30)
    expect(a.campaigns).toEqual(b.campaigns)
    expect(a.campaigns[0]!.tasks.length).toBeGreaterThan(100)
    expect(a.campaigns[1]!.tasks).toHaveLength(10)
  })

  it('addTask puts a preparing task first; setTaskStatus finishes or reopens it', () => {
    const w = world()
    const task = w.addTask('a', { fileName: 'x.csv' })
    expect(w.campaigns[0]!.tasks[0]).toBe(task)
    expect(task).toMatchObject({ status: '0', endTime: '', fileName: 'x.csv', succNum: 0 })
    expect(task.id).toMatch(/^\d{30}$/)
    w.setTaskStatus('a', task.id, '3')
    expect(task.status).toBe('3')
    expect(task.endTime).toMatch(/^2024-06-01T08:00:00/)
    expect(typeof task.errMsg === 'string' && task.errMsg.length > 0).toBe(true)
    w.setTaskStatus('a', task.id, '1')
    expect(task.endTime).toBe('')
    expect(() => w.addTask('a', { id: task.id })).toThrow(/already exists/)
    expect(() => w.setTaskStatus('a', 'nope', '2')).toThrow(/Unknown task/)
  })

  it('places an added task with an older beginTime in order', () => {
    const w = world()
    const tasks = w.campaigns[0]!.tasks
    const fifth = tasks[5]!
    const added = w.addTask('a', { beginTime: fifth.beginTime })
    expect(tasks.indexOf(added)).toBe(6)
  })

  it('an idle campaign with newImportEveryTicks stays idle, then gets one new import every N ticks', () => {
    const w = new SimWorld(
      [{ id: 'i', name: 'Idle', taskCount: 20, inProgress: 0, newImportEveryTicks: 5, seed: 3 }],
      () => NOW,
      42,
    )
    expect(running(w)).toBe(0)
    w.tick(4)
    expect(w.campaigns[0]!.tasks).toHaveLength(20)
    expect(running(w)).toBe(0)
    w.tick()
    expect(w.campaigns[0]!.tasks).toHaveLength(21)
    expect(String(w.campaigns[0]!.tasks[0]!.status)).toBe('0') // the newest, preparing
    w.tick(5)
    expect(w.campaigns[0]!.tasks).toHaveLength(22)
  })

  it('a stuck import began long ago and never advances, while the others finish', () => {
    const w = new SimWorld(
      [{ id: 's', name: 'Stuck', taskCount: 10, inProgress: 2, stuckImports: 1, seed: 4 }],
      () => NOW,
      42,
    )
    const stuck = w.campaigns[0]!.tasks.find(
      (t) => parseSimTime(t.beginTime) === NOW - STUCK_BEGUN_MS,
    )
    expect(stuck).toBeDefined()
    expect(String(stuck!.status)).toBe('1')
    const processed = stuck!.succNum + stuck!.repeatNum + stuck!.failNum
    w.tick(50)
    expect(String(stuck!.status)).toBe('1')
    expect(stuck!.succNum + stuck!.repeatNum + stuck!.failNum).toBe(processed)
    expect(running(w)).toBe(1) // only the stuck one
  })
})

describe('SimWorld blacklist imports', () => {
  const specs = [{ id: 'a', name: 'A', taskCount: 100, live: true, seed: 1, inProgress: 3 }]
  const blacklisted = (taskCount: number, extraVdnIds: number[] = []) =>
    new SimWorld(specs, () => NOW, 42, { taskCount }, extraVdnIds)

  it('gives every VDN its own blacklist, kept out of the campaign list', () => {
    const w = blacklisted(60, [2])
    expect(w.campaigns.map((c) => c.id)).toEqual(['a'])
    expect(w.findBlacklist(1)?.tasks).toHaveLength(60)
    expect(w.findBlacklist(2)?.tasks).toHaveLength(60)
    expect(w.findBlacklist(2)!.tasks[0]!.id).not.toBe(w.findBlacklist(1)!.tasks[0]!.id)
    expect(w.findBlacklist(3)).toBeUndefined()
  })

  it('is the same for the same seed, and its progress never changes the campaigns’ own', () => {
    const ids = (w: SimWorld) => w.findBlacklist(1)!.tasks.map((t) => t.id)
    expect(ids(blacklisted(60))).toEqual(ids(blacklisted(60)))
    const without = blacklisted(0)
    const withMany = blacklisted(500)
    without.tick(10)
    withMany.tick(10)
    expect(withMany.campaigns[0]!.tasks).toEqual(without.campaigns[0]!.tasks)
    expect(withMany.findBlacklist(1)!.tasks.some((t) => String(t.status) === '3')).toBe(true)
  })
})
