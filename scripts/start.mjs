#!/usr/bin/env node
// @ts-check
// `npm start`: make sure Electron's own program is on disk (electron-binary.mjs), then build and open
// the app with `electron-vite preview`. Extra arguments go to electron-vite; `--check` only makes
// sure of Electron and exits.
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import process from 'node:process'
import { fileURLToPath } from 'node:url'
import { ensureElectron } from './electron-binary.mjs'

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(projectRoot, 'package.json'))
const args = process.argv.slice(2)

let electronDir
try {
  electronDir = dirname(require.resolve('electron/package.json'))
} catch {
  process.stderr.write(
    'npm start could not open the app: its packages are not installed. Run npm install first.\n',
  )
  process.exit(1)
}
// ELECTRON_EXEC_PATH: the person points electron-vite at an Electron of their own.
if (!process.env.ELECTRON_EXEC_PATH) {
  const result = await ensureElectron({ electronDir })
  if (!result.ok) {
    process.stderr.write(`${result.message}\n`)
    process.exit(1)
  }
}
if (!args.includes('--check')) {
  const cli = require.resolve('electron-vite/bin/electron-vite.js')
  const child = spawn(process.execPath, [cli, 'preview', ...args], {
    cwd: projectRoot,
    stdio: 'inherit',
  })
  child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
  for (const sig of /** @type {const} */ (['SIGINT', 'SIGTERM']))
    process.on(sig, () => child.kill(sig))
}
