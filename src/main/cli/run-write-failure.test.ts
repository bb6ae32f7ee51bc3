import { readdirSync, statSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import type { CsvColumn } from '../export/csv-writer'
import type { ImportTask } from '../../shared/import-task'
import { startSimulator, type Simulator } from '../simulator/server'
import { EXIT } from './exit-codes'
import { run } from './run'

/**
 * `--out` when the failure happens DURING the write, after part of the CSV is on disk (every
 * server failure happens before the first byte is written, so it cannot show atomicity).
 * The task columns are wrapped so that one cell throws after `failAfter` rows.
 */

const state = vi.hoisted(() => ({
  failAfter: Infinity,
  rows: 0,
  /** Bytes in the output directory (other than `keep`) when the cell threw. */
  bytesOnDiskAtFailure: 0,
  outDir: '',
  keep: [] as string[],
}))

function failNow(): void {
  if (++state.rows > state.failAfter) {
    state.bytesOnDiskAtFailure = readdirSync(state.outDir)
      .filter((name) => !state.keep.includes(name))
      .reduce((sum, name) => sum + statSync(join(state.outDir, name)).size, 0)
    throw new Error('cell failed mid-write')
  }
}

vi.mock('../export/task-columns', async (importOriginal) => {
  const original = await importOriginal<typeof import('../export/task-columns')>()
  return {
    ...original,
    taskColumns: (opts?: Parameters<typeof original.taskColumns>[0]): CsvColumn<ImportTask>[] =>
      original.taskColumns(opts).map((column) =>
        column.header !== 'errMsg'
          ? column
          : {
              ...column,
              // The writer reads `cell` (the fast way), `value` elsewhere: both fail alike.
              value: (task: ImportTask) => (failNow(), column.value(task)),
              cell: (task: ImportTask) => (failNow(), column.cell!(task)),
            },
      ),
  }
})

class Capture extends Writable {
  text = ''
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString('utf8')
    cb()
  }
}

const TASKS = 3000
let sim: Simulator
let dir: string

beforeAll(async () => {
  sim = await startSimulator({
    campaigns: [{ id: '2001', name: 'Big', taskCount: TASKS, seed: 7 }],
  })
  dir = await mkdtemp(join(tmpdir(), 'isales-cli-write-'))
})

afterAll(async () => {
  await sim.close()
  await rm(dir, { recursive: true, force: true })
})

beforeEach(() => {
  state.rows = 0
  state.bytesOnDiskAtFailure = 0
  state.failAfter = TASKS - 10
})

async function exportCsv(out: string) {
  const stdout = new Capture()
  const stderr = new Capture()
  const argv = ['tasks', '--server', sim.url, '--vdn', '1', '--campaign', '2001']
  argv.push('--pin', sim.fingerprint256, '--format', 'csv', '--out', out)
  const code = await run(argv, { ISALES_AK: sim.ak, ISALES_SK: sim.sk }, { stdout, stderr })
  return { code, stdout: stdout.text, stderr: stderr.text }
}

describe('--out when the write itself fails part-way', () => {
  it('creates no file and leaves no temp file', async () => {
    const sub = await mkdtemp(join(dir, 'new-'))
    state.outDir = sub
    state.keep = []
    const r = await exportCsv(join(sub, 'tasks.csv'))
    // The failure came after part of the CSV had reached the disk.
    expect(state.bytesOnDiskAtFailure).toBeGreaterThan(0)
    expect(r.code).toBe(EXIT.internal)
    expect(r.stderr).toMatch(
      /^isales-imports: could not write ".*tasks\.csv".*nothing was written\n$/,
    )
    expect(r.stdout).toBe('')
    expect(await readdir(sub)).toEqual([])
  })

  it('leaves an existing file unchanged and no temp file', async () => {
    const sub = await mkdtemp(join(dir, 'old-'))
    const file = join(sub, 'tasks.csv')
    await writeFile(file, 'previous export')
    state.outDir = sub
    state.keep = ['tasks.csv']
    const r = await exportCsv(file)
    expect(state.bytesOnDiskAtFailure).toBeGreaterThan(0)
    expect(r.code).toBe(EXIT.internal)
    expect(await readFile(file, 'utf8')).toBe('previous export')
    expect(await readdir(sub)).toEqual(['tasks.csv'])
  })

  it('writes the whole file when nothing fails (the wrapper is transparent)', async () => {
    const sub = await mkdtemp(join(dir, 'ok-'))
    const file = join(sub, 'tasks.csv')
    state.failAfter = Infinity
    const r = await exportCsv(file)
    expect(r.code).toBe(EXIT.ok)
    const lines = (await readFile(file, 'utf8')).split('\r\n')
    expect(lines).toHaveLength(TASKS + 2) // header, rows, and the empty tail after the last CRLF
  })
})
