/**
 * A fake window.isales for renderer tests: every method answers from `handlers` (default: an
 * "unexpected call" error), records its calls, and events can be emitted by hand.
 */
import { METHODS, EVENTS, type IsalesApi } from '@shared/api'
import type { EventPayloads, Result, TaskSnapshot, VersionedSnapshot } from '@shared/contract'
import type { ErrorPayload } from '@shared/errors'
import type { ImportTask } from '@shared/import-task'
import type { OverviewRow } from '@shared/overview'
import type { ProfileView } from '@shared/profile'
import { buildTask } from '@shared/testing/task-builder'
import { setIsales } from '../bridge'
import { setToastSink, type Toast } from '../ui/toasts'

type MethodName = keyof typeof METHODS
type EventMethod = keyof typeof EVENTS
type Handler = (args: never) => Result<unknown> | Promise<Result<unknown>>

export interface FakeIsales {
  api: IsalesApi
  calls: { method: MethodName; args: unknown }[]
  callsOf(method: MethodName): unknown[]
  on(method: MethodName, handler: Handler): void
  emit<E extends EventMethod>(event: E, payload: EventPayloads[(typeof EVENTS)[E]]): void
  listeners(event: EventMethod): number
  toasts: Toast[]
}

export const ok = <T>(data: T): Result<T> => ({ ok: true, data })
export const fail = (error: ErrorPayload): Result<never> => ({ ok: false, error })

export function installFakeIsales(): FakeIsales {
  const handlers = new Map<MethodName, Handler>()
  const listeners = new Map<EventMethod, Set<(p: unknown) => void>>()
  const calls: FakeIsales['calls'] = []
  const toasts: Toast[] = []
  const api: Record<string, unknown> = {}
  for (const name of Object.keys(METHODS) as MethodName[]) {
    api[name] = async (args: unknown) => {
      calls.push({ method: name, args })
      const h = handlers.get(name)
      if (!h) return fail({ code: 'internal', message: `unexpected call: ${name}` })
      return h(args as never)
    }
  }
  for (const name of Object.keys(EVENTS) as EventMethod[]) {
    api[name] = (listener: (p: unknown) => void) => {
      const set = listeners.get(name) ?? new Set()
      set.add(listener)
      listeners.set(name, set)
      return () => set.delete(listener)
    }
  }
  const fake: FakeIsales = {
    api: api as unknown as IsalesApi,
    calls,
    callsOf: (method) => calls.filter((c) => c.method === method).map((c) => c.args),
    on: (method, handler) => void handlers.set(method, handler),
    emit: (event, payload) => listeners.get(event)?.forEach((l) => l(payload)),
    listeners: (event) => listeners.get(event)?.size ?? 0,
    toasts,
  }
  // The overview is asked for at every start: empty unless a test says otherwise.
  fake.on('getOverview', () => ok({ rows: [], computedAt: 0 }))
  setIsales(fake.api)
  setToastSink((t) => toasts.push(t))
  return fake
}

/**
 * Main's side of the task lists, as the window feed does it: each refresh answer (a snapshot, or
 * an error) becomes the campaign's next version, sent whole as 'tasks:changed' to whoever listens;
 * the reply is only the receipt, and cachedTasks answers the held version. Returns the versions
 * handed out, by campaign.
 */
export function serveTasks(
  fake: FakeIsales,
  answer: (args: {
    profileId: string
    campaignId: string
  }) => Result<TaskSnapshot> | Promise<Result<TaskSnapshot>>,
  epoch = 'test-epoch',
): Map<string, VersionedSnapshot> {
  const held = new Map<string, VersionedSnapshot>()
  const keyOf = (a: { profileId: string; campaignId: string }) => `${a.profileId}/${a.campaignId}`
  fake.on('refreshTasks', async (args: { profileId: string; campaignId: string }) => {
    const r = await answer(args)
    if (!r.ok) return r
    const version = (held.get(keyOf(args))?.version ?? 0) + 1
    const list = { epoch, version, snapshot: r.data }
    held.set(keyOf(args), list)
    fake.emit('onTasksChanged', { kind: 'full', ...list })
    const { tasks: _tasks, ...meta } = r.data
    return ok({ epoch, version, meta })
  })
  fake.on('cachedTasks', (args: { profileId: string; campaignId: string }) =>
    ok(held.get(keyOf(args)) ?? null),
  )
  return held
}

export function task(id: string, over: Partial<ImportTask> = {}): ImportTask {
  return buildTask({
    id,
    status: '2',
    beginTime: '2025-06-01 10:00:00',
    endTime: '2025-06-01 10:05:00',
    beginAt: Date.UTC(2025, 5, 1, 2),
    endAt: Date.UTC(2025, 5, 1, 2, 5),
    succNum: 90,
    repeatNum: 5,
    failNum: 5,
    errMsg: '',
    extra: {},
    ...over,
  })
}

export function snapshot(over: Partial<TaskSnapshot> = {}): TaskSnapshot {
  return {
    profileId: 'p1',
    campaignId: 'c1',
    tasks: [task('1'), task('2', { status: '1', endAt: null, endTime: '' })],
    count: 2,
    fetchedAt: new Date(Date.UTC(2025, 5, 1, 3)).toISOString(),
    stale: false,
    incomplete: false,
    hasBlackNum: false,
    ...over,
  }
}

export function profile(over: Partial<ProfileView> = {}): ProfileView {
  return {
    id: 'p1',
    name: 'Server one',
    serverUrl: 'https://10.0.0.5:28443',
    vdnId: 1,
    ak: 'ak',
    signing: { timestampFormat: 'seconds', signedHeaders: ['host'] },
    tls: { mode: 'system' },
    campaigns: [{ id: 'c1', label: 'Campaign one' }],
    hasSecret: true,
    secretStorage: 'keychain',
    ...over,
  }
}

export function overviewRow(over: Partial<OverviewRow> = {}): OverviewRow {
  return {
    profileId: 'p1',
    serverName: 'Server one',
    campaignId: 'c1',
    name: 'Campaign one',
    campaignStatus: 2,
    summary: {
      dayStart: Date.UTC(2025, 5, 1),
      preparing: 0,
      importing: 1,
      failedToday: 0,
      importedToday: 3,
      succeeded: 900,
      duplicates: 50,
      failed: 50,
      successRate: 0.9,
      lastImportAt: Date.UTC(2025, 5, 1, 2),
      stuck: 0,
    },
    lastCheckedAt: Date.UTC(2025, 5, 1, 3),
    lastGoodAt: Date.UTC(2025, 5, 1, 3),
    link: 'online',
    health: 'running',
    ...over,
  }
}
