#!/usr/bin/env node
/**
 * `npm run bench`: builds the app (BENCH_SKIP_BUILD=1 measures what out/ holds), runs the
 * in-process micro-benchmarks (vitest bench) and the window and process measurements
 * (Playwright's runner, bench/playwright.bench.config.ts), and writes BENCHMARKS.md.
 * Options (environment): BENCH_SIZES=50000,100000  BENCH_REPS=3  BENCH_ONLY=window|process|export
 * (a regular expression on the measurement files), BENCH_SKIP_MICRO=1.
 * Needs Debian's Chromium (/usr/bin/chromium or E2E_CHROMIUM). Not part of npm test.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import console from 'node:console'
import process from 'node:process'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const results = join(root, 'bench', 'results')
/** @param {string} name */
const bin = (name) => join(root, 'node_modules', '.bin', name)

/**
 * @param {string} title
 * @param {string} cmd
 * @param {string[]} args
 * @returns {number} the exit status
 */
function step(title, cmd, args) {
  process.stdout.write(`\n== bench: ${title}`)
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env })
  return r.status ?? 1
}

const chromium = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium'
if (!existsSync(chromium)) {
  console.error(`bench: ${chromium} not found. Install Debian's Chromium:`)
  console.error('  sudo apt-get install -y --no-install-recommends chromium fonts-noto-cjk')
  process.exit(1)
}

if (process.env.BENCH_SKIP_BUILD !== '1') {
  if (step('build (electron-vite build)', bin('electron-vite'), ['build', '--logLevel', 'error']))
    process.exit(1)
}
for (const f of ['out/main/cli.js', 'out/preload/index.js', 'out/renderer/index.html']) {
  if (!existsSync(join(root, f))) {
    console.error(
      `bench: ${f} is missing. Run "npm run build" (or npm run bench without BENCH_SKIP_BUILD).`,
    )
    process.exit(1)
  }
}

rmSync(results, { recursive: true, force: true })
mkdirSync(results, { recursive: true })
writeFileSync(
  join(results, '_start.json'),
  JSON.stringify({ date: new Date().toISOString(), loadavg: loadavg() }),
)

let failed = 0
if (process.env.BENCH_SKIP_MICRO !== '1') {
  failed |= step('in-process micro-benchmarks (vitest bench)', bin('vitest'), [
    'bench',
    '--run',
    '--config',
    'vitest.bench.config.mts',
    '--outputJson',
    join(results, '_micro.json'),
  ])
}
const only = process.env.BENCH_ONLY ? [process.env.BENCH_ONLY] : []
// Playwright's global teardown (bench/write-report.ts) writes BENCHMARKS.md, also after a failure.
failed |= step('window and processes (playwright, Debian Chromium)', bin('playwright'), [
  'test',
  '--config',
  'bench/playwright.bench.config.ts',
  ...only,
])
console.log(
  `\nbench: BENCHMARKS.md written${failed ? ' (some measurements failed: see above)' : ''}.`,
)
process.exit(failed ? 1 : 0)
