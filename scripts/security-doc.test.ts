// SECURITY.md cannot silently rot: every test it cites as `file` › "name" exists under that name
// (read from the test file's syntax tree, so a renamed or removed test fails here), every
// repository path it names exists, and every numbered guarantee cites at least one test.
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import ts from 'typescript'

const root = resolve(import.meta.dirname, '..')
const TEST_FILE = /^(?:src|scripts|e2e)\/[\w./-]+\.(?:test|spec)\.ts$/
const REPO_PATH = /^(?:src|scripts|e2e)\/[\w./-]+\.\w+$/

type Citation = { line: number; file: string; names: string }

/** Bullets of the form `- \`file\` › "name", "name" (note)`, wrapped lines joined. */
function citations(doc: string): Citation[] {
  const out: Citation[] = []
  const lines = doc.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const start = /^(\s*)- `([^`]+)` › (.*)$/.exec(lines[i]!)
    if (!start) continue
    const line = i + 1
    const indent = start[1]!.length
    let text = start[3]!
    while (i + 1 < lines.length && /^\s*/.exec(lines[i + 1]!)![0].length > indent + 1) {
      if (/^\s*- /.test(lines[i + 1]!)) break
      text += ` ${lines[++i]!.trim()}`
    }
    out.push({ line, file: start[2]!, names: text })
  }
  return out
}

function calleeRoot(e: ts.Expression): string | undefined {
  if (ts.isIdentifier(e)) return e.text
  if (ts.isPropertyAccessExpression(e) || ts.isCallExpression(e)) return calleeRoot(e.expression)
  return undefined
}

function isDescribe(e: ts.Expression): boolean {
  if (ts.isIdentifier(e)) return e.text === 'describe'
  if (ts.isPropertyAccessExpression(e))
    return e.name.text === 'describe' || isDescribe(e.expression)
  if (ts.isCallExpression(e)) return isDescribe(e.expression)
  return false
}

/** The names of the tests (`it`, `test` and their variants, not suites) as written in the file. */
function testNames(source: string): string[] {
  const sf = ts.createSourceFile('t.ts', source, ts.ScriptTarget.Latest, true)
  const out: string[] = []
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && n.arguments[0] && !isDescribe(n.expression)) {
      const fn = calleeRoot(n.expression)
      const a = n.arguments[0]
      if (fn === 'it' || fn === 'test') {
        if (ts.isStringLiteral(a) || ts.isNoSubstitutionTemplateLiteral(a)) out.push(a.text)
        else if (ts.isTemplateExpression(a)) out.push(a.getText(sf).slice(1, -1))
      }
    }
    ts.forEachChild(n, visit)
  }
  visit(sf)
  return out
}

/** A cited name is the declared one, or a table-driven name with its placeholders filled in. */
function names(cited: string, declared: string): boolean {
  if (cited === declared) return true
  const placeholder = /%[sdifjoO#%]|\$\{[^}]*\}|\$[\w.]+/g
  if (!placeholder.test(declared)) return false
  const parts = declared.split(placeholder).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  return new RegExp(`^${parts.join('.+?')}$`, 's').test(cited)
}

/**
 * Reads `"a", "b" (note)` against the declared names. A name may itself hold quotes, so each
 * closing quote followed by `,`, ` (` or the end is tried until one gives a declared name.
 */
function missingNames(text: string, declared: string[]): string[] {
  const missing: string[] = []
  let at = 0
  while (text[at] === '"') {
    const ends: number[] = []
    for (let j = text.indexOf('"', at + 1); j !== -1; j = text.indexOf('"', j + 1)) {
      const after = text.slice(j + 1)
      if (after === '' || after.startsWith(',') || after.startsWith(' (')) ends.push(j)
    }
    if (ends.length === 0) return [...missing, text.slice(at)]
    const end = ends.find((j) => declared.some((d) => names(text.slice(at + 1, j), d)))
    if (end === undefined) missing.push(text.slice(at + 1, ends[0]))
    at = (end ?? ends[0]!) + 1
    at = /^,\s*/.test(text.slice(at)) ? at + /^,\s*/.exec(text.slice(at))![0].length : text.length
  }
  return missing
}

function problems(doc: string, read: (path: string) => string | undefined): string[] {
  const out: string[] = []
  const declared = new Map<string, string[]>()
  for (const c of citations(doc)) {
    const source = TEST_FILE.test(c.file) ? read(c.file) : undefined
    if (source === undefined) {
      out.push(`line ${c.line}: no test file ${c.file}`)
      continue
    }
    if (!c.names.startsWith('"')) out.push(`line ${c.line}: ${c.file} cites no test name`)
    if (!declared.has(c.file)) declared.set(c.file, testNames(source))
    for (const name of missingNames(c.names, declared.get(c.file)!))
      out.push(`line ${c.line}: ${c.file} has no test "${name}"`)
  }
  return out
}

function readRepoFile(path: string): string | undefined {
  const full = resolve(root, path)
  return existsSync(full) ? readFileSync(full, 'utf8') : undefined
}

const doc = readFileSync(resolve(root, 'SECURITY.md'), 'utf8')

describe('SECURITY.md', () => {
  it('cites only test files and test names that exist', () => {
    // Every `file` › "name" under the guarantees is a bullet of its own: none escapes the check.
    const guarantees = doc.slice(doc.indexOf('## Guarantees'))
    expect(citations(guarantees).length).toBe(guarantees.split('` › ').length - 1)
    expect(citations(doc).length).toBeGreaterThan(40)
    expect(problems(doc, readRepoFile)).toEqual([])
  })

  it('names only repository files that exist', () => {
    const paths = [...doc.matchAll(/`([^`\s]+)`/g)]
      .map((m) => m[1]!)
      .filter((p) => REPO_PATH.test(p))
    expect(paths.length).toBeGreaterThan(40)
    expect(paths.filter((p) => !existsSync(resolve(root, p)))).toEqual([])
  })

  it('cites at least one test for every guarantee, and leaves no placeholder', () => {
    const guarantees = doc.split(/\n(?=\d+\. \*\*)/).slice(1)
    expect(guarantees.length).toBeGreaterThan(20)
    const bare = guarantees
      .map((g) => g.split(/\n(?!\s)/)[0]!)
      .filter((g) => citations(g).length === 0)
      .map((g) => g.slice(0, 60))
    expect(bare).toEqual([])
    expect(doc).not.toMatch(/\(test: added by/)
  })

  it('catches a missing file, a renamed test and a cut name (the check itself works)', () => {
    const source = `
      describe('a suite', () => {
        it('keeps the key', () => {})
        it.each([1])('masks the %s form', () => {})
        test(\`refuses \${who}, even so\`, () => {})
        it('says "no" twice', () => {})
      })`
    const files: Record<string, string> = { 'src/a.test.ts': source }
    const cite = (line: string): string[] => problems(`   - ${line}\n`, (p) => files[p])
    expect(
      cite(
        '`src/a.test.ts` › "keeps the key", "masks the %s form", "masks the hex form", "refuses a frame, even so", "says "no" twice" (a note)',
      ),
    ).toEqual([])
    expect(cite('`src/b.test.ts` › "keeps the key"')).toEqual([
      'line 1: no test file src/b.test.ts',
    ])
    expect(cite('`src/a.test.ts` › "keeps the keys", "a suite"')).toEqual([
      'line 1: src/a.test.ts has no test "keeps the keys"',
      'line 1: src/a.test.ts has no test "a suite"',
    ])
    expect(cite('`src/a.test.ts` › "keeps the\n     key"')).toEqual([])
    expect(cite('`src/a.test.ts` › "masks the form"')).toHaveLength(1)
  })
})
