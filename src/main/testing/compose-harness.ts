/**
 * Test support for the composition-root tests (compose*.test.ts): a real composeApp in a fresh
 * temp user-data folder, reached only through createDispatcher (the path the app and the e2e
 * harness take), with an in-memory keychain, a real logger, fake desktop adapters that record
 * their calls, and an event recorder to await events instead of sleeping. Test-only; no Electron.
 */
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  CHANNELS,
  type ArgsOf,
  type Channel,
  type ChannelResults,
  type EventName,
  type EventPayloads,
  type Result,
  type TaskSnapshot,
  type TasksChange,
  type VersionedSnapshot,
} from '../../shared/contract'
import { applyDelta } from '../../shared/task-diff'
import type { ErrorPayload } from '../../shared/errors'
import type { ProfileInput } from '../../shared/contract'
import {
  createDispatcher,
  type Dispatch,
  type HandlerContext,
  type Handlers,
  type SenderInfo,
} from '../ipc/registry'
import { createLogger, logsDirFor, type Logger } from '../log/logger'
import { createMemoryKeychain, type MemoryKeychain } from '../secrets/keychain'
import type { Simulator } from '../simulator/server'
import { composeApp, type ComposedApp, type DesktopAdapters } from '../app/compose'

export const TRUSTED_ORIGIN = 'http://127.0.0.1:5173'
export const APP_SENDER: SenderInfo = { url: `${TRUSTED_ORIGIN}/#/tasks`, isMainFrame: true }

// ---- events -----------------------------------------------------------------------------------

export interface RecordedEvent<E extends EventName = EventName> {
  event: E
  payload: EventPayloads[E]
}

export class EventRecorder {
  readonly events: RecordedEvent[] = []
  readonly #waiters = new Set<{ check(e: RecordedEvent): boolean }>()
  /** The task lists as a window holds them, built from 'tasks:changed' (full lists and deltas). */
  readonly lists = new Map<string, VersionedSnapshot>()

  readonly emit = <E extends EventName>(event: E, payload: EventPayloads[E]): void => {
    const recorded = { event, payload } as RecordedEvent
    if (event === 'tasks:changed') this.#hold(payload as TasksChange)
    this.events.push(recorded)
    for (const waiter of [...this.#waiters]) waiter.check(recorded)
  }

  /** The campaign's list as the window holds it now (what the events brought). */
  listOf(profileId: string, campaignId: string): VersionedSnapshot | undefined {
    return this.lists.get(`${profileId}/${campaignId}`)
  }

  /**
   * The first campaign list, as the window holds it after a 'tasks:changed', that matches (the
   * latest held list for events already recorded).
   */
  async waitForTasks(
    predicate: (snapshot: TaskSnapshot) => boolean,
    opts: { from?: number; timeoutMs?: number } = {},
  ): Promise<TaskSnapshot> {
    const heldOf = (c: TasksChange) => {
      const ref = c.kind === 'full' ? c.snapshot : c.meta
      return this.listOf(ref.profileId, ref.campaignId)?.snapshot
    }
    const change = await this.waitFor(
      'tasks:changed',
      (c) => {
        const held = heldOf(c)
        return held !== undefined && predicate(held)
      },
      opts,
    )
    return heldOf(change)!
  }

  /** Takes a list the window asked for (tasks:cached), as the window does. */
  hold(list: VersionedSnapshot | null): void {
    if (list) this.#hold({ kind: 'full', ...list })
  }

  #hold(change: TasksChange): void {
    const ref = change.kind === 'full' ? change.snapshot : change.meta
    const key = `${ref.profileId}/${ref.campaignId}`
    if (change.kind === 'full') {
      this.lists.set(key, {
        epoch: change.epoch,
        version: change.version,
        snapshot: change.snapshot,
      })
      return
    }
    const held = this.lists.get(key)
    if (!held || held.epoch !== change.epoch || held.version !== change.baseVersion) {
      throw new Error(
        `test: a delta on version ${change.baseVersion} of ${key}, held: ${held?.version}`,
      )
    }
    const { snapshot } = applyDelta(held.snapshot, change)
    this.lists.set(key, { epoch: change.epoch, version: change.version, snapshot })
  }

  of<E extends EventName>(event: E): EventPayloads[E][] {
    return this.events.filter((e) => e.event === event).map((e) => e.payload as EventPayloads[E])
  }

  /** A position in the recording, for waitFor's `from`. */
  mark(): number {
    return this.events.length
  }

  /**
   * The first event of that name matching the predicate, already recorded (from position `from`,
   * default the start) or still to come. Rejects after timeoutMs with the events seen, so a
   * missing event fails the test clearly.
   */
  waitFor<E extends EventName>(
    event: E,
    predicate: (payload: EventPayloads[E]) => boolean = () => true,
    opts: { from?: number; timeoutMs?: number } = {},
  ): Promise<EventPayloads[E]> {
    const timeoutMs = opts.timeoutMs ?? 10_000
    const matches = (e: RecordedEvent) =>
      e.event === event && predicate(e.payload as EventPayloads[E])
    const seen = this.events.slice(opts.from ?? 0).find(matches)
    if (seen) return Promise.resolve(seen.payload as EventPayloads[E])
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter)
        const names = this.events.map((e) => e.event).join(', ')
        reject(new Error(`No matching ${event} event within ${timeoutMs} ms (seen: ${names})`))
      }, timeoutMs)
      const waiter = {
        check: (e: RecordedEvent) => {
          if (!matches(e)) return false
          clearTimeout(timer)
          this.#waiters.delete(waiter)
          resolve(e.payload as EventPayloads[E])
          return true
        },
      }
      this.#waiters.add(waiter)
    })
  }
}

// ---- desktop adapters -------------------------------------------------------------------------

export interface FakeAdapters extends DesktopAdapters {
  /** What the next save / open dialogs answer (in order); null = the person cancelled. */
  savePaths: (string | null)[]
  openPaths: (string | null)[]
  saveCalls: { title: string; defaultName: string; extension: string }[]
  openCalls: { title: string; extensions: string[] }[]
  shown: string[]
  opened: string[]
  notifications: { title: string; body: string }[]
}

export function fakeAdapters(): FakeAdapters {
  const adapters: FakeAdapters = {
    savePaths: [],
    openPaths: [],
    saveCalls: [],
    openCalls: [],
    shown: [],
    opened: [],
    notifications: [],
    async chooseSavePath(opts) {
      adapters.saveCalls.push(opts)
      if (adapters.savePaths.length === 0) throw new Error('test: no save path prepared')
      return adapters.savePaths.shift() ?? null
    },
    async chooseOpenPath(opts) {
      adapters.openCalls.push(opts)
      if (adapters.openPaths.length === 0) throw new Error('test: no open path prepared')
      return adapters.openPaths.shift() ?? null
    },
    showItemInFolder(path) {
      adapters.shown.push(path)
    },
    async openPath(path) {
      adapters.opened.push(path)
      return ''
    },
    notify(notification) {
      adapters.notifications.push(notification)
    },
  }
  return adapters
}

// ---- the app under test -----------------------------------------------------------------------

export interface Harness {
  /** The temp folder of this test; userDataDir and files the dialogs pick live under it. */
  root: string
  userDataDir: string
  keychain: MemoryKeychain
  logger: Logger
  adapters: FakeAdapters
  events: EventRecorder
  app: ComposedApp
  dispatch: Dispatch
  /** Channels whose handler was actually reached, in call order. */
  reached: Channel[]
  /** Every Result the dispatcher returned. */
  results: Result<unknown>[]
  call<C extends Channel>(
    channel: C,
    args: ArgsOf<C>,
    sender?: SenderInfo,
    /** What the window's IPC adds: its signal names the window for the per-window caps. */
    ctx?: HandlerContext,
  ): Promise<Result<ChannelResults[C]>>
  /** Calls and expects success; returns the data. */
  ok<C extends Channel>(channel: C, args: ArgsOf<C>): Promise<ChannelResults[C]>
  /**
   * tasks:refresh as the window sees it: the reply's version, then the list the events brought
   * (whole, at that version). Throws on an error Result.
   */
  refreshed(args: ArgsOf<'tasks:refresh'>): Promise<TaskSnapshot>
  /** tasks:cached as the window takes it: the list, or null. */
  cached(args: ArgsOf<'tasks:cached'>): Promise<TaskSnapshot | null>
  /** Calls and expects failure; returns the error payload. */
  fail<C extends Channel>(channel: C, args: ArgsOf<C>): Promise<ErrorPayload>
  dispose(): Promise<void>
}

export interface HarnessOptions {
  /** Reuse a root (a "restart" of the app on the same user-data folder). */
  root?: string
  keychain?: MemoryKeychain
  /** The OS languages composeApp is told about (default none: English). */
  systemLanguages?: readonly string[]
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const root = opts.root ?? (await mkdtemp(join(tmpdir(), 'compose-test-')))
  const userDataDir = join(root, 'userData')
  await mkdir(userDataDir, { recursive: true })
  const keychain = opts.keychain ?? createMemoryKeychain()
  const logger = createLogger({ dir: logsDirFor(userDataDir) })
  const adapters = fakeAdapters()
  const events = new EventRecorder()
  const app = await composeApp({
    userDataDir,
    log: logger,
    emit: events.emit,
    adapters,
    keychain,
    version: '0.0.0-test',
    platform: 'linux',
    ...(opts.systemLanguages ? { systemLanguages: () => opts.systemLanguages ?? [] } : {}),
  })
  const reached: Channel[] = []
  const spied = Object.fromEntries(
    (Object.keys(CHANNELS) as Channel[]).map((channel) => {
      const handler = app.handlers[channel] as (...a: unknown[]) => Promise<unknown>
      return [
        channel,
        (...args: unknown[]) => {
          reached.push(channel)
          return handler(...args)
        },
      ]
    }),
  ) as unknown as Handlers
  const dispatch = createDispatcher(spied, { log: logger, trustedPages: [TRUSTED_ORIGIN] })
  const results: Result<unknown>[] = []
  let disposed = false

  const call = async <C extends Channel>(
    channel: C,
    args: ArgsOf<C>,
    sender = APP_SENDER,
    ctx?: HandlerContext,
  ) => {
    const result = await dispatch(channel, sender, args, ctx)
    results.push(result)
    return result as Result<ChannelResults[C]>
  }

  const ok = async <C extends Channel>(channel: C, args: ArgsOf<C>) => {
    const result = await call(channel, args)
    if (!result.ok) {
      throw new Error(`${channel} failed: ${result.error.code}: ${result.error.message}`)
    }
    return result.data
  }

  return {
    root,
    userDataDir,
    keychain,
    logger,
    adapters,
    events,
    app,
    dispatch,
    reached,
    results,
    call,
    ok,
    async refreshed(args) {
      const receipt = await ok('tasks:refresh', args)
      const held = events.listOf(args.profileId, args.campaignId)
      if (!held || held.epoch !== receipt.epoch || held.version !== receipt.version) {
        throw new Error(
          `test: refresh answered version ${receipt.version}, window holds ${held?.version}`,
        )
      }
      return held.snapshot
    },
    async cached(args) {
      const list = await ok('tasks:cached', args)
      events.hold(list)
      return list?.snapshot ?? null
    },
    async fail(channel, args) {
      const result = await call(channel, args)
      if (result.ok) throw new Error(`${channel} succeeded but was expected to fail`)
      return result.error
    },
    async dispose() {
      if (disposed) return
      disposed = true
      await app.dispose()
    },
  }
}

export async function removeRoot(root: string): Promise<void> {
  await rm(root, { recursive: true, force: true })
}

// ---- profiles and files -----------------------------------------------------------------------

export function simulatorProfile(
  sim: Simulator,
  campaigns: { id: string; label: string }[],
  tls: ProfileInput['tls'] = {
    mode: 'pin',
    fingerprint256: sim.fingerprint256,
    subject: 'CN=localhost',
    trustedAt: new Date().toISOString(),
  },
): ProfileInput {
  return {
    name: 'Test iSales server',
    serverUrl: sim.url,
    vdnId: 1,
    ak: sim.ak,
    signing: { timestampFormat: 'seconds', signedHeaders: ['host'] },
    tls,
    campaigns,
  }
}

/** Every file under dir (recursively) with its content as UTF-8 text. */
export async function readAllFiles(dir: string): Promise<{ path: string; text: string }[]> {
  const out: { path: string; text: string }[] = []
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    out.push({ path, text: await readFile(path, 'utf8') })
  }
  return out
}
