/**
 * Every AppError in production code names a catalogue message (src/shared/messages), so the
 * window can say it in its own language. A source scan: the English-text forms are refused.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'

/**
 * Files whose AppErrors still pass English text (being restructured on other branches when this
 * check arrived). Empty this list as they are migrated; it must never grow.
 */
const NOT_MIGRATED_YET = [
  'src/main/app/handlers/',
  'src/main/demo/demo-controller.ts',
  'src/main/fs/',
  'src/main/isales/schemas.ts',
  'src/main/monitor/',
  'src/main/profiles/',
  'src/main/settings/',
  'src/main/tls/approve-pin.ts',
  'src/shared/server-url.ts',
]

const ROOT = join(import.meta.dirname, '../..')

function productionSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return productionSources(path)
    const test = /\.(test|keychain-test)\.ts$/.test(entry.name)
    return entry.name.endsWith('.ts') && !test ? [path] : []
  })
}

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
  it('every AppError outside the not-yet-migrated files names a catalogue message', () => {
    const offenders: string[] = []
    let checked = 0
    for (const dir of ['src/main', 'src/shared', 'src/preload']) {
      for (const file of productionSources(join(ROOT, dir))) {
        const path = relative(ROOT, file).split('\\').join('/')
        if (NOT_MIGRATED_YET.some((prefix) => path.startsWith(prefix))) continue
        if (path.startsWith('src/main/simulator/')) continue // the simulator speaks as a server
        checked++
        const source = readFileSync(file, 'utf8')
        for (const match of source.matchAll(new RegExp(ENGLISH_ERROR, 'g'))) {
          const line = source.slice(0, match.index).split('\n').length
          offenders.push(`${path}:${line}`)
        }
      }
    }
    expect(checked).toBeGreaterThan(50)
    expect(offenders).toEqual([])
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

  it('the not-yet-migrated list names only files that still need it', () => {
    for (const prefix of NOT_MIGRATED_YET) {
      const files = productionSources(join(ROOT, 'src/main')).filter((f) =>
        relative(ROOT, f).split('\\').join('/').startsWith(prefix),
      )
      const stillEnglish = files.some((f) => ENGLISH_ERROR.test(readFileSync(f, 'utf8')))
      expect(stillEnglish, `${prefix} is migrated: remove it from the list`).toBe(true)
    }
  })
})
