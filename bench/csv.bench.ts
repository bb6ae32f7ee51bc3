/**
 * Writing 50,000 tasks as CSV: the shared streaming writer (bounded memory, atomic rename) against
 * the naive way (one big string from a regex-quoting cell function, then one write). The writer
 * should cost no speed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, bench, describe } from 'vitest'
import { writeCsvFile } from '../src/main/export/csv-writer'
import { taskColumns } from '../src/main/export/task-columns'
import { generateCampaignTasks } from '../src/main/simulator/dataset'
import { parseImportTaskPage } from '../src/main/isales/schemas'

const dir = mkdtempSync(join(tmpdir(), 'csv-bench-'))
const raw = generateCampaignTasks({ seed: 3, count: 50_000, now: Date.UTC(2026, 0, 1) })
const { tasks } = parseImportTaskPage({ resultCode: '0200000', returnCode: '0200000', result: raw })
const columns = taskColumns({ withBlackNum: false })

function naiveCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v)
  const guarded = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded
}

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('CSV of 50,000 tasks', () => {
  bench(
    'one big string, then write (naive)',
    () => {
      let text = columns.map((c) => naiveCell(c.header)).join(',') + '\r\n'
      for (const t of tasks) text += columns.map((c) => naiveCell(c.value(t))).join(',') + '\r\n'
      writeFileSync(join(dir, 'naive.csv'), text)
    },
    { iterations: 5 },
  )
  bench(
    'shared streaming writer (atomic)',
    async () => {
      await writeCsvFile(join(dir, 'stream.csv'), columns, tasks, { bom: true })
    },
    { iterations: 5 },
  )
})
