/**
 * composeApp through createDispatcher: demo mode, profiles and secrets, export, settings and
 * shutdown, asserted as the window would see them. See compose-harness.ts.
 */
import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile, rm } from 'node:fs/promises'
import { connect, Server } from 'node:net'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { DEMO_PROFILE_ID, DEMO_PROFILE_NAME } from '../demo/demo-server'
import { decodeValue } from '../secrets/bound-secret'
import { startSimulator, type Simulator } from '../simulator/server'
import { readXlsx } from '../testing/xlsx-sheets'
import { formatOfPath } from './handlers/export'
import {
  readAllFiles,
  removeRoot,
  simulatorProfile,
  startHarness,
  type Harness,
} from '../testing/compose-harness'

const CAMPAIGN = { id: '2001', label: 'Spring renewals' }
const SIM_CAMPAIGNS = [
  { id: '2001', name: 'Spring renewals', taskCount: 40, seed: 7, inProgress: 0 },
]

let harnesses: Harness[] = []
let sims: Simulator[] = []

async function harness(opts?: Parameters<typeof startHarness>[0]): Promise<Harness> {
  const h = await startHarness(opts)
  harnesses.push(h)
  return h
}

async function simulator(): Promise<Simulator> {
  const sim = await startSimulator({ campaigns: SIM_CAMPAIGNS })
  sims.push(sim)
  return sim
}

afterEach(async () => {
  for (const h of harnesses) await h.dispose()
  await Promise.all(sims.map((s) => s.close()))
  await Promise.all(harnesses.map((h) => removeRoot(h.root)))
  harnesses = []
  sims = []
})

/** The keys a keychain value holds, each with the origin and AK it is bound to. */
function storedKeys(value: string | undefined) {
  const decoded = value === undefined ? undefined : decodeValue(value)
  return decoded?.kind === 'bound' ? decoded.keys : decoded
}

/** A profile for a simulator, SK in the keychain, its campaign fetched once. */
async function profileWithTasks(h: Harness, sim: Simulator) {
  const view = await h.ok('profiles:save', {
    profile: simulatorProfile(sim, [CAMPAIGN]),
    secret: { sk: sim.sk, sessionOnly: false },
  })
  const snapshot = await h.refreshed({
    profileId: view.id,
    campaignId: CAMPAIGN.id,
    requestId: 'first',
  })
  return { view, snapshot }
}

describe('demo mode', () => {
  it('demo:start gives a pinned demo profile whose tasks refresh, cache and announce', async () => {
    const h = await harness()
    expect(await h.ok('profiles:list', {})).toEqual([])

    const started = await h.ok('demo:start', {})
    expect(started.id).toBe(DEMO_PROFILE_ID)

    const list = await h.ok('profiles:list', {})
    expect(list).toHaveLength(1)
    const demo = list[0]!
    expect(demo).toMatchObject({
      id: DEMO_PROFILE_ID,
      name: DEMO_PROFILE_NAME,
      demo: true,
      hasSecret: true,
      secretStorage: 'session',
    })
    expect(demo.serverUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    // The pin is the certificate the demo server really presents.
    expect(demo.tls.mode).toBe('pin')
    const probed = await h.ok('tls:probe', { serverUrl: demo.serverUrl })
    expect(demo.tls).toMatchObject({ mode: 'pin', fingerprint256: probed.fingerprint256 })
    // Session-only: nothing went to the keychain.
    expect(h.keychain.entries.size).toBe(0)

    const campaignId = '3003' // "VIP Renewal Callbacks": 12 tasks, one in progress
    expect(demo.campaigns.map((c) => c.id)).toContain(campaignId)
    expect(await h.cached({ profileId: DEMO_PROFILE_ID, campaignId })).toBeNull()

    const beforeRefresh = h.events.mark() // the demo's campaigns have first checks planned already
    const snapshot = await h.refreshed({
      profileId: DEMO_PROFILE_ID,
      campaignId,
      requestId: 'demo-1',
    })
    expect(snapshot).toMatchObject({ profileId: DEMO_PROFILE_ID, campaignId, stale: false })
    expect(snapshot.tasks).toHaveLength(12)
    expect(snapshot.error).toBeUndefined()

    const cached = await h.cached({ profileId: DEMO_PROFILE_ID, campaignId })
    expect(cached).toMatchObject({ stale: false, fetchedAt: snapshot.fetchedAt })
    expect(cached!.tasks.map((t) => t.id)).toEqual(snapshot.tasks.map((t) => t.id))

    const updated = await h.events.waitForTasks((s) => s.campaignId === campaignId)
    expect(updated.tasks.map((t) => t.id)).toEqual(snapshot.tasks.map((t) => t.id))
    await h.events.waitFor(
      'connectivity:changed',
      (e) => e.profileId === DEMO_PROFILE_ID && e.state === 'online',
    )
    const scheduled = await h.events.waitFor(
      'refresh:scheduled',
      (e) => e.profileId === DEMO_PROFILE_ID && e.campaignId === campaignId,
      { from: beforeRefresh },
    )
    // A watched campaign is checked again whether or not imports are in progress (fast or slow).
    expect(scheduled.nextAt).toBeGreaterThan(Date.now())
    const changed = await h.events.waitFor('profiles:changed')
    expect(changed.map((p) => p.id)).toEqual([DEMO_PROFILE_ID])
  })
})

describe('demo mode after a restart', () => {
  it('starts a fresh demo server for the saved demo profile, with its new pin and SK', async () => {
    const first = await harness()
    const before = await first.ok('demo:start', {})
    await first.dispose()

    const h = await harness({ root: first.root })
    const [demo] = await h.ok('profiles:list', {})
    expect(demo).toMatchObject({ id: DEMO_PROFILE_ID, hasSecret: true, secretStorage: 'session' })
    const probed = await h.ok('tls:probe', { serverUrl: demo!.serverUrl })
    expect(demo!.tls).toMatchObject({ mode: 'pin', fingerprint256: probed.fingerprint256 })
    // A new certificate each start: the pin follows it.
    expect(probed.fingerprint256).not.toBe(
      (before.tls as { fingerprint256: string }).fingerprint256,
    )
    const snapshot = await h.refreshed({
      profileId: DEMO_PROFILE_ID,
      campaignId: '3003',
      requestId: 'after-restart',
    })
    expect(snapshot.tasks).toHaveLength(12)
  })
})

describe('profiles and secrets', () => {
  it('keeps a new profile’s SK in the keychain and nowhere the window or the disk can see', async () => {
    const sim = await simulator()
    const h = await harness()
    const sk = sim.sk

    // Requests that carry the SK but fail: at the dispatcher (zod) and inside the handler.
    const badSchema = await h.fail('profiles:save', {
      profile: { ...simulatorProfile(sim, [CAMPAIGN]), vdnId: 0 },
      secret: { sk, sessionOnly: false },
    })
    expect(badSchema).toMatchObject({ code: 'validation', detail: { field: 'profile.vdnId' } })
    const badUrl = await h.fail('profiles:save', {
      profile: { ...simulatorProfile(sim, [CAMPAIGN]), serverUrl: 'ftp://nowhere' },
      secret: { sk, sessionOnly: false },
    })
    expect(badUrl.code).toBe('validation')
    expect(h.keychain.entries.size).toBe(0)

    const { view, snapshot } = await profileWithTasks(h, sim)
    expect(view).toMatchObject({ hasSecret: true, secretStorage: 'keychain', ak: sim.ak })
    expect(view.tls).toMatchObject({ mode: 'pin', fingerprint256: sim.fingerprint256 })
    expect(storedKeys(h.keychain.entries.get(view.id))).toEqual([
      { origin: sim.url, ak: sim.ak, sk },
    ])
    expect(snapshot.tasks).toHaveLength(40)

    const listed = await h.ok('profiles:list', {})
    expect(listed).toEqual([expect.objectContaining({ id: view.id, secretStorage: 'keychain' })])
    // Every file type the app writes exists: settings, profiles, cache, log, exports.
    await h.ok('settings:update', { csvBom: false })
    // The SK sent again with an edit of the profile (the only way an SK reaches main).
    await h.ok('profiles:save', {
      profile: { ...simulatorProfile(sim, [CAMPAIGN]), id: view.id },
      secret: { sk, sessionOnly: false },
    })
    await h.fail('tasks:refresh', {
      profileId: 'no-such-profile',
      campaignId: CAMPAIGN.id,
      requestId: 'x',
    })
    const exports = join(h.root, 'exports')
    await mkdir(exports)
    h.adapters.savePaths.push(join(exports, 'tasks.csv'), join(exports, 'profiles.json'))
    await h.ok('export:csv', { profileId: view.id, campaignId: CAMPAIGN.id, taskIds: null })
    await h.ok('profiles:export', {})
    await h.ok('app:info', {})

    const files = await readAllFiles(h.root)
    const names = files.map((f) => f.path.slice(h.root.length))
    expect(names).toEqual(
      expect.arrayContaining([
        '/userData/profiles.json',
        '/userData/settings.json',
        '/userData/logs/main.log',
        '/exports/tasks.csv',
        '/exports/profiles.json',
      ]),
    )
    expect(names.some((n) => n.startsWith('/userData/cache/') && n.endsWith('.json'))).toBe(true)
    // The scan does read what is there: the AK (not a secret) is in the profiles file.
    const profilesFile = files.find((f) => f.path.endsWith('/userData/profiles.json'))!
    expect(profilesFile.text).toContain(sim.ak)
    expect(files.find((f) => f.path.endsWith('main.log'))!.text).toContain('Bridge request')

    for (const file of files) expect(file.text, file.path).not.toContain(sk)
    for (const result of h.results) expect(JSON.stringify(result)).not.toContain(sk)
    for (const event of h.events.events) expect(JSON.stringify(event)).not.toContain(sk)
  })
})

describe('profiles:save when the keychain fails', () => {
  it('a new profile is not kept, so saving again does not create a duplicate', async () => {
    const sim = await simulator()
    const h = await harness()
    h.keychain.fail = 'Secret Service: no result found'
    const input = simulatorProfile(sim, [CAMPAIGN])
    const failed = await h.fail('profiles:save', {
      profile: input,
      secret: { sk: sim.sk, sessionOnly: false },
    })
    expect(failed.code).toBe('keychain')
    expect(failed.message).toMatch(/keyring is locked/)
    expect(failed.message).toMatch(/this session only/)
    expect(await h.ok('profiles:list', {})).toEqual([])

    // The person picks "this session only" and saves the same form again.
    const saved = await h.ok('profiles:save', {
      profile: input,
      secret: { sk: sim.sk, sessionOnly: true },
    })
    expect(saved).toMatchObject({ hasSecret: true, secretStorage: 'session' })
    expect((await h.ok('profiles:list', {})).map((p) => p.id)).toEqual([saved.id])
    const onDisk = JSON.parse(await readFile(join(h.userDataDir, 'profiles.json'), 'utf8'))
    expect(onDisk.profiles).toHaveLength(1)
  })

  it('an edited profile keeps its previous settings when its new SK cannot be stored', async () => {
    const sim = await simulator()
    const h = await harness()
    const { view } = await profileWithTasks(h, sim)
    h.keychain.fail = 'Secret Service: no result found'
    const failed = await h.fail('profiles:save', {
      profile: { ...simulatorProfile(sim, [CAMPAIGN]), id: view.id, name: 'Renamed' },
      secret: { sk: 'a-new-secret-key', sessionOnly: false },
    })
    expect(failed.code).toBe('keychain')
    h.keychain.fail = null
    const listed = await h.ok('profiles:list', {})
    expect(listed).toEqual([expect.objectContaining({ id: view.id, name: view.name })])
    expect(storedKeys(h.keychain.entries.get(view.id))).toEqual([
      { origin: sim.url, ak: sim.ak, sk: sim.sk },
    ])
    // Still usable with the SK it had.
    const again = await h.refreshed({
      profileId: view.id,
      campaignId: CAMPAIGN.id,
      requestId: 'again',
    })
    expect(again.stale).toBe(false)
  })
})

describe('CSV export', () => {
  it('writes the rows on screen in screen order, BOM per settings, and shows only that file', async () => {
    const sim = await simulator()
    const h = await harness()
    const { view, snapshot } = await profileWithTasks(h, sim)
    const ids = snapshot.tasks.map((t) => t.id)
    const screen = [ids[5]!, ids[0]!, ids[17]!, ids[3]!]

    const first = join(h.root, 'screen.csv')
    h.adapters.savePaths.push(first)
    const result = await h.ok('export:csv', {
      profileId: view.id,
      campaignId: CAMPAIGN.id,
      taskIds: screen,
    })
    expect(result).toEqual({ path: first, rowCount: 4 })
    expect(h.adapters.saveCalls).toEqual([
      expect.objectContaining({
        extension: 'csv',
        otherExtensions: ['xlsx'],
        // Server host and port, campaign, local date and time.
        defaultName: expect.stringMatching(/^imports-127\.0\.0\.1-\d+-Spring-renewals-.*\.csv$/),
      }),
    ])
    const bytes = await readFile(first)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]) // default: BOM on
    const rows = parse(bytes, { columns: true, bom: true }) as Record<string, string>[]
    // Ids carry the leading ' that keeps their 30 digits in a spreadsheet.
    expect(rows.map((r) => r.id)).toEqual(screen.map((id) => `'${id}`))
    const byId = new Map(snapshot.tasks.map((t) => [t.id, t]))
    for (const row of rows) expect(Number(row.succNum)).toBe(byId.get(row.id!.slice(1))!.succNum)

    await h.ok('settings:update', { csvBom: false })
    const second = join(h.root, 'all.csv')
    h.adapters.savePaths.push(second)
    const all = await h.ok('export:csv', {
      profileId: view.id,
      campaignId: CAMPAIGN.id,
      taskIds: null,
    })
    expect(all).toEqual({ path: second, rowCount: 40 })
    const plain = await readFile(second)
    expect(plain[0]).toBe('i'.charCodeAt(0)) // no BOM: the header starts right away
    expect((parse(plain, { columns: true }) as { id: string }[]).map((r) => r.id)).toEqual(
      ids.map((id) => `'${id}`),
    )

    expect(await h.ok('export:showInFolder', { path: first })).toBeNull()
    expect(h.adapters.shown).toEqual([first])
    const other = join(h.userDataDir, 'profiles.json')
    const refused = await h.fail('export:showInFolder', { path: other })
    expect(refused).toMatchObject({ code: 'validation', detail: { field: 'path' } })
    expect(h.adapters.shown).toEqual([first])
  })

  it('exports the list the window was given, even when it never reached the disk cache', async () => {
    const sim = await simulator()
    const h = await harness()
    const { view, snapshot } = await profileWithTasks(h, sim)
    // The cache file is gone (a full disk refused it, or someone cleaned the folder).
    await rm(join(h.userDataDir, 'cache'), { recursive: true, force: true })
    const screen = snapshot.tasks.slice(0, 3).map((t) => t.id)
    const path = join(h.root, 'shown.csv')
    h.adapters.savePaths.push(path)
    const result = await h.ok('export:csv', {
      profileId: view.id,
      campaignId: CAMPAIGN.id,
      taskIds: [...screen, screen[0]!, '9'],
    })
    // Each task once, in screen order; an id no longer listed is skipped.
    expect(result).toEqual({ path, rowCount: 3 })
    const rows = parse(await readFile(path), { columns: true, bom: true }) as { id: string }[]
    expect(rows.map((r) => r.id)).toEqual(screen.map((id) => `'${id}`))
  })

  it('writes an Excel workbook when asked, or when the chosen file ends in .xlsx', async () => {
    const sim = await simulator()
    const h = await harness()
    const { view, snapshot } = await profileWithTasks(h, sim)
    const screen = snapshot.tasks.slice(2, 9).map((t) => t.id)

    const asked = join(h.root, 'screen.xlsx')
    h.adapters.savePaths.push(asked)
    const args = { profileId: view.id, campaignId: CAMPAIGN.id, taskIds: screen }
    const result = await h.ok('export:csv', { ...args, format: 'xlsx', filter: 'Status: failed' })
    expect(result).toEqual({ path: asked, rowCount: screen.length })
    expect(h.adapters.saveCalls[0]).toMatchObject({
      extension: 'xlsx',
      otherExtensions: ['csv'],
      defaultName: expect.stringMatching(/^imports-127\.0\.0\.1-\d+-Spring-renewals-.*\.xlsx$/),
    })
    const [imports, summary] = readXlsx(await readFile(asked))
    expect(
      [...imports!.rows.keys()].slice(1).map((r) => imports!.rows.get(r)!.get('A')!.raw),
    ).toEqual(screen)
    const labels = new Map(
      [...summary!.rows.values()].map((r) => [r.get('A')?.raw, r.get('B')?.raw]),
    )
    expect(labels.get('Filter')).toBe('Status: failed')
    expect(labels.get('Campaign')).toBe(`Spring renewals (${CAMPAIGN.id})`)

    // The dialog's file type wins: a .xlsx name chosen for a CSV export is a workbook.
    const typed = join(h.root, 'typed.xlsx')
    h.adapters.savePaths.push(typed)
    await h.ok('export:csv', { ...args, format: 'csv' })
    const [typedImports, typedSummary] = readXlsx(await readFile(typed))
    expect(typedImports!.rows.size).toBe(screen.length + 1)
    // Without the window's words for its filter, a view export says what it is, never "All tasks".
    const typedLabels = new Map(
      [...typedSummary!.rows.values()].map((r) => [r.get('A')?.raw, r.get('B')?.raw]),
    )
    expect(typedLabels.get('Filter')).toBe(
      `The view on screen: ${screen.length} of ${snapshot.tasks.length} tasks`,
    )
    expect(formatOfPath('x.CSV', 'xlsx')).toBe('csv')
    expect(formatOfPath('no-extension', 'xlsx')).toBe('xlsx')
  })

  it('a cancelled save dialog writes nothing and answers null', async () => {
    const sim = await simulator()
    const h = await harness()
    const { view } = await profileWithTasks(h, sim)
    h.adapters.savePaths.push(null)
    const result = await h.call('export:csv', {
      profileId: view.id,
      campaignId: CAMPAIGN.id,
      taskIds: null,
    })
    expect(result).toEqual({ ok: true, data: null })
    expect(h.adapters.saveCalls).toHaveLength(1)
    expect((await readdir(h.root)).sort()).toEqual(['userData'])
  })
})

describe('profiles export and import', () => {
  it('exports profiles without secrets and imports them into a fresh app', async () => {
    const sim = await simulator()
    const h = await harness()
    const { view } = await profileWithTasks(h, sim)
    await h.ok('demo:start', {}) // the demo is never exported

    const file = join(h.root, 'profiles-export.json')
    h.adapters.savePaths.push(file)
    expect(await h.ok('profiles:export', {})).toEqual({ path: file, rowCount: 1 })
    const text = await readFile(file, 'utf8')
    expect(text).not.toContain(sim.sk)
    expect(text).not.toMatch(/hasSecret|secretStorage|"sk"/)
    const doc = JSON.parse(text) as { profiles: { id: string; ak: string }[] }
    expect(doc.profiles).toEqual([expect.objectContaining({ id: view.id, ak: sim.ak })])

    const fresh = await harness()
    // A key left in this keychain under the file's id (a deleted profile's, in the format before
    // keys were bound) must not become the imported profile's key.
    fresh.keychain.entries.set(view.id, sim.sk)
    fresh.adapters.openPaths.push(file)
    expect(await fresh.ok('profiles:import', {})).toEqual({ imported: 1, skipped: 0 })
    const listed = await fresh.ok('profiles:list', {})
    expect(listed[0]?.id).not.toBe(view.id)
    expect(listed).toEqual([
      expect.objectContaining({
        name: view.name,
        serverUrl: sim.url,
        tls: view.tls,
        campaigns: [CAMPAIGN],
        hasSecret: false,
        secretStorage: 'none',
      }),
    ])
    fresh.adapters.openPaths.push(file)
    expect(await fresh.ok('profiles:import', {})).toEqual({ imported: 0, skipped: 1 })
    fresh.adapters.openPaths.push(null)
    expect(await fresh.call('profiles:import', {})).toEqual({ ok: true, data: null })
  })
})

describe('settings', () => {
  it('refuses a refresh interval under 5 s naming the field, accepts 10 and keeps it', async () => {
    const h = await harness()
    const refused = await h.fail('settings:update', { refreshIntervalSec: 4 })
    expect(refused).toMatchObject({ code: 'validation', detail: { field: 'refreshIntervalSec' } })
    expect(refused.message).toContain('refreshIntervalSec')
    expect(h.reached).not.toContain('settings:update')
    expect((await h.ok('settings:get', {})).refreshIntervalSec).toBe(15)

    const saved = await h.ok('settings:update', { refreshIntervalSec: 10 })
    expect(saved.refreshIntervalSec).toBe(10)
    expect((await h.ok('settings:get', {})).refreshIntervalSec).toBe(10)
    const onDisk = JSON.parse(await readFile(join(h.userDataDir, 'settings.json'), 'utf8'))
    expect(onDisk.settings.refreshIntervalSec).toBe(10)
  })
})

describe('what main shows itself follows the window language', () => {
  it('dialog titles: the OS language under "system", the chosen language otherwise', async () => {
    const h = await harness({ systemLanguages: ['zh-CN'] })
    h.adapters.savePaths.push(null, null)
    expect(await h.ok('profiles:export', {})).toBeNull()
    await h.ok('settings:update', { locale: 'en' })
    expect(await h.ok('profiles:export', {})).toBeNull()
    expect(h.adapters.saveCalls.map((c) => c.title)).toEqual([
      '导出服务器配置（不含 SK）',
      'Export server profiles (without secret keys)',
    ])
  })
})

describe('dispose', () => {
  it('stops the demo server, the monitor and its timers', async () => {
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout')
    const clearTimeoutSpy = vi.spyOn(globalThis, 'clearTimeout')
    const setIntervalSpy = vi.spyOn(globalThis, 'setInterval')
    const clearIntervalSpy = vi.spyOn(globalThis, 'clearInterval')
    try {
      const h = await harness()
      // An interval no other timer uses (undici's own header timeout is 15 s), so the polls are
      // told apart from the client's timers, whose clearing depends on the requests in flight.
      await h.ok('settings:update', { refreshIntervalSec: 17 })
      const demo = await h.ok('demo:start', {})
      const port = Number(new URL(demo.serverUrl).port)
      // Campaign 3002 has imports in progress: the monitor schedules the next poll.
      await h.refreshed({
        profileId: DEMO_PROFILE_ID,
        campaignId: '3002',
        requestId: 'r',
      })
      const scheduled = await h.events.waitFor('refresh:scheduled', (e) => e.campaignId === '3002')
      expect(scheduled.nextAt).not.toBeNull()
      const pollMs = 17_000
      const polls = setTimeoutSpy.mock.calls.flatMap((call, i) =>
        call[1] === pollMs ? [setTimeoutSpy.mock.results[i]!.value as NodeJS.Timeout] : [],
      )
      expect(polls.length).toBeGreaterThan(0)
      const intervals = setIntervalSpy.mock.results.map((r) => r.value as NodeJS.Timeout)
      expect(intervals.length).toBeGreaterThan(0) // the demo world ticking
      expect(await canConnect(port)).toBe(true)

      await h.dispose()

      const cleared = new Set(clearTimeoutSpy.mock.calls.map((c) => c[0]))
      for (const poll of polls) expect(cleared.has(poll)).toBe(true)
      const stopped = new Set(clearIntervalSpy.mock.calls.map((c) => c[0]))
      for (const interval of intervals) expect(stopped.has(interval)).toBe(true)
      expect(await canConnect(port)).toBe(false)

      const after = await h.fail('tasks:refresh', {
        profileId: DEMO_PROFILE_ID,
        campaignId: '3002',
        requestId: 'late',
      })
      expect(after.code).toBe('cancelled')
      const count = h.events.events.length
      h.app.monitor.suspend()
      h.app.monitor.resume()
      expect(h.events.events).toHaveLength(count)
      expect(existsSync(h.userDataDir)).toBe(true)
    } finally {
      vi.restoreAllMocks()
    }
  })
})

describe('dispose during demo:start', () => {
  it('stops a demo server that was still starting', async () => {
    const listen = vi.spyOn(Server.prototype, 'listen')
    try {
      const h = await harness()
      const starting = h.call('demo:start', {})
      await h.dispose()
      const result = await starting
      expect(result).toMatchObject({ ok: false, error: { code: 'cancelled' } })
      const servers = listen.mock.contexts as Server[]
      expect(servers.length).toBeGreaterThan(0) // the demo server did start listening
      for (const server of servers) expect(server.listening).toBe(false)
      // And no demo is left to a later start: it gets a fresh server.
      expect(await h.call('demo:start', {})).toMatchObject({
        ok: false,
        error: { code: 'cancelled' },
      })
    } finally {
      vi.restoreAllMocks()
    }
  })
})

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}
