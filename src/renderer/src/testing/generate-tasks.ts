/**
 * Deterministic import tasks for tests and the perf measurement (not used by the app): the shapes
 * the main process hands over, with the simulator's mix of statuses, errors and extra fields.
 */
import type { ImportTask, TaskStatus } from '@shared/import-task'
import { buildTask } from '@shared/testing/task-builder'

function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const ERRORS = [
  'File format error: column 3 (phone number) is empty',
  'The number of records exceeds 500000',
  'Duplicate import task',
  'The file does not exist on the file server',
  'File encoding error: the file is not UTF-8 encoded',
  'Import interrupted: database operation exception',
]

export interface GenerateOptions {
  seed?: number
  /** Epoch ms of the newest task. */
  now?: number
  withBlackNum?: boolean
}

export function generateTasks(count: number, opts: GenerateOptions = {}): ImportTask[] {
  const rng = mulberry32(opts.seed ?? 1)
  const now = opts.now ?? Date.UTC(2025, 5, 1, 12, 0, 0)
  const tasks: ImportTask[] = []
  for (let i = 0; i < count; i++) {
    const r = rng()
    const status: TaskStatus = i < 3 ? (i === 0 ? '0' : '1') : r < 0.1 ? '3' : '2'
    const beginAt = rng() < 0.01 ? null : now - Math.floor(rng() * 28 * 86_400_000) - i * 1000
    const ended = status === '2' || status === '3'
    const endAt = beginAt !== null && ended ? beginAt + Math.floor(rng() * 3_600_000) : null
    const records = Math.floor(500 * Math.pow(200, rng() * rng()))
    const failNum = status === '3' && rng() < 0.7 ? 0 : Math.floor(records * rng() * 0.05)
    const repeatNum = Math.floor(records * rng() * 0.1)
    const succNum = status === '3' && failNum === 0 ? 0 : records - failNum - repeatNum
    const errMsg =
      status === '3' ? ERRORS[Math.floor(rng() * ERRORS.length)]! : rng() < 0.02 ? 'Partial' : ''
    const id =
      String(now - i * 1000).padStart(13, '0') +
      String(Math.floor(rng() * 1e11)).padStart(11, '0') +
      String(i % 1e6).padStart(6, '0')
    const iso = (ms: number | null): string => (ms === null ? '' : new Date(ms).toISOString())
    const task: ImportTask = buildTask({
      id,
      status,
      beginTime: iso(beginAt),
      endTime: iso(endAt),
      beginAt,
      endAt,
      succNum,
      repeatNum,
      failNum,
      errMsg,
      extra: rng() < 0.1 ? { fileName: `import_${i}.csv`, operator: 'supervisor01' } : {},
    })
    if (opts.withBlackNum) task.blackNum = Math.floor(records * rng() * 0.01)
    tasks.push(task)
  }
  return tasks
}
