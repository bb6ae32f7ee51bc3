import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'csv-parse/sync'
import { startSimulator, type Simulator } from '../simulator/server'
import { EXIT } from './exit-codes'

/**
 * `isales-imports blacklist-tasks` end to end: the built CLI (out/main/cli.js, `npm run build`
 * first) as a child process against the simulator's blackfile interface over HTTPS.
 */

const CLI = resolve(dirname(fileURLToPath(import.meta.url)), '../../../out/main/cli.js')

let sim: Simulator
let dir: string

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} does not exist: run npm run build first`)
  sim = await startSimulator({
    campaigns: [{ id: '1001', name: 'Small', taskCount: 3, seed: 1 }],
    blacklistTasks: 130,
  })
  dir = await mkdtemp(join(tmpdir(), 'cli-blacklist-'))
})

afterAll(async () => {
  await sim?.close()
  if (dir) await rm(dir, { recursive: true, force: true })
})

interface Outcome {
  code: number
  stdout: string
  stderr: string
}

function cli(args: string[], sk = sim.sk): Promise<Outcome> {
  const env = { ...process.env, ISALES_AK: sim.ak, ISALES_SK: sk }
  return new Promise((done) => {
    execFile(process.execPath, [CLI, ...args], { env }, (err, stdout, stderr) => {
      const code = err ? Number((err as { code?: number }).code ?? 1) : 0
      done({ code, stdout, stderr })
    })
  })
}

const connection = () => ['--server', sim.url, '--vdn', '1', '--pin', sim.fingerprint256]

describe('isales-imports blacklist-tasks (built)', () => {
  it('prints every blacklist import of the VDN as JSON, paged like tasks, never asking the campaign route', async () => {
    sim.resetStats()
    const r = await cli(['blacklist-tasks', ...connection(), '--concurrency', '2'])
    expect(r.code).toBe(EXIT.ok)
    const out = JSON.parse(r.stdout) as { count: number; total: number; tasks: { id: string }[] }
    const expected = sim.blacklistTasks(1).map((t) => t.id)
    expect(out).toMatchObject({ count: 130, total: 130 })
    expect(out.tasks.map((t) => t.id)).toEqual(expected)
    expect(sim.stats.byRoute).toMatchObject({ blacklist: 2, tasks: 0 })
  })

  it('writes the failed ones as CSV to --out with --status, with the columns of tasks', async () => {
    const out = join(dir, 'failed.csv')
    const r = await cli([
      'blacklist-tasks',
      ...connection(),
      '--status',
      '3',
      '--format',
      'csv',
      '--out',
      out,
    ])
    expect(r.code).toBe(EXIT.ok)
    const rows = parse(await readFile(out, 'utf8'), { columns: true }) as Record<string, string>[]
    const failed = sim.blacklistTasks(1).filter((t) => String(t.status) === '3')
    expect(failed.length).toBeGreaterThan(0)
    // Ids carry the export's leading apostrophe, so a spreadsheet keeps all 30 digits.
    expect(rows.map((row) => row.id)).toEqual(failed.map((t) => `'${t.id}`))
    expect(rows.map((row) => row.errMsg)).toEqual(failed.map((t) => String(t.errMsg)))
    expect(Object.keys(rows[0]!)).toEqual(
      expect.arrayContaining(['id', 'status', 'errMsg', 'statusText']),
    )
  })

  it('refuses --campaign with a usage error (exit 2)', async () => {
    const r = await cli(['blacklist-tasks', ...connection(), '--campaign', '1001'])
    expect(r.code).toBe(EXIT.usage)
    expect(r.stderr).toContain('--campaign does not apply to the blacklist-tasks command')
  })

  it('keeps the exit codes of tasks: 3 for a wrong SK, 5 for an iSales error after the retries', async () => {
    const auth = await cli(['blacklist-tasks', ...connection()], 'WRONG-SK')
    expect(auth.code).toBe(EXIT.auth)
    sim.setFaults({ tooFrequent: 2 })
    const busy = await cli(['blacklist-tasks', ...connection(), '--retries', '0'])
    sim.setFaults({})
    expect(busy.code).toBe(EXIT.isales)
    expect(busy.stderr).toContain('0200022')
  })
})
