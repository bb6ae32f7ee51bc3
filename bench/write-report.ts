/**
 * Playwright's global teardown for the bench run: collects bench/results/*.json (the sections the
 * measurements wrote, the micro-benchmarks of vitest bench, the machine at the start) and writes
 * the generated part of BENCHMARKS.md. Runs even when a measurement failed, so a partial run still
 * reports what it measured.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join, resolve } from 'node:path'
import { microSection } from './lib/micro'
import { median, readSections, RESULTS_DIR, type Machine } from './lib/results'
import { formatReport, spliceReport, type Baseline } from './report'

const ROOT = resolve(__dirname, '..')
const DOC = join(ROOT, 'BENCHMARKS.md')

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T
  } catch {
    return null
  }
}

function run(cmd: string, args: string[]): string | null {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    return null
  }
}

export default function writeReport(): void {
  const start = readJson<{ date: string; loadavg: [number, number, number] }>(
    join(RESULTS_DIR, '_start.json'),
  )
  const chromium = run(process.env['E2E_CHROMIUM'] ?? '/usr/bin/chromium', ['--version'])
  const machine: Machine = {
    date: start?.date ?? new Date().toISOString(),
    commit: run('git', ['-C', ROOT, 'rev-parse', '--short=12', 'HEAD']) ?? 'unknown',
    cpuModel: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    node: process.version,
    chromium: chromium?.replace(/^Chromium\s*/i, '') ?? null,
    loadavgStart: start?.loadavg ?? (loadavg() as [number, number, number]),
    loadavgEnd: loadavg() as [number, number, number],
  }
  const sections = readSections()
  const micro = microSection(readJson(join(RESULTS_DIR, '_micro.json')))
  if (micro) sections.push(micro)
  const baselineFile = join(__dirname, 'baseline.json')
  if (process.env['BENCH_WRITE_BASELINE'] === '1') {
    // Records this run's window, start-up and transfer medians as the "before" of later runs.
    const rows: Record<string, number> = {}
    for (const s of sections.filter((x) => /^[123]-/.test(x.id)))
      for (const r of s.rows) if (r.samples.length) rows[`${s.id}/${r.name}`] = median(r.samples)
    const next: Baseline = { commit: machine.commit, date: machine.date.slice(0, 10), rows }
    writeFileSync(baselineFile, `${JSON.stringify(next, null, 2)}\n`)
  }
  const baseline = readJson<Baseline>(baselineFile)
  const generated = formatReport(sections, machine, baseline)
  const doc = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '# Benchmarks\n'
  writeFileSync(DOC, spliceReport(doc, generated))
  // The repository's lint checks every Markdown file's format: the tables come out aligned.
  run(join(ROOT, 'node_modules/.bin/prettier'), ['--write', DOC])
  console.log(`bench: wrote ${DOC} (${sections.length} sections)`)
}
