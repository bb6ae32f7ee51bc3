/**
 * The CLI as a whole process (issue 13, target 4): the built out/main/cli.js spawned with Node
 * against a simulator in this process, timed from spawn to exit, with the child's own CPU time and
 * peak RSS (process.resourceUsage() at its exit, written by an --import hook to a temp file).
 *
 * A MINIMAL VERSION written by the bench branch with the role the p13-fetch branch's
 * bench/cli-process.ts was to have; at merge the two are reconciled (the interface below is what
 * bench/process.measure.ts uses).
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startSimulator, type Simulator, type SimulatorOptions } from '../src/main/simulator/server'

export const CLI = resolve(__dirname, '..', process.env['E2E_OUT_DIR'] ?? 'out', 'main/cli.js')

export interface CliSimulatorOptions {
  tasks: number
  /** Delay before every reply, ms. */
  latencyMs?: number
  /** Refuse (HTTP 429) a request arriving while this many are served; needs the simulator's support. */
  maxInFlight?: number
  seed?: number
}

export const CLI_CAMPAIGN = '7001'

export async function startCliSimulator(o: CliSimulatorOptions): Promise<Simulator> {
  const faults = {
    ...(o.latencyMs ? { latencyMs: o.latencyMs } : {}),
    // Not in the FaultOptions of every build (p13-fetch adds it): passed through as data.
    ...(o.maxInFlight ? { maxInFlight: o.maxInFlight } : {}),
  } as SimulatorOptions['faults']
  return startSimulator({
    campaigns: [{ id: CLI_CAMPAIGN, name: 'CLI bench', taskCount: o.tasks, seed: o.seed ?? 5 }],
    faults,
  })
}

export interface CliProcessResult {
  code: number
  wallMs: number
  /** The child's user + system CPU, ms. */
  cpuMs: number
  /** The child's peak resident set, MB. */
  peakRssMb: number
  stdoutBytes: number
  stderr: string
}

/** The `tasks` command for the simulator's campaign, output to `out` (or stdout). */
export function tasksArgs(
  sim: Simulator,
  opts: { format?: 'json' | 'csv' | 'xlsx'; out?: string; concurrency?: number } = {},
): string[] {
  return [
    'tasks',
    '--server',
    sim.url,
    '--vdn',
    '1',
    '--pin',
    sim.fingerprint256,
    '--campaign',
    CLI_CAMPAIGN,
    ...(opts.format ? ['--format', opts.format] : []),
    ...(opts.out ? ['--out', opts.out] : []),
    ...(opts.concurrency ? ['--concurrency', String(opts.concurrency)] : []),
  ]
}

const RUSAGE_HOOK =
  'data:text/javascript,' +
  encodeURIComponent(
    "import { writeFileSync } from 'node:fs';" +
      "process.on('exit', () => writeFileSync(process.env.BENCH_RUSAGE_FILE, JSON.stringify(process.resourceUsage())))",
  )

export async function runCli(sim: Simulator, args: readonly string[]): Promise<CliProcessResult> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first`)
  const dir = await mkdtemp(join(tmpdir(), 'cli-bench-'))
  const usageFile = join(dir, 'rusage.json')
  try {
    const t0 = performance.now()
    const { code, stdoutBytes, stderr } = await new Promise<{
      code: number
      stdoutBytes: number
      stderr: string
    }>((done, fail) => {
      const child = spawn(process.execPath, ['--import', RUSAGE_HOOK, CLI, ...args], {
        env: {
          ...process.env,
          ISALES_AK: sim.ak,
          ISALES_SK: sim.sk,
          BENCH_RUSAGE_FILE: usageFile,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let stdoutBytes = 0
      let stderr = ''
      child.stdout.on('data', (c: Buffer) => (stdoutBytes += c.length))
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
      child.once('error', fail)
      child.once('close', (c) => done({ code: c ?? 1, stdoutBytes, stderr }))
    })
    const wallMs = performance.now() - t0
    const usage = JSON.parse(await readFile(usageFile, 'utf8')) as NodeJS.ResourceUsage
    return {
      code,
      wallMs,
      cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
      peakRssMb: usage.maxRSS / 1024,
      stdoutBytes,
      stderr,
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
