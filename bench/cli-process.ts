/**
 * Measuring the built CLI (out/main/cli.js, `npm run build` first) as a whole process against the
 * simulator, and fetch-all in-process, for `npm run bench` and for checking issue 13's fetch
 * targets by hand. No test runner needed: every function is plain async code.
 *
 * - startBenchSimulator: an HTTPS simulator with one campaign of N tasks, optional latency and
 *   concurrency limit (refusing above it with 429 or 0200022).
 * - runBuiltCli / measureCliTasks: one CLI run, with wall time, CPU (user + system) and peak RSS
 *   of the CLI process itself, read from its own process.resourceUsage() at exit.
 * - startSimulatorProcess: the built simulator in a process of its own.
 * - measureFetchAll: one fetch-all in this process (adaptive, or pinned at N in flight).
 * - latencyBoundMs: the least time N pages can take at a given latency and pages in flight.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { IsalesClient } from '../src/main/isales/client'
import { fetchAllImportTasks } from '../src/main/isales/fetch-all'
import { startSimulator, type Simulator } from '../src/main/simulator/server'
import type { OverLimitReply } from '../src/main/simulator/faults'
import { createAgent } from '../src/main/tls/agent-factory'

// Playwright's runner loads bench files as CommonJS (as write-report.ts and lib/results.ts).
export const BUILT_CLI = resolve(__dirname, '../out/main/cli.js')
/** The campaign startBenchSimulator serves. */
export const BENCH_CAMPAIGN = 'bench'

export interface BenchSimulatorOptions {
  tasks: number
  /** Delay of every reply, ms (default 0). */
  latencyMs?: number
  /** Refuse a request while this many are being served (default: no limit). */
  maxInFlight?: number
  /** How a refused request is answered (default HTTP 429). */
  overLimitReply?: OverLimitReply
}

export interface BenchSimulator {
  sim: Simulator
  close(): Promise<void>
}

export async function startBenchSimulator(o: BenchSimulatorOptions): Promise<BenchSimulator> {
  const sim = await startSimulator({
    campaigns: [{ id: BENCH_CAMPAIGN, name: 'Bench', taskCount: o.tasks, seed: 7 }],
    faults: {
      ...(o.latencyMs !== undefined ? { latencyMs: o.latencyMs } : {}),
      ...(o.maxInFlight !== undefined ? { maxInFlight: o.maxInFlight } : {}),
      ...(o.overLimitReply !== undefined ? { overLimitReply: o.overLimitReply } : {}),
    },
  })
  return { sim, close: () => sim.close() }
}

/** What a client needs of a simulator, wherever it runs. */
export type SimulatorAddress = Pick<Simulator, 'url' | 'ak' | 'sk' | 'fingerprint256'>

export interface SimulatorProcess {
  sim: SimulatorAddress
  /** The campaign it serves the tasks in. */
  campaignId: string
  close(): Promise<void>
}

export const BUILT_SIMULATOR = resolve(__dirname, '../out/main/simulator.js')

/**
 * The built simulator (out/main/simulator.js) in a process of its own, serving `tasks` tasks in
 * campaign 1001: the server's work (TLS, signatures, JSON) then runs beside the client's, not on
 * its thread, as a real server's does. Resolves once it has printed its address and keys.
 */
export async function startSimulatorProcess(o: {
  tasks: number
  latencyMs?: number
}): Promise<SimulatorProcess> {
  if (!existsSync(BUILT_SIMULATOR)) throw new Error(`${BUILT_SIMULATOR} is missing: build first`)
  const args = [BUILT_SIMULATOR, '--port', '0', '--tasks', String(o.tasks)]
  if (o.latencyMs !== undefined) args.push('--latency', String(o.latencyMs))
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env['PATH'] ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exited = new Promise<void>((done) => child.once('exit', () => done()))
  let out = ''
  let err = ''
  child.stderr.on('data', (c: Buffer) => (err += c.toString()))
  const sim = await new Promise<SimulatorAddress>((done, fail) => {
    const read = (c: Buffer) => {
      out += c.toString()
      const url = /listening on (https:\/\/\S+)/.exec(out)?.[1]
      const ak = /^AK: (\S+)$/m.exec(out)?.[1]
      const sk = /^SK: (\S+)$/m.exec(out)?.[1]
      const fingerprint256 = /fingerprint: (\S+)$/m.exec(out)?.[1]
      if (url && ak && sk && fingerprint256) {
        child.stdout.off('data', read)
        child.stdout.resume()
        done({ url, ak, sk, fingerprint256 })
      }
    }
    child.stdout.on('data', read)
    void exited.then(() => fail(new Error(`The simulator process stopped: ${err || out}`)))
  })
  return {
    sim,
    campaignId: '1001',
    close: async () => {
      child.kill('SIGTERM')
      await exited
    },
  }
}

export interface CliProcessRun {
  exitCode: number
  /** Spawn to exit, ms. */
  wallMs: number
  /** CPU of the CLI process (not of this one), ms. */
  userCpuMs: number
  systemCpuMs: number
  /** user + system. */
  cpuMs: number
  /** Peak resident set size of the CLI process, bytes. */
  maxRssBytes: number
  /** Bytes the CLI wrote to stdout (counted, not kept). */
  stdoutBytes: number
  stderr: string
}

/** Written at exit by the measured process itself: the only portable way to its own peak RSS. */
const USAGE_REPORTER = `'use strict'
const { writeFileSync } = require('node:fs')
process.on('exit', () => {
  const u = process.resourceUsage()
  writeFileSync(process.env.BENCH_USAGE_FILE, JSON.stringify({
    user: u.userCPUTime, system: u.systemCPUTime, maxRssKiB: u.maxRSS,
  }))
})
`

export interface RunCliOptions {
  /** Added to a minimal environment (PATH only). */
  env?: Record<string, string>
  /** Default BUILT_CLI. */
  cliPath?: string
  /** Extra node flags, e.g. ['--cpu-prof', '--cpu-prof-dir=prof']. */
  nodeArgs?: string[]
}

/** Runs the built CLI with `args`; resolves when it exits, with what it cost. */
export async function runBuiltCli(args: string[], o: RunCliOptions = {}): Promise<CliProcessRun> {
  const cli = o.cliPath ?? BUILT_CLI
  if (!existsSync(cli)) throw new Error(`${cli} does not exist: run npm run build first`)
  const dir = await mkdtemp(join(tmpdir(), 'cli-process-'))
  try {
    const reporter = join(dir, 'usage.cjs')
    const usageFile = join(dir, 'usage.json')
    await writeFile(reporter, USAGE_REPORTER)
    const env = { PATH: process.env.PATH ?? '', ...o.env, BENCH_USAGE_FILE: usageFile }
    const started = performance.now()
    const child = spawn(
      process.execPath,
      [...(o.nodeArgs ?? []), '--require', reporter, cli, ...args],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let stdoutBytes = 0
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdoutBytes += chunk.length))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const exitCode = await new Promise<number>((done, fail) => {
      child.once('error', fail)
      child.once('close', (code) => done(code ?? 1))
    })
    const wallMs = performance.now() - started
    const usage = JSON.parse(await readFile(usageFile, 'utf8')) as {
      user: number
      system: number
      maxRssKiB: number
    }
    return {
      exitCode,
      wallMs,
      userCpuMs: usage.user / 1000,
      systemCpuMs: usage.system / 1000,
      cpuMs: (usage.user + usage.system) / 1000,
      maxRssBytes: usage.maxRssKiB * 1024,
      stdoutBytes,
      stderr,
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

export interface CliTasksOptions {
  format?: 'json' | 'csv' | 'xlsx'
  /** Write to this file (--out) instead of stdout. */
  out?: string
  /** --concurrency (the most pages in flight); default the CLI's own. */
  concurrency?: number
  extraArgs?: string[]
  run?: RunCliOptions
}

/** The `tasks` command line for the bench campaign of `sim`. */
export function cliTasksArgs(sim: Simulator, o: CliTasksOptions = {}): string[] {
  return [
    'tasks',
    ...['--server', sim.url, '--vdn', '1', '--pin', sim.fingerprint256],
    ...['--campaign', BENCH_CAMPAIGN, '--format', o.format ?? 'json'],
    ...(o.out !== undefined ? ['--out', o.out] : []),
    ...(o.concurrency !== undefined ? ['--concurrency', String(o.concurrency)] : []),
    ...(o.extraArgs ?? []),
  ]
}

/** `isales-imports tasks` against the simulator's bench campaign, as a whole process. */
export function measureCliTasks(sim: Simulator, o: CliTasksOptions = {}): Promise<CliProcessRun> {
  return runBuiltCli(cliTasksArgs(sim, o), {
    ...o.run,
    env: { ISALES_AK: sim.ak, ISALES_SK: sim.sk, ...o.run?.env },
  })
}

export interface FetchAllRun {
  wallMs: number
  tasks: number
  pages: number
  /** The highest limit an adaptive fetch reached (the pinned number otherwise). */
  maxLimit: number
  /** The limit when it ended. */
  finalLimit: number
}

/** One fetch-all of a campaign (default the bench one) in this process, over its own connections. */
export async function measureFetchAll(
  sim: SimulatorAddress,
  o: { concurrency: number; adaptive: boolean; campaignId?: string },
): Promise<FetchAllRun> {
  const agent = createAgent(
    { mode: 'pin', fingerprint256: sim.fingerprint256 },
    { connections: o.concurrency },
  )
  try {
    const client = new IsalesClient({
      baseUrl: sim.url,
      vdnId: 1,
      ak: sim.ak,
      sk: sim.sk,
      dispatcher: agent,
    })
    let maxLimit = o.adaptive ? 0 : o.concurrency
    let finalLimit = o.concurrency
    const started = performance.now()
    const r = await fetchAllImportTasks(client, {
      campaignId: o.campaignId ?? BENCH_CAMPAIGN,
      concurrency: o.concurrency,
      adaptive: o.adaptive,
      onConcurrency: (n) => {
        maxLimit = Math.max(maxLimit, n)
        finalLimit = n
      },
    })
    return {
      wallMs: performance.now() - started,
      tasks: r.tasks.length,
      pages: r.pages,
      maxLimit,
      finalLimit,
    }
  } finally {
    await agent.close()
  }
}

/**
 * The least time `pages` pages take at `latencyMs` each with `inFlight` at once: the first page
 * alone (it gives the total), then the rest in full rounds.
 */
export function latencyBoundMs(pages: number, latencyMs: number, inFlight: number): number {
  if (pages <= 0) return 0
  return latencyMs * (1 + Math.ceil((pages - 1) / inFlight))
}
