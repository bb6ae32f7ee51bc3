import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { tempPathFor } from './atomic-write'
import { isProcessRunning, sweepAndLog, sweepOrphanTemps } from './orphan-temps'

let dir: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'orphan-temps-'))
})

afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const MINUTE = 60_000

/** A temp file named as tempPathFor names them, for a writer with `pid`, quiet for `ageMs`. */
async function temp(target: string, pid: number, ageMs: number, hex = '0123456789ab') {
  const path = join(dir, `.${target}.${pid}.${hex}.tmp`)
  await writeFile(path, 'partial')
  const at = new Date(Date.now() - ageMs)
  await utimes(path, at, at)
  return path
}

const dead = () => false
const running = () => true

describe('sweepOrphanTemps', () => {
  it('recognises exactly the names tempPathFor makes', async () => {
    const real = tempPathFor(join(dir, 'settings.json'))
    await writeFile(real, 'x')
    const at = new Date(Date.now() - 2 * MINUTE)
    await utimes(real, at, at)
    expect(await sweepOrphanTemps(dir, { isRunning: dead })).toBe(1)
    expect(existsSync(real)).toBe(false)
  })

  it('removes a dead writer’s temp file once it has been quiet a minute, not before', async () => {
    const old = await temp('profiles.json', 4242, 2 * MINUTE)
    const fresh = await temp('settings.json', 4242, 5_000)
    expect(await sweepOrphanTemps(dir, { isRunning: dead })).toBe(1)
    expect(existsSync(old)).toBe(false)
    expect(existsSync(fresh)).toBe(true)
  })

  it('keeps a running writer’s temp file (the CLI writing now) until it is an hour stale', async () => {
    const writing = await temp('out.csv', 4243, 30 * MINUTE)
    const stale = await temp('out.json', 4243, 61 * MINUTE)
    expect(await sweepOrphanTemps(dir, { isRunning: running })).toBe(1)
    expect(existsSync(writing)).toBe(true)
    expect(existsSync(stale)).toBe(false)
  })

  it('never touches a name of another shape, nor a folder of our shape', async () => {
    const others = [
      '.x.json.1.aa.tmp', // too short a random part
      'x.json.1.0123456789ab.tmp', // no leading dot
      '.x.json.1.0123456789AB.tmp', // not our hex
      '.x.json.0123456789ab.tmp', // no pid
      '.x.json.1.0123456789ab.tmp.bak',
      'report.csv',
      '.hidden',
    ]
    const at = new Date(Date.now() - 2 * 60 * MINUTE)
    for (const name of others) {
      await writeFile(join(dir, name), 'theirs')
      await utimes(join(dir, name), at, at)
    }
    await mkdir(join(dir, '.y.json.1.0123456789ab.tmp'))
    expect(await sweepOrphanTemps(dir, { isRunning: dead })).toBe(0)
    expect((await readdir(dir)).sort()).toEqual([...others, '.y.json.1.0123456789ab.tmp'].sort())
  })

  it('sweeps only the folder itself, and nothing when the folder is missing', async () => {
    await mkdir(join(dir, 'sub'))
    const below = join(dir, 'sub', '.a.json.7.0123456789ab.tmp')
    await writeFile(below, 'x')
    await utimes(below, new Date(0), new Date(0))
    expect(await sweepOrphanTemps(dir, { isRunning: dead })).toBe(0)
    expect(await sweepOrphanTemps(join(dir, 'missing'))).toBe(0)
    expect(existsSync(below)).toBe(true)
  })

  it('logs how many files went and in which folder, never their names', async () => {
    await temp('profiles.json', 4244, 2 * MINUTE)
    await temp('profiles.json', 4244, 2 * MINUTE, '0123456789ac')
    const lines: { message: string; context?: Record<string, unknown> }[] = []
    const log = {
      info: (message: string, context?: Record<string, unknown>) =>
        lines.push({ message, context }),
    }
    expect(await sweepAndLog(dir, log, { isRunning: dead })).toBe(2)
    expect(lines).toEqual([
      {
        message: 'Removed temporary files left by interrupted writes',
        context: { folder: dir, count: 2 },
      },
    ])
    expect(JSON.stringify(lines)).not.toContain('profiles.json')
    expect(await sweepAndLog(dir, log)).toBe(0)
    expect(lines).toHaveLength(1) // nothing swept, nothing said
  })
})

describe('isProcessRunning', () => {
  it('is true for this process and false once a child has exited', async () => {
    expect(isProcessRunning(process.pid)).toBe(true)
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' })
    const pid = child.pid!
    await once(child, 'exit')
    expect(isProcessRunning(pid)).toBe(false)
  })
})
