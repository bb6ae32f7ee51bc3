/**
 * Every AppError in production code names a catalogue message (src/shared/messages), so the
 * window can say it in its own language. A source scan: the English-text forms are refused.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'

const ROOT = join(import.meta.dirname, '../..')

/** Every .ts file under dir that is not a test. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sources(path)
    const test = /\.(test|keychain-test)\.ts$/.test(entry.name)
    return entry.name.endsWith('.ts') && !test ? [path] : []
  })
}

/**
 * Test support by its place or name: testing/ or test/ folders, test-*.ts, *-harness.ts, and
 * *.child.ts (a process a test starts).
 */
function isTestSupport(path: string): boolean {
  return (
    /(^|\/)(testing|test)\//.test(path) ||
    /(^|\/)test-[^/]*\.ts$|-harness\.ts$|\.child\.ts$/.test(path)
  )
}

const relativePath = (file: string) => relative(ROOT, file).split('\\').join('/')

const ALL = ['src/main', 'src/shared', 'src/preload'].flatMap((dir) => sources(join(ROOT, dir)))
/** What the app runs: everything but test support and the simulator (it speaks as a server). */
const PRODUCTION = ALL.filter((file) => {
  const path = relativePath(file)
  return !isTestSupport(path) && !path.startsWith('src/main/simulator/')
})

/**
 * English text as an AppError's message: `new AppError(code, 'text'…` (or a template, or a
 * concatenation), a text constant (UPPER_CASE, or a name ending in "message"), or
 * cancelledError('text'). A catalogue message is msg(...) or a function returning one (…Ref()).
 */
const ENGLISH_ERROR = new RegExp(
  [
    /new AppError\(\s*'[\w-]+'\s*,\s*(?:['"`]|[\w.]+\s*\+|[A-Z][A-Z_]{2,}\b|[\w.]*[Mm]essage\b(?!\())/
      .source,
    /cancelledError\(\s*['"`]/.source,
  ].join('|'),
)

describe('error messages in production code', () => {
  it('every AppError names a catalogue message', () => {
    const offenders: string[] = []
    for (const file of PRODUCTION) {
      const source = readFileSync(file, 'utf8')
      for (const match of source.matchAll(new RegExp(ENGLISH_ERROR, 'g'))) {
        const line = source.slice(0, match.index).split('\n').length
        offenders.push(`${relativePath(file)}:${line}`)
      }
    }
    expect(PRODUCTION.length).toBeGreaterThan(80)
    expect(offenders).toEqual([])
  })

  it('the files skipped as test support are not imported by the app', () => {
    const support = new Set(ALL.filter((f) => isTestSupport(relativePath(f))))
    expect(support.size).toBeGreaterThan(3)
    const leaks: string[] = []
    for (const file of PRODUCTION) {
      const source = readFileSync(file, 'utf8')
      for (const [, spec] of source.matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
        const target = resolve(dirname(file), `${spec!}.ts`)
        if (support.has(target)) leaks.push(`${relativePath(file)} → ${spec!}`)
      }
    }
    expect(leaks).toEqual([])
  })

  it('the check catches the English-text forms', () => {
    const forms = [
      "new AppError('validation', 'The VDN id…')",
      'new AppError(\n  "internal",\n  `Could not ${x}`)'.replace('"internal"', "'internal'"),
      "new AppError('tls', err.message + seen, err.detail)",
      "new AppError('validation', SERVER_URL_MESSAGE, { field })",
      "new AppError('validation', PLAIN[key], { field: key })",
      "new AppError('validation', message, field ? { field } : {})",
      "new AppError('auth', authFailedMessage(), { status: 401 })".replace(
        'authFailedMessage()',
        'x.message',
      ),
      "cancelledError('The app is shutting down.')",
    ]
    for (const form of forms) expect(form, form).toMatch(ENGLISH_ERROR)
    expect("new AppError('validation', msg('vdnIdRange'), { field })").not.toMatch(ENGLISH_ERROR)
    expect("new AppError('keychain', keychainUnusableRef(reason), d)").not.toMatch(ENGLISH_ERROR)
  })
})
