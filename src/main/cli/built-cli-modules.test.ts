import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startSimulator, type Simulator } from '../simulator/server'
import { EXIT } from './exit-codes'

/**
 * What the built CLI (out/main/cli.js, `npm run build` first) loads: zod took a tenth of a second
 * to load, so the tasks command reads plainly valid pages without it (task-row-reader.ts,
 * reply-codes.ts) and loads the schemas only for a reply that needs them.
 */

const CLI = resolve(dirname(fileURLToPath(import.meta.url)), '../../../out/main/cli.js')

/** Preloaded into the CLI: at exit, writes whether any file of the zod package was loaded. */
const REPORTER = `'use strict'
process.on('exit', () => {
  const zod = Object.keys(require.cache).some((f) => /[\\\\/]node_modules[\\\\/]zod[\\\\/]/.test(f))
  process.stderr.write('zod loaded: ' + zod + '\\n')
})
`

let sim: Simulator
let dir: string
let reporter: string

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} does not exist: run npm run build first`)
  sim = await startSimulator({
    campaigns: [{ id: '1001', name: 'Small', taskCount: 250, seed: 1 }],
  })
  dir = await mkdtemp(join(tmpdir(), 'cli-modules-'))
  reporter = join(dir, 'reporter.cjs')
  await writeFile(reporter, REPORTER)
})

afterAll(async () => {
  await sim?.close()
  if (dir) await rm(dir, { recursive: true, force: true })
})

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, ISALES_AK: sim.ak, ISALES_SK: sim.sk }
  const connection = ['--server', sim.url, '--vdn', '1', '--pin', sim.fingerprint256]
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--require', reporter, CLI, ...args, ...connection],
      { env, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? Number((err as { code?: number }).code ?? 1) : 0
        done({ code, stdout, stderr })
      },
    )
  })
}

describe('modules the built CLI loads', () => {
  it('fetches and prints every task of a campaign without loading zod', async () => {
    const r = await cli(['tasks', '--campaign', '1001'])
    expect(r.code).toBe(EXIT.ok)
    expect((JSON.parse(r.stdout) as { count: number }).count).toBe(250)
    expect(r.stderr).toBe('zod loaded: false\n')
  })

  it('loads zod for the campaign list, whose replies only the schema reads', async () => {
    const r = await cli(['campaigns'])
    expect(r.code).toBe(EXIT.ok)
    expect(r.stderr).toBe('zod loaded: true\n')
  })
})
