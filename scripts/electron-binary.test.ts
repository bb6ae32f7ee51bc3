// Stand-in tests for `npm start`'s first step (scripts/electron-binary.mjs). Electron's binary cannot
// be downloaded on this machine, so the failure path runs for real: Electron's own installer against
// a loopback "mirror" that has no such file, or against a closed port.
import { cp, mkdir, mkdtemp, rm, writeFile, chmod } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join, resolve } from 'node:path'
import {
  ensureElectron,
  installFailureReason,
  installedElectron,
  nodeSatisfies,
} from './electron-binary.mjs'

const realElectron = resolve(import.meta.dirname, '../node_modules/electron')
const version: string = (
  await import('../node_modules/electron/package.json', { with: { type: 'json' } })
).default.version
const exeName =
  process.platform === 'win32'
    ? 'electron.exe'
    : process.platform === 'darwin'
      ? 'Electron.app/Contents/MacOS/Electron'
      : 'electron'

/** A copy of the electron package without its binary, placed so its installer resolves @electron/get. */
async function electronPackageCopy(): Promise<string> {
  const parent = resolve(import.meta.dirname, '../node_modules/.cache')
  await mkdir(parent, { recursive: true })
  const dir = await mkdtemp(join(parent, 'electron-start-test-'))
  for (const f of ['package.json', 'install.js', 'checksums.json', 'index.js']) {
    await cp(join(realElectron, f), join(dir, f))
  }
  return dir
}

let dirs: string[] = []
let server: Server | undefined
afterEach(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })))
  dirs = []
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()))
  server = undefined
})

async function fresh(): Promise<{ electronDir: string; cache: string }> {
  const electronDir = await electronPackageCopy()
  const cache = await mkdtemp(join(electronDir, 'cache-'))
  dirs.push(electronDir)
  return { electronDir, cache }
}

describe('making sure of Electron before npm start', () => {
  it('finds an installed Electron without running its installer', async () => {
    const { electronDir } = await fresh()
    await mkdir(join(electronDir, 'dist', exeName, '..'), { recursive: true })
    await writeFile(join(electronDir, 'dist', 'version'), `v${version}`)
    await writeFile(join(electronDir, 'path.txt'), exeName)
    await writeFile(join(electronDir, 'dist', exeName), '')
    await chmod(join(electronDir, 'dist', exeName), 0o755)
    const said: string[] = []
    const result = await ensureElectron({ electronDir, env: {}, say: (l) => said.push(l) })
    expect(result).toEqual({ ok: true, executable: join(electronDir, 'dist', exeName) })
    expect(said).toEqual([])
  })

  it('does not take an Electron of another version as installed', async () => {
    const { electronDir } = await fresh()
    await mkdir(join(electronDir, 'dist'), { recursive: true })
    await writeFile(join(electronDir, 'dist', 'version'), 'v1.0.0')
    await writeFile(join(electronDir, 'path.txt'), exeName)
    await writeFile(join(electronDir, 'dist', exeName), '')
    expect(installedElectron(electronDir, version, {})).toBeNull()
  })

  it('ends with one plain sentence naming the mirror and cache settings when the mirror lacks the file', async () => {
    const { electronDir, cache } = await fresh()
    const asked: string[] = []
    server = createServer((req, res) => {
      asked.push(req.url ?? '')
      res.writeHead(404).end('not here')
    })
    await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done))
    const { port } = server.address() as AddressInfo
    const said: string[] = []
    const result = await ensureElectron({
      electronDir,
      env: {
        ...process.env,
        ELECTRON_MIRROR: `http://127.0.0.1:${port}/`,
        electron_config_cache: cache,
      },
      say: (l) => said.push(l),
    })
    expect(said).toEqual([expect.stringContaining(`Downloading Electron ${version}`)])
    expect(asked.some((u) => u.includes(`electron-v${version}-`))).toBe(true)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.message).not.toMatch(/\n|\s{2}at\s|\.js:\d+/)
    expect(result.message).toContain(`Electron ${version}`)
    expect(result.message).toContain('404')
    expect(result.message).toContain('ELECTRON_MIRROR')
    expect(result.message).toContain('electron_config_cache')
    expect(installedElectron(electronDir, version, {})).toBeNull()
  })

  it('says the download server could not be reached when nothing answers', async () => {
    const { electronDir, cache } = await fresh()
    const closed = createServer()
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done))
    const { port } = closed.address() as AddressInfo
    await new Promise<void>((done) => closed.close(() => done()))
    const result = await ensureElectron({
      electronDir,
      env: {
        ...process.env,
        ELECTRON_MIRROR: `http://127.0.0.1:${port}/`,
        electron_config_cache: cache,
      },
      say: () => {},
    })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.message).toContain('could not be reached')
  })
})

describe('the installer output a person is shown', () => {
  it('keeps the error line and drops the stack', () => {
    const out =
      'HTTPError: Response code 404 (Not Found) for http://m/x.zip\n    at a (file:///x.js:1:2)\n'
    expect(installFailureReason(out)).toBe('Response code 404 (Not Found) for http://m/x.zip')
  })

  it('compares Node versions against the ">= a.b.c" form Electron declares', () => {
    expect(nodeSatisfies('v20.20.2', '>= 22.12.0')).toBe(false)
    expect(nodeSatisfies('v22.12.0', '>= 22.12.0')).toBe(true)
    expect(nodeSatisfies('v24.1.0', '>=22.12.0')).toBe(true)
    expect(nodeSatisfies('v22.11.9', '>=22.12.0')).toBe(false)
  })
})
