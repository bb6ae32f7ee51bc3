// @ts-check
// Electron's own program (the binary), made sure of before `npm start` (scripts/start.mjs).
//
// Why this exists: Electron 45 has no install script; its binary arrives lazily (its `install.js`,
// also the `install-electron` command). electron-vite's preview reads `node_modules/electron/path.txt`
// directly and throws a bare "Electron uninstall" with a stack trace when it is missing — on every
// fresh desktop. So we fetch the binary first, through Electron's own installer (which honours
// ELECTRON_MIRROR, electron_config_cache and ELECTRON_CUSTOM_DIR), and turn a failure into one plain
// sentence. Plain JavaScript on purpose: it runs before anything is built.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import process from 'node:process'

/** Electron's executable inside its package, as its own installer names it. */
/** @param {string} platform */
function platformPath(platform = process.platform) {
  if (platform === 'darwin' || platform === 'mas') return 'Electron.app/Contents/MacOS/Electron'
  if (platform === 'win32') return 'electron.exe'
  return 'electron'
}

/**
 * The installed executable, or null. Mirrors the checks of Electron's install.js: the unpacked
 * version matches the package, path.txt names this platform's executable, and that file exists.
 * @param {string} electronDir
 * @param {string} version
 * @param {NodeJS.ProcessEnv} env
 */
export function installedElectron(electronDir, version, env = process.env) {
  try {
    const unpacked = readFileSync(join(electronDir, 'dist', 'version'), 'utf8').trim()
    if (unpacked.replace(/^v/, '') !== version) return null
    const named = readFileSync(join(electronDir, 'path.txt'), 'utf8')
    if (named !== platformPath()) return null
    const exe = env.ELECTRON_OVERRIDE_DIST_PATH
      ? join(env.ELECTRON_OVERRIDE_DIST_PATH, named)
      : join(electronDir, 'dist', named)
    return existsSync(exe) ? exe : null
  } catch {
    return null
  }
}

/**
 * The first meaningful line of a failed installer's output: the error message, not its stack.
 * @param {string} output
 */
export function installFailureReason(output) {
  const lines = output
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('at ') && !/^\^+$/.test(l) && !l.startsWith('node:'))
  const error = lines.find((l) => /error/i.test(l)) ?? lines[0] ?? 'no reason was given'
  // "RequestError: getaddrinfo ENOTFOUND host" -> "getaddrinfo ENOTFOUND host"
  let reason = error.replace(/^[A-Za-z]*Error:\s*/, '')
  // undici says only "fetch failed" when it never reached the server.
  if (reason === 'fetch failed') reason = 'the download server could not be reached'
  return reason.length > 200 ? `${reason.slice(0, 199)}…` : reason
}

/**
 * The one sentence a person sees when Electron's program cannot be had.
 * @param {{ version: string, platform: string, arch: string, reason: string, nodeVersion: string, nodeNeeded: string | null }} p
 */
export function missingElectronMessage(p) {
  const zip = `electron-v${p.version}-${p.platform}-${p.arch}.zip`
  const oldNode =
    p.nodeNeeded && !nodeSatisfies(p.nodeVersion, p.nodeNeeded)
      ? ` Electron's downloader needs Node.js ${p.nodeNeeded.replace(/^>=\s*/, '')} or newer and this is ${p.nodeVersion}: install the current Node.js LTS first.`
      : ''
  return (
    `npm start could not open the app: Electron ${p.version}, the program the app runs in, is not installed ` +
    `and could not be downloaded (${p.reason}).${oldNode} Connect this computer to the internet and run npm start ` +
    `again; where downloads are blocked, set ELECTRON_MIRROR to your company's mirror of Electron releases, or ` +
    `put ${zip} in a folder and set electron_config_cache to that folder, then run npm start again.`
  )
}

/**
 * Whether `version` (x.y.z) meets a simple ">= a.b.c" range, the form Electron declares.
 * @param {string} version
 * @param {string} range
 */
export function nodeSatisfies(version, range) {
  const want = /^\s*>=\s*(\d+)\.(\d+)\.(\d+)\s*$/.exec(range)
  const have = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version)
  if (!want || !have) return true
  for (let i = 1; i <= 3; i++) {
    const a = Number(have[i])
    const b = Number(want[i])
    if (a !== b) return a > b
  }
  return true
}

/**
 * Makes sure Electron's executable is present, downloading it through Electron's own installer.
 * @param {{ electronDir: string, env?: NodeJS.ProcessEnv, say?: (line: string) => void }} o
 * @returns {Promise<{ ok: true, executable: string } | { ok: false, message: string }>}
 */
export async function ensureElectron({
  electronDir,
  env = process.env,
  say = (line) => process.stdout.write(`${line}\n`),
}) {
  /** @type {{ version: string, engines?: { node?: string } }} */
  const pkg = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8'))
  const found = installedElectron(electronDir, pkg.version, env)
  if (found) return { ok: true, executable: found }

  say(`Downloading Electron ${pkg.version} (about 100 MB, needed once)…`)
  const run = await runInstaller(join(electronDir, 'install.js'), electronDir, env)
  const installed = installedElectron(electronDir, pkg.version, env)
  if (run.status === 0 && installed) return { ok: true, executable: installed }
  const reason = run.error ?? installFailureReason(run.output)
  return {
    ok: false,
    message: missingElectronMessage({
      version: pkg.version,
      platform: env.ELECTRON_INSTALL_PLATFORM ?? process.platform,
      arch: env.ELECTRON_INSTALL_ARCH ?? process.arch,
      reason,
      nodeVersion: process.version,
      nodeNeeded: pkg.engines?.node ?? null,
    }),
  }
}

/**
 * Runs Electron's installer in a child process (asynchronously, so a caller's own event loop goes on).
 * @param {string} script
 * @param {string} cwd
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<{ status: number | null, output: string, error: string | null }>}
 */
function runInstaller(script, cwd, env) {
  return new Promise((done) => {
    const child = spawn(process.execPath, [script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    const keep = (/** @type {Buffer} */ chunk) => {
      if (output.length < 64 * 1024) output += chunk.toString('utf8')
    }
    child.stdout.on('data', keep)
    child.stderr.on('data', keep)
    child.on('error', (err) => done({ status: null, output, error: err.message }))
    child.on('close', (status) => done({ status, output, error: null }))
  })
}
