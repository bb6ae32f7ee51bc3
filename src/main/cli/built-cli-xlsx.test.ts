import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseServerTime } from '../isales/server-time'
import { startSimulator, type Simulator } from '../simulator/server'
import { readXlsx, rowCells } from '../testing/xlsx-sheets'
import { EXIT } from './exit-codes'

/**
 * `tasks --format xlsx --out FILE` end to end: the built CLI (out/main/cli.js, `npm run build`
 * first) against the simulator, in a pinned time zone; the workbook is read back with the tests'
 * own zip/XML reader and compared with the CLI's JSON output of the same tasks.
 */

const CLI = resolve(dirname(fileURLToPath(import.meta.url)), '../../../out/main/cli.js')
const ZONE = 'Asia/Shanghai' // UTC+08:00 all year

let sim: Simulator
let dir: string
beforeAll(async () => {
  sim = await startSimulator({
    campaigns: [{ id: '1001', name: 'Spring', vdnId: 1, taskCount: 180, seed: 7 }],
  })
  dir = await mkdtemp(join(tmpdir(), 'built-cli-xlsx-'))
})
afterAll(async () => {
  await sim.close()
  await rm(dir, { recursive: true, force: true })
})

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  if (!existsSync(CLI)) throw new Error(`${CLI} does not exist: run npm run build first`)
  const env = { PATH: process.env.PATH ?? '', ISALES_AK: sim.ak, ISALES_SK: sim.sk, TZ: ZONE }
  const base = ['tasks', '--server', sim.url, '--vdn', '1', '--pin', sim.fingerprint256]
  return new Promise((done) => {
    execFile(
      process.execPath,
      [CLI, ...base, '--campaign', '1001', ...args],
      { env, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => done({ code: error ? Number(error.code) : 0, stdout, stderr }),
    )
  })
}

interface TaskJson {
  id: string
  status: string
  beginTime: string
  endTime: string
  succNum: number
  failNum: number
}

/** The Excel serial of the wall-clock time at UTC+08:00 (1900 date system). */
const serialAt8 = (ms: number) => (ms + 8 * 3_600_000) / 86_400_000 + 25_569

describe('built isales-imports tasks --format xlsx', () => {
  it('writes the tasks of the JSON output: exact ids, local date-times, numeric counts', async () => {
    const json = JSON.parse((await cli([])).stdout) as { tasks: TaskJson[] }
    const out = join(dir, 'tasks.xlsx')
    const r = await cli(['--format', 'xlsx', '--out', out])
    expect(r.code, r.stderr).toBe(EXIT.ok)
    expect(r.stdout).toBe('')

    const [imports, summary] = readXlsx(await readFile(out))
    expect(imports!.name).toBe('Imports')
    expect(imports!.rows.size).toBe(json.tasks.length + 1)
    expect(rowCells(imports!, 1, 3)[2]?.raw).toBe(`beginTime (${ZONE}, UTC+08:00)`)
    let dated = 0
    for (const [k, t] of json.tasks.entries()) {
      const [id, status, begin, end, succ, , fail] = rowCells(imports!, k + 2, 7)
      expect(id).toMatchObject({ type: 'inline', raw: t.id })
      expect(id!.raw).toMatch(/^\d{30}$/)
      expect(status).toMatchObject({ type: 'number', raw: t.status })
      expect(succ).toMatchObject({ type: 'number', raw: String(t.succNum) })
      expect(fail).toMatchObject({ type: 'number', raw: String(t.failNum) })
      for (const [cell, text] of [
        [begin, t.beginTime],
        [end, t.endTime],
      ] as const) {
        const at = parseServerTime(text)
        if (at === null) continue
        dated++
        expect(cell?.type).toBe('number')
        expect(cell?.format).toBe('yyyy-mm-dd hh:mm:ss')
        // The server's ISO times are UTC-offset text: the cell is their Shanghai wall clock.
        const expected = /[Z+]|-\d\d:\d\d$/.test(text.slice(19))
          ? serialAt8(at)
          : // A time without offset is the server's (= the workstation's) wall clock as written.
            Date.parse(`${text.replace(' ', 'T').slice(0, 19)}Z`) / 86_400_000 + 25_569
        expect(Math.abs(Number(cell!.raw) - expected) * 86_400_000).toBeLessThan(1)
      }
    }
    expect(dated).toBeGreaterThan(json.tasks.length)
    const labels = [...summary!.rows.values()].map((row) => row.get('A')?.raw.trim())
    expect(labels).toEqual(expect.arrayContaining(['Server', 'Campaign', 'Imports']))
  })

  it('refuses xlsx to standard output with a clear message, writing nothing', async () => {
    const r = await cli(['--format', 'xlsx'])
    expect(r.code).toBe(EXIT.usage)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(/--format xlsx .*cannot go to standard output: add --out FILE\.xlsx/)
  })
})
