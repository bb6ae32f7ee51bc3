import { execFile } from 'node:child_process'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { version } from '../../../package.json'

/**
 * The built CLI as package.json's `bin` runs it: out/main/cli.js must start with a shebang and be
 * executable. `npm test` builds before the unit tests, so a missing build is a failure here.
 */

const run = promisify(execFile)
const OUT_MAIN = resolve(dirname(fileURLToPath(import.meta.url)), '../../../out/main')
const CLI = join(OUT_MAIN, 'cli.js')

function builtCli(): string {
  if (!existsSync(CLI)) {
    throw new Error(`${CLI} does not exist: run npm run build first`)
  }
  return CLI
}

describe('built isales-imports (out/main/cli.js)', () => {
  it('starts with a node shebang', () => {
    const firstLine = readFileSync(builtCli(), 'utf8').split('\n', 1)[0]
    expect(firstLine).toBe('#!/usr/bin/env node')
  })

  it('runs under plain node: --version', async () => {
    const { stdout } = await run(process.execPath, [builtCli(), '--version'])
    expect(stdout).toBe(`isales-imports ${version}\n`)
  })

  it.skipIf(process.platform === 'win32')('is executable and runs directly', async () => {
    const cli = builtCli()
    expect(statSync(cli).mode & 0o111).not.toBe(0)
    // As an npm bin link would run it: the kernel reads the shebang and finds node on PATH.
    const env = { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}` }
    const { stdout } = await run(cli, ['--version'], { env })
    expect(stdout).toBe(`isales-imports ${version}\n`)
  })

  it('puts the shebang on the CLI entry only, not on shared chunks', async () => {
    builtCli()
    const chunkDir = join(OUT_MAIN, 'chunks')
    const chunks = existsSync(chunkDir) ? await readdir(chunkDir) : []
    for (const file of [...chunks.map((c) => join(chunkDir, c)), join(OUT_MAIN, 'index.js')]) {
      if (!file.endsWith('.js') || !existsSync(file)) continue
      expect(readFileSync(file, 'utf8').startsWith('#!'), file).toBe(false)
    }
  })
})
