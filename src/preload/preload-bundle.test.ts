/**
 * Checks the built preload (out/preload/index.js): a sandboxed preload must be one CommonJS script
 * whose only require is 'electron'. `npm test` builds before the unit tests run.
 */
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { runInNewContext } from 'node:vm'
import { EVENTS, METHODS } from '../shared/api'

const BUNDLE = resolve(__dirname, '../../out/preload/index.js')

function bundle(): string {
  if (!existsSync(BUNDLE)) {
    throw new Error(`${BUNDLE} is missing: run npm run build first`)
  }
  return readFileSync(BUNDLE, 'utf8')
}

describe('built preload bundle', () => {
  it('exists', () => {
    expect(() => bundle()).not.toThrow()
  })

  it("requires only 'electron', with literal requires only", () => {
    const code = bundle()
    const literal = [...code.matchAll(/\brequire\s*\(\s*(["'`])([^"'`]+)\1\s*\)/g)].map((m) => m[2])
    const any = code.match(/\brequire\s*\(/g) ?? []
    expect([...new Set(literal)]).toEqual(['electron'])
    expect(any).toHaveLength(literal.length)
  })

  it('is a CommonJS script (no import/export statements, no dynamic import)', () => {
    const code = bundle()
    expect(code).not.toMatch(/^\s*(import|export)\s/m)
    expect(code).not.toMatch(/\bimport\s*\(/)
    expect(code).not.toMatch(/import\.meta/)
  })

  it('contains no zod code', () => {
    const code = bundle()
    expect(code).not.toMatch(/_zod|ZodError|\$ZodType|require\(["']zod/)
    // The whole contract runtime stays in main: the preload is the factory and a few lines.
    expect(code.length).toBeLessThan(20_000)
  })

  it('runs as a plain script with only electron available and exposes the api', () => {
    const exposed = new Map<string, Record<string, unknown>>()
    const electron = {
      contextBridge: {
        exposeInMainWorld: (key: string, value: Record<string, unknown>) =>
          void exposed.set(key, value),
      },
      ipcRenderer: {
        invoke: async () => null,
        on: () => undefined,
        removeListener: () => undefined,
      },
    }
    const requireFake = (id: string) => {
      if (id !== 'electron') throw new Error(`unexpected require(${id})`)
      return electron
    }
    const module = { exports: {} }
    runInNewContext(bundle(), { require: requireFake, module, exports: module.exports })
    expect([...exposed.keys()]).toEqual(['isales'])
    expect(Object.keys(exposed.get('isales')!).sort()).toEqual(
      [...Object.keys(METHODS), ...Object.keys(EVENTS)].sort(),
    )
  })
})
