import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'

/**
 * What the installed app carries: every runtime dependency in package.json is imported by a
 * production file of the main process or the preload (followed from their entry points, tests
 * and test helpers left out), and nothing only the window uses is one: the renderer is bundled
 * by Vite, so its packages belong in devDependencies and are never installed with the app.
 */

const ROOT = resolve(__dirname, '../../..')
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies?: Record<string, string>
  devDependencies?: Record<string, string>
}
const runtime = Object.keys(pkg.dependencies ?? {})

/** The entry points electron.vite.config.ts builds for main and preload. */
const ENTRIES = [
  'src/main/index.ts',
  'src/main/cli/main.ts',
  'src/main/simulator/main.ts',
  'src/preload/index.ts',
]

const ALIASES: Record<string, string> = { '@shared': 'src/shared', '@renderer': 'src/renderer/src' }

/** Import specifiers of a source file; type-only imports and re-exports need nothing at run time. */
function specifiersOf(source: string): string[] {
  const found: string[] = []
  const patterns = [
    /^\s*import\s+(?!type\s)(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]/gm,
    /^\s*export\s+(?!type\s)[^'"]*?\s+from\s+['"]([^'"]+)['"]/gm,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
  ]
  for (const pattern of patterns) for (const m of source.matchAll(pattern)) found.push(m[1]!)
  return found
}

function resolveLocal(from: string, spec: string): string | null {
  const alias = Object.keys(ALIASES).find((a) => spec === a || spec.startsWith(`${a}/`))
  const base = alias
    ? join(ROOT, ALIASES[alias]!, spec.slice(alias.length))
    : resolve(dirname(from), spec)
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
    if (/\.(ts|vue)$/.test(candidate) && existsSync(candidate)) return candidate
  }
  return null // JSON (package.json's version) and assets
}

function packageName(spec: string): string {
  const parts = spec.split('/')
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!
}

function isBuiltin(spec: string): boolean {
  return spec.startsWith('node:') || builtinModules.includes(spec)
}

/** The packages the files reachable from `entries` import, with one importer each. */
function packagesImportedFrom(entries: string[]): Map<string, string> {
  const packages = new Map<string, string>()
  const seen = new Set<string>()
  const queue = entries.map((e) => join(ROOT, e))
  while (queue.length > 0) {
    const file = queue.pop()!
    if (seen.has(file)) continue
    seen.add(file)
    for (const spec of specifiersOf(readFileSync(file, 'utf8'))) {
      const local = spec.startsWith('.') || Object.keys(ALIASES).some((a) => spec.startsWith(a))
      if (local) {
        const target = resolveLocal(file, spec)
        if (target) queue.push(target)
      } else if (!isBuiltin(spec) && !packages.has(packageName(spec))) {
        packages.set(packageName(spec), relative(ROOT, file))
      }
    }
  }
  return packages
}

function rendererFiles(dir = join(ROOT, 'src/renderer')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return rendererFiles(path)
    return /\.(ts|vue)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [path] : []
  })
}

const mainAndPreload = packagesImportedFrom(ENTRIES)

describe('runtime dependencies', () => {
  it('finds the packages the main process is known to import (the scan works)', () => {
    for (const name of ['electron', 'undici', 'zod', '@napi-rs/keyring']) {
      expect(mainAndPreload.has(name), name).toBe(true)
    }
  })

  it.each(runtime)('%s is imported by a main or preload production file', (name) => {
    expect(mainAndPreload.has(name), `${name} is a runtime dependency nothing in main uses`).toBe(
      true,
    )
  })

  it('lists no package only the window uses as a runtime dependency', () => {
    const windowOnly = new Set(
      rendererFiles()
        .flatMap((file) => specifiersOf(readFileSync(file, 'utf8')))
        .filter((spec) => !spec.startsWith('.') && !spec.startsWith('@shared'))
        .filter((spec) => !spec.startsWith('@renderer') && !isBuiltin(spec))
        .map(packageName)
        .filter((name) => !mainAndPreload.has(name)),
    )
    expect(windowOnly.has('vue')).toBe(true)
    expect(runtime.filter((name) => windowOnly.has(name))).toEqual([])
  })

  it('keeps Electron itself out of the runtime dependencies (the packager brings it)', () => {
    expect(runtime).not.toContain('electron')
    expect(Object.keys(pkg.devDependencies ?? {})).toContain('electron')
  })
})
