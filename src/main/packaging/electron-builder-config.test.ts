import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { inflateSync } from 'node:zlib'
// electron-builder's own loader and schema check (app-builder-lib comes with electron-builder):
// the test reads the configuration exactly as `npm run dist` will.
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config'
import type { Configuration } from 'electron-builder'
import { CHANNELS } from '../../shared/contract'
import type { Handlers } from '../ipc/registry'
import { APP_ENTRY_URL } from '../window/app-protocol'

// The packaged entry is driven with a stand-in electron module (no Electron binary here).
const electron = await vi.hoisted(async () =>
  (await import('../testing/electron-stand-in')).createElectronStandIn(),
)
vi.mock('electron', () => electron.module)
const { runMainProcess } = await import('../app/main-process')

/**
 * electron-builder cannot run here (it downloads Electron for each target), so its configuration
 * is checked statically: it loads, passes electron-builder's schema, targets the three OSes, ships
 * only the build output, sets every hardening fuse, and points at a usable icon; and the packaged
 * entry keeps DevTools off.
 */

const ROOT = resolve(__dirname, '../../..')

let config: Configuration
/** The test runner's own process listeners; the main process adds its loggers after them. */
const listeners = {
  exception: process.listeners('uncaughtException').length,
  rejection: process.listeners('unhandledRejection').length,
}

beforeAll(async () => {
  config = await getConfig(ROOT, null, null)
})

type TargetSpec = NonNullable<Configuration['linux']>['target']

function targetNames(target: TargetSpec | undefined): string[] {
  if (target === undefined || target === null) return []
  const list = Array.isArray(target) ? target : [target]
  return list.map((t) => (typeof t === 'string' ? t : t.target))
}

/** The file patterns, flattened from strings or electron-builder's { filter } form. */
function filePatterns(files: Configuration['files']): string[] {
  const list = files === undefined || files === null ? [] : Array.isArray(files) ? files : [files]
  return list.flatMap((entry) => {
    if (typeof entry === 'string') return [entry]
    const filter = entry.filter ?? []
    return Array.isArray(filter) ? filter : [filter]
  })
}

interface PngInfo {
  width: number
  height: number
  bitDepth: number
  colorType: number
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

function crc32(buf: Uint8Array): number {
  let c = 0xffffffff
  for (const byte of buf) {
    c ^= byte
    for (let i = 0; i < 8; i++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  }
  return (c ^ 0xffffffff) >>> 0
}

/** Parses a PNG fully: signature, chunk CRCs, IHDR, and the image data's inflated size. */
function readPng(file: Buffer): PngInfo {
  expect(file.subarray(0, 8)).toEqual(PNG_SIGNATURE)
  let offset = 8
  let info: PngInfo | undefined
  const idat: Buffer[] = []
  let ended = false
  while (offset < file.length) {
    const length = file.readUInt32BE(offset)
    const type = file.toString('ascii', offset + 4, offset + 8)
    const data = file.subarray(offset + 8, offset + 8 + length)
    const crc = file.readUInt32BE(offset + 8 + length)
    expect(crc, `CRC of ${type}`).toBe(crc32(file.subarray(offset + 4, offset + 8 + length)))
    if (type === 'IHDR') {
      info = {
        width: data.readUInt32BE(0),
        height: data.readUInt32BE(4),
        bitDepth: data[8]!,
        colorType: data[9]!,
      }
    } else if (type === 'IDAT') idat.push(data)
    else if (type === 'IEND') ended = true
    offset += 12 + length
  }
  expect(ended).toBe(true)
  if (!info) throw new Error('PNG without IHDR')
  const channels: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 }
  const bytesPerPixel = ((channels[info.colorType] ?? 0) * info.bitDepth) / 8
  expect(bytesPerPixel).toBeGreaterThan(0)
  const pixels = inflateSync(Buffer.concat(idat))
  expect(pixels.length).toBe(info.height * (info.width * bytesPerPixel + 1))
  return info
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema', async () => {
    await expect(
      validateConfiguration(config, { isEnabled: false, add: () => undefined } as never),
    ).resolves.toBeUndefined()
  })

  it('names the app', () => {
    expect(config.appId).toBe('com.isales.importmonitor')
    expect(config.productName).toBe('iSales Import Monitor')
    const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as {
      productName?: string
    }
    expect(config.productName).toBe(pkg.productName)
  })

  it('builds NSIS for Windows, dmg for macOS, AppImage and deb for Linux', () => {
    expect(targetNames(config.win?.target)).toEqual(['nsis'])
    expect(targetNames(config.mac?.target)).toEqual(['dmg'])
    expect(targetNames(config.linux?.target).sort()).toEqual(['AppImage', 'deb'])
    // The deb format requires a maintainer; package.json has no author to take it from.
    expect(config.linux?.maintainer).toMatch(/<[^@\s>]+@[^@\s>]+>/)
  })

  it('ships only the build output and package.json, inside an asar archive', () => {
    const patterns = filePatterns(config.files)
    expect(patterns.length).toBeGreaterThan(0)
    for (const pattern of patterns) {
      expect(pattern === 'package.json' || pattern.startsWith('out/')).toBe(true)
    }
    expect(patterns.some((p) => /(^|\/|!)(src|e2e|bench|test|tests|build)(\/|$)/.test(p))).toBe(
      false,
    )
    expect(patterns.some((p) => /\.test\.|\.spec\./.test(p))).toBe(false)
    expect(config.asar).toBe(true)
    expect(config.directories?.output).toBe('dist')
    expect(readFileSync(resolve(ROOT, '.gitignore'), 'utf8').split(/\r?\n/)).toContain('dist')
  })

  it('is what `npm run dist` runs, with the app entry inside the shipped files', () => {
    const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as {
      main: string
      scripts: Record<string, string>
      devDependencies: Record<string, string>
      dependencies?: Record<string, string>
    }
    expect(pkg.scripts.dist).toBe('electron-vite build && electron-builder')
    expect(pkg.main.replace(/^\.\//, '')).toMatch(/^out\//)
    // electron-builder refuses electron or itself among the runtime dependencies.
    expect(pkg.devDependencies).toHaveProperty('electron-builder')
    expect(pkg.dependencies ?? {}).not.toHaveProperty('electron-builder')
    expect(pkg.dependencies ?? {}).not.toHaveProperty('electron')
  })

  it('sets every hardening fuse, none relaxed or left at its default', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      enableCookieEncryption: true,
    })
    // Integrity validation and app-only-from-asar protect nothing without an asar archive.
    expect(config.asar).toBe(true)
  })

  it('keeps DevTools off in a packaged build: not in the window, not in the menu', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'packaged-'))
    try {
      electron.reset({ packaged: true, userDataDir: dir })
      const handlers = Object.fromEntries(Object.keys(CHANNELS).map((c) => [c, vi.fn()]))
      const run = runMainProcess({
        preloadFile: join(dir, 'preload.js'),
        rendererDir: dir,
        // Even with a dev server named in the environment.
        env: { ELECTRON_RENDERER_URL: 'http://localhost:5173/' },
        keychain: () => null,
        compose: async () => ({
          handlers: handlers as unknown as Handlers,
          monitor: { suspend: vi.fn(), resume: vi.fn() },
          dispose: async () => undefined,
        }),
      })
      await run.started
      const [window] = electron.state.windows
      expect(window?.options.webPreferences).toMatchObject({ devTools: false })
      expect(window?.loaded).toBe(APP_ENTRY_URL)
      const roles = JSON.stringify(electron.state.menu?.template)
      expect(roles).not.toMatch(/toggleDevTools|viewMenu|"reload"|forceReload/)
    } finally {
      for (const l of process.listeners('uncaughtException').slice(listeners.exception)) {
        process.off('uncaughtException', l)
      }
      for (const l of process.listeners('unhandledRejection').slice(listeners.rejection)) {
        process.off('unhandledRejection', l)
      }
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('points every platform at a valid PNG icon of at least 512x512', () => {
    const icons = [config.win?.icon, config.mac?.icon, config.linux?.icon]
    expect(new Set(icons)).toEqual(new Set(['build/icon.png']))
    const png = readPng(readFileSync(resolve(ROOT, 'build/icon.png')))
    // 256x256 is the Windows minimum; macOS wants 512x512.
    expect(png.width).toBeGreaterThanOrEqual(512)
    expect(png.height).toBe(png.width)
    expect(png).toMatchObject({ bitDepth: 8, colorType: 6 })
  })
})
