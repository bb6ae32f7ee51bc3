/**
 * What killed writes left behind is swept by the app itself: the user-data and cache folders at
 * start-up, an export folder at the next export there, only our own orphaned temp files, and the
 * log says how many (never what they held).
 */
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startSimulator, type Simulator } from '../simulator/server'
import {
  removeRoot,
  simulatorProfile,
  startHarness,
  type Harness,
} from '../testing/compose-harness'

/** Above Linux's largest pid: never a running process. */
const DEAD_PID = 999_999_999
let harnesses: Harness[] = []
let sims: Simulator[] = []

afterEach(async () => {
  for (const h of harnesses) await h.dispose()
  await Promise.all(sims.map((s) => s.close()))
  await Promise.all(harnesses.map((h) => removeRoot(h.root)))
  harnesses = []
  sims = []
})

async function harness(root?: string): Promise<Harness> {
  const h = await startHarness(root ? { root } : {})
  harnesses.push(h)
  return h
}

/** A file in `dir` quiet for `minutes`. */
async function leftover(dir: string, name: string, minutes = 5): Promise<string> {
  await mkdir(dir, { recursive: true })
  const path = join(dir, name)
  await writeFile(path, '{"partial":')
  const at = new Date(Date.now() - minutes * 60_000)
  await utimes(path, at, at)
  return path
}

const logText = (h: Harness) =>
  readFile(join(h.root, 'userData', 'logs', 'main.log'), 'utf8').catch(() => '')

describe('the start-up sweep', () => {
  it('removes orphaned temp files in the user-data and cache folders, and only those', async () => {
    const root = await mkdtemp(join(tmpdir(), 'compose-sweep-'))
    const userData = join(root, 'userData')
    const cache = join(userData, 'cache')
    const orphans = [
      await leftover(userData, `.profiles.json.${DEAD_PID}.0123456789ab.tmp`),
      await leftover(userData, `.settings.json.${DEAD_PID}.0123456789ac.tmp`),
      await leftover(cache, `.0123-4567.json.${DEAD_PID}.0123456789ad.tmp`),
    ]
    const kept = [
      // The CLI, running now, may still be writing this one.
      await leftover(userData, `.profiles.json.${process.pid}.0123456789ae.tmp`),
      await leftover(userData, 'notes.tmp'),
      await leftover(userData, '.profiles.json.1.tmp'),
    ]
    const h = await harness(root)
    await vi.waitFor(() => expect(orphans.filter(existsSync)).toEqual([]), { timeout: 5_000 })
    expect(kept.filter(existsSync)).toEqual(kept)
    await vi.waitFor(async () => {
      const log = await logText(h)
      expect(log).toContain(
        `Removed temporary files left by interrupted writes {"folder":${JSON.stringify(userData)},"count":2}`,
      )
      expect(log).toContain(`Cache clean-up {"folder":${JSON.stringify(cache)},"count":1}`)
    })
    expect(await logText(h)).not.toContain('partial')
  })
})

describe('the export-folder sweep', () => {
  it('removes orphaned temp files where a CSV or the profiles are exported, at that export', async () => {
    const sim = await startSimulator({
      campaigns: [{ id: '2001', name: 'Spring', taskCount: 5, seed: 7, inProgress: 0 }],
    })
    sims.push(sim)
    const h = await harness()
    const view = await h.ok('profiles:save', {
      profile: simulatorProfile(sim, [{ id: '2001', label: 'Spring' }]),
      secret: { sk: sim.sk, sessionOnly: false },
    })
    await h.refreshed({ profileId: view.id, campaignId: '2001', requestId: 'r' })

    const exports = join(h.root, 'exports')
    const csvOrphan = await leftover(exports, `.tasks.csv.${DEAD_PID}.0123456789ab.tmp`)
    const fresh = await leftover(exports, `.tasks.csv.${DEAD_PID}.0123456789ac.tmp`, 0)
    const theirs = await leftover(exports, '.~lock.tasks.csv#')
    h.adapters.savePaths.push(join(exports, 'tasks.csv'))
    await h.ok('export:csv', { profileId: view.id, campaignId: '2001', taskIds: null })
    expect(existsSync(csvOrphan)).toBe(false)
    expect(existsSync(fresh)).toBe(true) // quiet for less than a minute: maybe still being written
    expect(existsSync(theirs)).toBe(true)

    const other = join(h.root, 'profiles-out')
    const jsonOrphan = await leftover(other, `.isales-profiles.json.${DEAD_PID}.0123456789ad.tmp`)
    h.adapters.savePaths.push(join(other, 'isales-profiles.json'))
    await h.ok('profiles:export', {})
    expect(existsSync(jsonOrphan)).toBe(false)
    expect(await logText(h)).toContain(
      `Removed temporary files left by interrupted writes {"folder":${JSON.stringify(other)},"count":1}`,
    )
  })
})
