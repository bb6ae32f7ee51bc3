import { spawn } from 'node:child_process'
import { watch } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'rolldown'
import { TEMP_NAME } from '../fs/atomic-write'
import { startSimulator, type Simulator } from '../simulator/server'
import { KILL_WRITERS, type KillWriter, type ServerConfig } from './kill-writers'

/**
 * Crash safety, for real, over every kind of file the app writes (kill-writers.ts): a child
 * process writes through the real code in a loop and is SIGKILLed at random moments. After each
 * kill the file must hold one complete generation (the old or the new content, never a mix or a
 * half), and after the app's next sweep of that folder (start-up, or the next export there) no
 * temp file may be left. About 18 kills per kind, ≥ 100 in all, bounded for CI on 2 cores.
 *
 * How the child runs our TypeScript: there is no tsx / vite-node here and Node 20 cannot strip
 * types, but rolldown (vite 8's bundler) is installed, so beforeAll bundles kill-writer.child.ts
 * with its real imports into one .mjs that plain `node` runs. A hand-written JS copy of the
 * temp+rename logic would test the copy, not this code.
 */

const HERE = dirname(fileURLToPath(import.meta.url))
const KINDS = Object.entries(KILL_WRITERS) as [string, KillWriter][]
const KILLS_PER_KIND = 18

let bundle: string
let kills = 0
/** Kills that left a temp file behind: they landed inside a write. */
let interrupted = 0
let root: string
let sim: Simulator
let server: ServerConfig

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'kill-mid-write-'))
  bundle = join(root, 'child', 'kill-writer.mjs')
  sim = await startSimulator()
  server = { url: sim.url, fingerprint256: sim.fingerprint256, ak: sim.ak, sk: sim.sk }
  await build({
    input: join(HERE, 'kill-writer.child.ts'),
    platform: 'node',
    logLevel: 'silent',
    output: { dir: dirname(bundle), entryFileNames: 'kill-writer.mjs', format: 'esm' },
  })
}, 60_000)

afterAll(async () => {
  await sim?.close()
  await rm(root, { recursive: true, force: true })
})

/** Starts the child; resolves with it once its first write is complete. */
function startWriter(kind: string, dir: string, withServer: boolean) {
  const args = [bundle, kind, dir, ...(withServer ? [JSON.stringify(server)] : [])]
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const firstWrite = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('written')) resolve()
    })
    child.once('exit', (code, signal) =>
      reject(new Error(`writer exited early (${code ?? signal}): ${stderr}`)),
    )
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return { child, firstWrite, exited }
}

/** Waits until the writer opens its next temp file (or `maxMs`), then `delayMs` more. */
function whenWriting(dir: string, delayMs: number, maxMs: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      watcher.close()
      clearTimeout(fallback)
      setTimeout(resolve, delayMs)
    }
    const watcher = watch(dir, (_event, name) => {
      if (name !== null && TEMP_NAME.test(name)) done()
    })
    const fallback = setTimeout(done, maxMs)
  })
}

const temps = async (dir: string) => (await readdir(dir)).filter((n) => TEMP_NAME.test(n))

describe('every file the app writes survives a process killed mid-write', () => {
  it.each(KINDS)(
    '%s: complete old or new content after each kill, no temp file after the next sweep',
    async (kind, writer) => {
      const dir = join(root, kind)
      await mkdir(dir)
      await writer.prepare?.(dir)
      const target = writer.target(dir)
      const folder = dirname(target)
      for (let kill = 1; kill <= (writer.kills ?? KILLS_PER_KIND); kill++) {
        const run = startWriter(kind, dir, writer.server === true)
        await run.firstWrite
        // Odd kills: any moment (serialising, writing, fsync, rename, between writes). Even
        // kills: just after the next temp file appears, so that kills land inside writes too.
        if (kill % 2 === 1) await new Promise((r) => setTimeout(r, Math.random() * 60))
        else await whenWriting(folder, Math.random(), 300)
        run.child.kill('SIGKILL')
        await run.exited
        kills++

        if ((await temps(folder)).length > 0) interrupted++
        const bytes = await readFile(target)
        expect(
          () => writer.check(bytes.toString('utf8'), bytes),
          `${kind} after kill ${kill}`,
        ).not.toThrow()
        // The next start-up (or export) comes a while later; the killed writer's pid is gone.
        const later = Date.now() + 2 * 60_000
        await writer.sweep(dir, { now: () => later })
        expect(await temps(folder), `${kind}: temp files after the sweep`).toEqual([])
      }
    },
    // Bounded, with room for a machine busy with other suites (all kinds: about 25 s of CPU).
    120_000,
  )

  it('killed writers at least 100 times in all, some of them inside a write', () => {
    expect(kills).toBeGreaterThanOrEqual(100)
    // Evidence the suite tested something: kills did interrupt writes (their temp files were
    // there until the sweep). Per kind this depends on the disk's speed; in all it cannot be 0.
    expect(interrupted).toBeGreaterThanOrEqual(1)
  })
})
