import { parseArgs } from 'node:util'
import { timerDelay } from '../timer-delay'
import { parseFaultList, type FaultOptions } from './faults'
import {
  DEFAULT_SKEW_WINDOW_SECONDS,
  generateCredentials,
  type Simulator,
  type SimulatorOptions,
} from './server'
import { DEFAULT_BLACKLIST_TASKS, DEFAULT_CAMPAIGNS } from './world'

/** Argument parsing and the start-up banner for `npm run simulator` (main.ts stays a shell). */

export const DEFAULT_PORT = 28443
/** Longest interval for --rotate-cert-every and --skew-window: one day. */
const MAX_SECONDS = 86_400

export const USAGE = `iSales simulator: a local HTTPS CC-iSales server for demos and tests.

Usage: npm run simulator -- [options]

  --port N            Port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 picks a free one)
  --tasks N           Tasks in the main campaign (default ${DEFAULT_CAMPAIGNS[0]?.taskCount}, max 100000)
  --blacklist-tasks N Blacklist file imports of each VDN (default ${DEFAULT_BLACKLIST_TASKS}, max 100000)
  --seed N            Dataset seed (default 42)
  --ak AK             Access key (default: random). The SK comes from ISALES_SK or is random.
  --live              Advance imports and add new ones every 2 s
  --new-import-every TICKS
                      With --live: campaign ${DEFAULT_CAMPAIGNS[1]?.id}, otherwise idle, gets one new
                      import every TICKS steps (2 s each)
  --stuck N           Campaign ${DEFAULT_CAMPAIGNS[1]?.id} has N imports stuck importing (begun 90
                      minutes ago, never advancing)
  --fault LIST        e.g. http500=3,http429=2,retryAfterSeconds=5 (repeatable). Faults:
                      dropConnection http500 http429 tooFrequent malformedJson truncatedBody
                      slowBody hugeBody latency; a count, or a fraction for a probability
  --latency MS        Delay every reply by MS
  --max-in-flight N   Refuse a request at once while N are being served (a server's
                      concurrency limit), as --over-limit says, without Retry-After
  --over-limit 429|0200022
                      How --max-in-flight refuses: HTTP 429 (default) or iSales 0200022
  --rotate-cert-every SECONDS
                      Replace the certificate with a new self-signed one every SECONDS
                      (prints each new fingerprint); pinned clients then fail until re-pinned
  --skew-window SECONDS
                      Accept signature timestamps this far from the simulator clock
                      (default ${DEFAULT_SKEW_WINDOW_SECONDS}; 0 demands the exact second)
  --help              Show this help
`

export interface SimulatorArgs {
  help: boolean
  live: boolean
  /** Rotate the certificate every this many seconds; undefined: never. */
  rotateCertEverySeconds?: number
  options: SimulatorOptions
}

function integer(
  name: string,
  text: string | undefined,
  min: number,
  max: number,
): number | undefined {
  if (text === undefined) return undefined
  const value = Number(text)
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`--${name} must be an integer from ${min} to ${max}`)
  }
  return value
}

export function parseSimulatorArgs(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
): SimulatorArgs {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: 'string' },
      tasks: { type: 'string' },
      'blacklist-tasks': { type: 'string' },
      seed: { type: 'string' },
      ak: { type: 'string' },
      live: { type: 'boolean', default: false },
      'new-import-every': { type: 'string' },
      stuck: { type: 'string' },
      fault: { type: 'string', multiple: true },
      latency: { type: 'string' },
      'max-in-flight': { type: 'string' },
      'over-limit': { type: 'string' },
      'rotate-cert-every': { type: 'string' },
      'skew-window': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  const seed = integer('seed', values.seed, 0, 2 ** 32 - 1)
  const tasks = integer('tasks', values.tasks, 0, 100_000)
  const blacklistTasks = integer('blacklist-tasks', values['blacklist-tasks'], 0, 100_000)
  const latency = integer('latency', values.latency, 0, 600_000)
  const rotateEvery = integer('rotate-cert-every', values['rotate-cert-every'], 1, MAX_SECONDS)
  const skewWindow = integer('skew-window', values['skew-window'], 0, MAX_SECONDS)
  const newImportEvery = integer('new-import-every', values['new-import-every'], 1, 100_000)
  const stuck = integer('stuck', values.stuck, 0, 100)
  const faults: FaultOptions = Object.assign({}, ...(values.fault ?? []).map(parseFaultList))
  if (latency !== undefined) faults.latencyMs = latency
  const maxInFlight = integer('max-in-flight', values['max-in-flight'], 1, 10_000)
  if (maxInFlight !== undefined) faults.maxInFlight = maxInFlight
  const overLimit = values['over-limit']
  if (overLimit !== undefined) {
    if (overLimit !== '429' && overLimit !== '0200022') {
      throw new Error('--over-limit must be 429 or 0200022')
    }
    faults.overLimitReply = overLimit === '429' ? 'http429' : 'tooFrequent'
  }

  const generated = generateCredentials()
  const campaigns = DEFAULT_CAMPAIGNS.map((c, index) => ({
    ...c,
    ...(index === 0 && tasks !== undefined ? { taskCount: tasks } : {}),
    ...(seed !== undefined ? { seed: seed + index } : {}),
    // The second campaign is the idle one: it shows new imports arriving and stuck ones.
    ...(index === 1 && newImportEvery !== undefined ? { newImportEveryTicks: newImportEvery } : {}),
    ...(index === 1 && stuck !== undefined ? { stuckImports: stuck } : {}),
  }))
  return {
    help: values.help,
    live: values.live,
    ...(rotateEvery !== undefined ? { rotateCertEverySeconds: rotateEvery } : {}),
    options: {
      port: integer('port', values.port, 0, 65_535) ?? DEFAULT_PORT,
      credentials: { ak: values.ak ?? generated.ak, sk: env.ISALES_SK || generated.sk },
      campaigns,
      ...(blacklistTasks !== undefined ? { blacklistTasks } : {}),
      ...(seed !== undefined ? { seed } : {}),
      skewWindowSeconds: skewWindow ?? DEFAULT_SKEW_WINDOW_SECONDS,
      faults,
    },
  }
}

/**
 * Rotates the certificate every `everySeconds` (the "certificate rotation" fault) and reports each
 * new fingerprint. Returns a function that stops it.
 */
export function scheduleCertificateRotation(
  sim: Pick<Simulator, 'rotateCertificate'>,
  everySeconds: number,
  report: { rotated: (fingerprint256: string) => void; failed: (error: unknown) => void },
): () => void {
  let rotating = false
  const timer = setInterval(
    () => {
      if (rotating) return // never two generations at once, however short the interval
      rotating = true
      sim
        .rotateCertificate()
        .then(report.rotated, report.failed)
        .finally(() => {
          rotating = false
        })
    },
    timerDelay(everySeconds * 1000),
  )
  return () => clearInterval(timer)
}

export function rotationLine(fingerprint256: string): string {
  return `Certificate rotated; new SHA-256 fingerprint: ${fingerprint256}`
}

/** One clear line for a start-up failure; the common one is a port already taken. */
export function startupErrorMessage(error: unknown, port: number): string {
  if ((error as NodeJS.ErrnoException | null)?.code === 'EADDRINUSE') {
    return `Port ${port} is already in use; pick another with --port (0 = any free port).`
  }
  return `Simulator failed to start: ${error instanceof Error ? error.message : String(error)}`
}

/** What a person needs to point the app or the CLI at the simulator. */
export function describeSimulator(sim: Simulator, live: boolean): string {
  const vdns = [...new Set(sim.campaigns.map((c) => c.vdnId))]
  const main = sim.campaigns[0]
  const lines = [
    `iSales simulator listening on ${sim.url}${live ? ' (live: imports advance every 2 s)' : ''}`,
    `VDN id: ${vdns.join(', ')}`,
    'Campaigns:',
    ...sim.campaigns.map(
      (c) => `  ${c.id.padEnd(6)} ${c.name} (${c.tasks.length} tasks, VDN ${c.vdnId})`,
    ),
    `Blacklist imports: ${sim.blacklistTasks(main?.vdnId ?? 1).length} (VDN ${main?.vdnId ?? 1})`,
    `AK: ${sim.ak}`,
    `SK: ${sim.sk}`,
    `Certificate SHA-256 fingerprint: ${sim.fingerprint256}`,
    '',
    'Try:',
    `  ISALES_AK=${sim.ak} ISALES_SK=${sim.sk} npm run -s cli -- tasks --server ${sim.url} ` +
      `--vdn ${main?.vdnId ?? 1} --campaign ${main?.id ?? '1001'} --pin ${sim.fingerprint256}`,
  ]
  return lines.join('\n')
}
