// The README's Node.js versions are true: on the versions it recommends for running the app, no
// installed package declares an engine that excludes them (so `npm install` prints no EBADENGINE),
// and the version it names for tests is one the test tooling accepts.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import semver from 'semver'

const root = resolve(import.meta.dirname, '..')
const readme = readFileSync(resolve(root, 'README.md'), 'utf8')
const lock = JSON.parse(readFileSync(resolve(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { engines?: { node?: string } | string[]; dev?: boolean }>
}

/** The lowest versions the README recommends for `npm start` and `npm run dist`. */
const RECOMMENDED = ['22.22.2', '24.15.0']
/** The lowest version the README names for tests, the CLI and the simulator. */
const FOR_TESTS = '20.19.0'

function refusing(version: string): string[] {
  const out: string[] = []
  for (const [path, pkg] of Object.entries(lock.packages)) {
    const range = !Array.isArray(pkg.engines) ? pkg.engines?.node : undefined
    if (path && range && !semver.satisfies(version, range)) out.push(`${path}: ${range}`)
  }
  return out
}

describe('the Node.js versions the README states', () => {
  it.each(RECOMMENDED)('names %s and no installed package refuses it', (version) => {
    expect(readme).toContain(version.replace(/\.0$/, ''))
    expect(refusing(version)).toEqual([])
  })

  it('names the version tests need, and the test tools accept it', () => {
    expect(readme).toContain(FOR_TESTS.replace(/\.0$/, ''))
    const testTools = ['vitest', 'vite', '@playwright/test', 'typescript', 'vue-tsc', 'undici']
    const refused = refusing(FOR_TESTS).filter((line) =>
      testTools.some((t) => line.startsWith(`node_modules/${t}:`)),
    )
    expect(refused).toEqual([])
  })

  it('matches what package.json asks of Node.js', () => {
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
      engines: { node: string }
    }
    expect(semver.minVersion(pkg.engines.node)?.version).toBe(FOR_TESTS)
  })
})
