import type { EventName, EventPayloads, TaskSnapshot } from '../../shared/contract'
import type { Campaign, ImportTask } from '../../shared/import-task'
import type { OverviewRow, OverviewSnapshot } from '../../shared/overview'
import type { ServerProfile } from '../../shared/profile'
import { buildTask } from '../../shared/testing/task-builder'
import { ManualScheduler } from '../testing/manual-scheduler'
import { OVERVIEW_TICK_MS, OverviewService } from './overview-service'

// Noon local time, so "today" is unambiguous in any time zone.
const NOON = new Date(2026, 5, 10, 12, 0, 0).getTime()
const MIN = 60_000
const SLOW_MS = 120_000

function profile(id: string, campaigns: { id: string; label: string }[]): ServerProfile {
  return {
    id,
    name: `Server ${id}`,
    serverUrl: 'https://127.0.0.1:1',
    vdnId: 1,
    ak: 'AK',
    signing: { timestampFormat: 'seconds', signedHeaders: ['host'] },
    tls: { mode: 'system' },
    campaigns,
  }
}

function campaign(id: string, name: string, status: number | string): Campaign {
  return { id, name, extra: { status } }
}

interface Setup {
  clock: ManualScheduler
  service: OverviewService
  /** The emit the monitor would be given. */
  emit: <E extends EventName>(event: E, payload: EventPayloads[E]) => void
  forwarded: EventName[]
  sent: OverviewSnapshot[]
  listCalls: string[]
  profiles: ServerProfile[]
  last(): OverviewRow[]
  row(campaignId: string): OverviewRow
}

function setUp(
  opts: {
    profiles?: ServerProfile[]
    cache?: Record<string, { fetchedAt: string; tasks: ImportTask[] }>
    lists?: Record<string, Campaign[]>
  } = {},
): Setup {
  const clock = new ManualScheduler(NOON)
  const sent: OverviewSnapshot[] = []
  const forwarded: EventName[] = []
  const listCalls: string[] = []
  const profiles = opts.profiles ?? [profile('p1', [{ id: '1001', label: 'Loans' }])]
  const service = new OverviewService({
    profiles: () => profiles,
    cached: async (_p, c) => opts.cache?.[c] ?? null,
    listCampaigns: async (p) => {
      listCalls.push(p)
      return opts.lists?.[p] ?? []
    },
    thresholds: () => ({ stuckMinutes: 60, failureRatePct: 10 }),
    slowIntervalMs: () => SLOW_MS,
    emit: (event, payload) => {
      if (event === 'overview:updated') sent.push(payload as OverviewSnapshot)
    },
    timers: clock,
    now: clock.now,
    log: { warn: () => undefined },
  })
  const emit = service.observe((event) => void forwarded.push(event))
  const last = () => sent.at(-1)?.rows ?? []
  return {
    clock,
    service,
    emit,
    forwarded,
    sent,
    listCalls,
    profiles,
    last,
    row(campaignId) {
      const r = service.snapshot().rows.find((x) => x.campaignId === campaignId)
      if (!r) throw new Error(`no row for ${campaignId}`)
      return r
    },
  }
}

function snapshot(
  campaignId: string,
  tasks: ImportTask[],
  over: Partial<TaskSnapshot> = {},
  fetchedAt = NOON,
): TaskSnapshot {
  return {
    profileId: 'p1',
    campaignId,
    tasks,
    count: tasks.length,
    fetchedAt: new Date(fetchedAt).toISOString(),
    stale: false,
    incomplete: false,
    hasBlackNum: false,
    ...over,
  }
}

const today = (minutesAgo: number) => NOON - minutesAgo * MIN
const task = (id: string, over: Partial<ImportTask>) => buildTask({ id, ...over })

describe('the overview service', () => {
  it('forwards every event unchanged and keeps one row per watched campaign from the snapshots', async () => {
    const s = setUp()
    s.emit(
      'tasks:updated',
      snapshot('1001', [
        task('1', { status: '1', beginAt: today(5), succNum: 40, repeatNum: 5, failNum: 5 }),
        task('2', { status: '2', beginAt: today(90), endAt: today(80), succNum: 50 }),
        task('3', { status: '2', beginAt: today(60 * 30), endAt: today(60 * 29), succNum: 999 }),
      ]),
    )
    expect(s.forwarded).toEqual(['tasks:updated'])
    const row = s.last()[0]!
    expect(row).toMatchObject({
      profileId: 'p1',
      serverName: 'Server p1',
      campaignId: '1001',
      name: 'Loans',
      link: 'online',
      lastGoodAt: NOON,
      lastCheckedAt: NOON,
      health: 'running',
    })
    expect(row.summary).toMatchObject({
      importing: 1,
      importedToday: 1,
      failedToday: 0,
      succeeded: 90,
      duplicates: 5,
      failed: 5,
    })
    expect(row.summary?.successRate).toBeCloseTo(0.9)
    await Promise.resolve()
  })

  it('marks a campaign failing, counting the failed imports begun today', () => {
    const s = setUp()
    s.emit(
      'tasks:updated',
      snapshot('1001', [
        task('1', { status: '3', beginAt: today(60 * 13), endAt: today(30) }), // began yesterday
        task('2', { status: '3', beginAt: today(20), endAt: today(10) }),
        task('3', { status: '3', beginAt: today(60 * 40), endAt: today(60 * 39) }), // not today
      ]),
    )
    const row = s.last()[0]!
    expect(row.health).toBe('failing')
    expect(row.summary?.failedToday).toBe(1)
  })

  it('looks up the name and status of a campaign watched by id only, once', async () => {
    const s = setUp({
      profiles: [
        profile('p1', [
          { id: '1001', label: '' },
          { id: '1002', label: 'Mine' },
        ]),
      ],
      lists: { p1: [campaign('1001', 'Spring loans', 3), campaign('1002', 'Server name', '4')] },
    })
    expect(s.row('1001')).toMatchObject({ name: '', campaignStatus: null })
    s.emit('tasks:updated', snapshot('1001', []))
    s.emit('tasks:updated', snapshot('1002', []))
    await vi.waitFor(() => expect(s.row('1001').name).toBe('Spring loans'))
    expect(s.row('1001').campaignStatus).toBe(3)
    // The user's own label wins over the server's name; the status still comes from the list.
    expect(s.row('1002')).toMatchObject({ name: 'Mine', campaignStatus: 4 })
    expect(s.last().find((r) => r.campaignId === '1001')?.name).toBe('Spring loans')
    s.clock.advance(60_000)
    s.emit('tasks:updated', snapshot('1001', [], {}, NOON + 60_000))
    expect(s.listCalls).toEqual(['p1'])
  })

  it('does not read the campaign list while the server has not answered', () => {
    const s = setUp({ lists: { p1: [campaign('1001', 'x', 2)] } })
    s.emit('connectivity:changed', { profileId: 'p1', state: 'offline' })
    s.emit('tasks:updated', snapshot('1001', [], { stale: true }))
    expect(s.listCalls).toEqual([])
  })

  it('shows a server that cannot be reached as offline, with the time of the failed check', () => {
    const s = setUp()
    s.emit('tasks:updated', snapshot('1001', [task('1', { status: '1', beginAt: today(5) })]))
    s.clock.advance(30_000)
    s.emit('connectivity:changed', {
      profileId: 'p1',
      state: 'offline',
      error: { code: 'network', message: 'down', detail: {} } as never,
    })
    expect(s.last()[0]).toMatchObject({
      health: 'offline',
      link: 'offline',
      lastCheckedAt: NOON + 30_000,
      lastGoodAt: NOON,
    })
    expect(s.last()[0]?.error).toMatchObject({ code: 'network' })
    s.emit('connectivity:changed', { profileId: 'p1', state: 'online' })
    expect(s.last()[0]?.health).toBe('running')
  })

  it('turns stale after two slow intervals without a good check, with no event', () => {
    const s = setUp()
    s.service.start()
    s.emit('tasks:updated', snapshot('1001', []))
    expect(s.last()[0]?.health).toBe('idle')
    s.clock.advance(2 * SLOW_MS - OVERVIEW_TICK_MS)
    expect(s.last()[0]?.health).toBe('idle')
    s.clock.advance(2 * OVERVIEW_TICK_MS)
    expect(s.last()[0]?.health).toBe('stale')
    s.emit('tasks:updated', snapshot('1001', [], {}, s.clock.now()))
    expect(s.last()[0]?.health).toBe('idle')
    s.service.stop()
    expect(s.clock.pending()).toEqual([])
  })

  it('is stale at once when the last check failed, though the server is online', () => {
    const s = setUp()
    s.emit('tasks:updated', snapshot('1001', [task('1', { status: '2', beginAt: today(5) })]))
    s.clock.advance(1000)
    s.emit('tasks:updated', snapshot('1001', [], { stale: true }))
    const row = s.last()[0]!
    expect(row.health).toBe('stale')
    expect(row.lastCheckedAt).toBe(NOON + 1000)
    // The numbers stay those of the last good check.
    expect(row.summary?.importedToday).toBe(1)
    expect(row.lastGoodAt).toBe(NOON)
  })

  it('starts from the cache: the numbers of the last good check, stale when it is old', async () => {
    const fresh = new Date(NOON - 60_000).toISOString()
    const old = new Date(NOON - 3 * SLOW_MS).toISOString()
    const s = setUp({
      profiles: [
        profile('p1', [
          { id: '1001', label: 'A' },
          { id: '1002', label: 'B' },
        ]),
      ],
      cache: {
        '1001': {
          fetchedAt: fresh,
          tasks: [task('1', { status: '3', beginAt: today(9), endAt: today(8) })],
        },
        '1002': { fetchedAt: old, tasks: [task('2', { status: '1', beginAt: today(9) })] },
      },
    })
    await s.service.start()
    expect(s.last().map((r) => [r.campaignId, r.health, r.lastCheckedAt])).toEqual([
      ['1001', 'failing', null],
      ['1002', 'stale', null],
    ])
    s.service.stop()
  })

  it('follows the profiles: a new campaign gets a row, a removed profile loses its rows', async () => {
    const s = setUp({ cache: { '2001': { fetchedAt: new Date(NOON).toISOString(), tasks: [] } } })
    s.emit('tasks:updated', snapshot('1001', []))
    s.profiles.splice(0, 1, profile('p2', [{ id: '2001', label: 'New' }]))
    s.emit(
      'profiles:changed',
      s.profiles.map((p) => ({ ...p, hasSecret: true, secretStorage: 'keychain' })),
    )
    await vi.waitFor(() =>
      expect(s.last().map((r) => [r.campaignId, r.health])).toEqual([['2001', 'idle']]),
    )
  })

  it('sends nothing when a check changes nothing', () => {
    const s = setUp()
    s.emit('tasks:updated', snapshot('1001', []))
    const count = s.sent.length
    s.emit('tasks:progress', {
      requestId: 'r',
      profileId: 'p1',
      campaignId: '1001',
      pagesDone: 1,
      pagesTotal: 1,
      tasksSoFar: 0,
    })
    s.emit('tasks:updated', snapshot('1001', []))
    expect(s.sent.length).toBe(count)
  })
})
