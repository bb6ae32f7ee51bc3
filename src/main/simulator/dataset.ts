import { mulberry32, pick, randomInt, type Rng } from './prng'
import { formatSimTime, type TimeFormat } from './sim-time'

/**
 * Deterministic import-task datasets, shaped exactly as an iSales server sends them.
 *
 * Quirks (when `quirks` is on, the default), all from docs/isales-interface.md#quirks; tests may rely on them:
 * - `status` is a number instead of a string on ~5% of tasks (at least one when count >= 20).
 * - `errMsg` on tasks that did not fail is "" (~70%), the number 0 (~15%) or null (~15%);
 *   without quirks it is always "". Failed tasks ("3") always carry a text.
 * - Times: each task uses ISO-8601 with offset (`2022-03-11T07:27:09.000+00:00`, ~70%) or
 *   `yyyy-MM-dd HH:mm:ss` (~30%); both fields of one task share a format. Without quirks: ISO only.
 * - ~10% of tasks carry unknown extra fields `fileName` and `operator` (none without quirks).
 * Not quirks but always true: `endTime` is "" while a task is "0" or "1"; `blackNum` is present on
 * every task exactly when `withBlackNum` is set; ids are unique 30-digit numeric strings.
 *
 * The array comes back in the server's order: newest `beginTime` first. The in-progress tasks
 * (`inProgress`, default min(3, count / 50)) are the newest ones; the very newest is "0" when
 * there are at least two.
 */

export interface RawTask {
  succNum: number
  failNum: number
  errMsg: string | number | null
  id: string
  beginTime: string
  endTime: string
  repeatNum: number
  blackNum?: number
  status: string | number
  [extra: string]: unknown
}

export interface DatasetOptions {
  seed: number
  /** 0 to 100,000. */
  count: number
  /** Epoch ms the dataset is generated for. */
  now: number
  quirks?: boolean
  withBlackNum?: boolean
  inProgress?: number
  /** Default: 'mixed' with quirks, 'iso' without. */
  timeFormat?: TimeFormat | 'mixed'
  /** Offset of the server's local time for the `yyyy-MM-dd HH:mm:ss` format. */
  utcOffsetMinutes?: number
  /** What failed imports say (default FAILURE_MESSAGES; blacklist files: BLACKLIST_FAILURE_MESSAGES). */
  failureMessages?: readonly { text: string; whole: boolean }[]
  /** Share of finished imports that failed (default 0.08). */
  failureRate?: number
}

export const MAX_TASKS = 100_000

/**
 * Failure causes; `whole` ones stop an import before any record is written. Texts are templates:
 * {n} a number, {row} a row, {col} a column, {file} a file name, {id} a task id, {date} a time (failureText fills
 * them), so one cause comes with many different texts, in English and in Chinese, as servers send.
 */
export const FAILURE_MESSAGES: readonly { text: string; whole: boolean }[] = [
  { text: 'File format error: column {col} (phone number) is empty', whole: true },
  { text: 'The number of records exceeds 500000', whole: true },
  { text: 'Duplicate import task', whole: true },
  { text: 'The file does not exist on the file server', whole: true },
  { text: 'File encoding error: the file is not UTF-8 encoded', whole: true },
  { text: 'Import interrupted: database operation exception', whole: false },
  { text: 'The file {file} does not exist on the file server', whole: true },
  { text: 'Duplicate import task {id}', whole: true },
  { text: 'Invalid time format in row {row}: "{date}"', whole: false },
  { text: '文件{file}编码格式错误，请使用UTF-8编码', whole: true },
  { text: '文件记录数{n}超过500000条', whole: true },
  { text: '第{row}行列数不匹配：期望{col}列', whole: true },
  { text: '号码{n}在黑名单中', whole: false },
  { text: '外呼活动状态为已暂停，不允许导入', whole: true },
]

/** Why a blacklist file import fails (the blackfile interface's own causes). */
export const BLACKLIST_FAILURE_MESSAGES: readonly { text: string; whole: boolean }[] = [
  { text: 'The number 13800138000 is already in the blacklist', whole: false },
  { text: 'File format error: the number in row 12 is not in a valid format', whole: false },
  { text: 'File encoding error: the file is not UTF-8 encoded', whole: true },
  { text: 'The file does not exist on the file server', whole: true },
]

/**
 * A failure's text with its slots filled, drawn from its own generator seeded by the task (so the
 * main stream, and with it every id and number of a dataset, does not move).
 */
export function failureText(template: string, taskSeed: number, at: number): string {
  if (!template.includes('{')) return template
  const rng = mulberry32(taskSeed)
  return template.replace(/\{(n|row|col|file|id|date)\}/g, (_, slot: string) => {
    switch (slot) {
      case 'n':
        return String(randomInt(rng, 2, 600_000))
      case 'row':
        return String(randomInt(rng, 2, 50_000))
      case 'col':
        return String(randomInt(rng, 1, 12))
      case 'file':
        return `calldata_${formatSimTime(at, 'plain', 0).slice(0, 10).replaceAll('-', '')}_${randomInt(rng, 1, 999)}.csv`
      case 'id':
        return makeTaskId(at, rng, randomInt(rng, 0, 999_999))
      default:
        return formatSimTime(at - randomInt(rng, 0, 86_400) * 1000, 'plain', 0)
    }
  })
}

const MINUTE = 60_000
const SPAN_MS = 28 * 24 * 60 * MINUTE
const OPERATORS = ['admin', 'supervisor01', 'supervisor02', 'ops_zhang', 'ops_li']

/** 13-digit ms timestamp + 11 random digits + 6-digit sequence: unique per sequence number. */
export function makeTaskId(ms: number, rng: Rng, sequence: number): string {
  const random =
    String(Math.floor(rng() * 1e6)).padStart(6, '0') +
    String(Math.floor(rng() * 1e5)).padStart(5, '0')
  return String(ms).padStart(13, '0').slice(-13) + random + String(sequence % 1e6).padStart(6, '0')
}

/** Records in one file: skewed towards a few thousand, up to ~100k. */
function fileSize(rng: Rng): number {
  return Math.floor(500 * Math.pow(200, rng() * rng()))
}

/** Splits `processed` records into duplicates, failures, blacklisted and successes. */
export function splitRecords(
  rng: Rng,
  processed: number,
  withBlackNum: boolean,
): { succNum: number; repeatNum: number; failNum: number; blackNum: number } {
  const repeatNum = Math.floor(processed * rng() * 0.04)
  const failNum = rng() < 0.3 ? 0 : Math.floor(processed * rng() * 0.02)
  const blackNum = withBlackNum ? Math.floor(processed * rng() * 0.01) : 0
  return { succNum: processed - repeatNum - failNum - blackNum, repeatNum, failNum, blackNum }
}

/** Builds a task object with the key order of Huawei's sample response. */
export function buildRawTask(fields: {
  id: string
  beginTime: string
  endTime: string
  status: string | number
  succNum: number
  repeatNum: number
  failNum: number
  blackNum?: number
  errMsg: string | number | null
}): RawTask {
  const task: RawTask = {
    succNum: fields.succNum,
    failNum: fields.failNum,
    errMsg: fields.errMsg,
    id: fields.id,
    beginTime: fields.beginTime,
    endTime: fields.endTime,
    repeatNum: fields.repeatNum,
    status: fields.status,
  }
  if (fields.blackNum !== undefined) task.blackNum = fields.blackNum
  return task
}

export function generateCampaignTasks(options: DatasetOptions): RawTask[] {
  const { seed, now } = options
  const count = Math.max(0, Math.min(MAX_TASKS, Math.floor(options.count)))
  const quirks = options.quirks ?? true
  const withBlackNum = options.withBlackNum ?? false
  const offset = options.utcOffsetMinutes ?? 0
  const timeFormat = options.timeFormat ?? (quirks ? 'mixed' : 'iso')
  const inProgress = Math.min(count, options.inProgress ?? Math.min(3, Math.floor(count / 50)))
  // Quirks draw from their own stream so switching them off leaves ids and numbers unchanged.
  const rng = mulberry32(seed)
  const quirkRng = mulberry32(seed ^ 0x9e3779b9)

  const begins = new Array<number>(count)
  const tasks = new Array<RawTask>(count)
  for (let i = 0; i < count; i++) {
    const running = i < inProgress
    const beginMs = running
      ? now - (i * 7 + randomInt(rng, 1, 5)) * MINUTE
      : now - 30 * MINUTE - Math.floor(rng() * SPAN_MS)
    const begin = Math.floor(beginMs / 1000) * 1000
    const id = makeTaskId(begin + randomInt(rng, 0, 999), rng, i)
    const total = fileSize(rng)
    const format: TimeFormat =
      timeFormat === 'mixed' ? (quirkRng() < 0.7 ? 'iso' : 'plain') : timeFormat
    const time = (ms: number): string => formatSimTime(ms, format, offset)

    let status: string
    let processed: number
    let errMsg: string | number | null = ''
    let endTime = ''
    if (running) {
      status = i === 0 && inProgress >= 2 ? '0' : '1'
      processed = status === '0' ? 0 : Math.floor(total * (0.1 + rng() * 0.6))
    } else if (rng() < (options.failureRate ?? 0.08)) {
      const failure = pick(rng, options.failureMessages ?? FAILURE_MESSAGES)
      status = '3'
      errMsg = failureText(failure.text, (seed ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0, begin)
      processed = failure.whole ? 0 : Math.floor(total * rng())
      endTime = time(begin + randomInt(rng, 1, 5) * 1000 + processed)
    } else {
      status = '2'
      processed = total
      endTime = time(begin + Math.max(1000, Math.floor((total / randomInt(rng, 800, 2000)) * 1000)))
    }
    const split = splitRecords(rng, processed, withBlackNum)

    if (quirks && status !== '3') {
      const r = quirkRng()
      errMsg = r < 0.7 ? '' : r < 0.85 ? 0 : null
    }
    const numericStatus = quirks && (quirkRng() < 0.05 || (i === 10 && count >= 20))
    const task = buildRawTask({
      id,
      beginTime: time(begin),
      endTime,
      status: numericStatus ? Number(status) : status,
      succNum: split.succNum,
      repeatNum: split.repeatNum,
      failNum: split.failNum,
      ...(withBlackNum ? { blackNum: split.blackNum } : {}),
      errMsg,
    })
    if (quirks && quirkRng() < 0.1) {
      task.fileName = `calldata_${formatSimTime(begin, 'plain', offset).slice(0, 10).replaceAll('-', '')}_${i}.csv`
      task.operator = pick(quirkRng, OPERATORS)
    }
    begins[i] = begin
    tasks[i] = task
  }

  // Newest first; ties keep generation order (stable sort).
  const order = Array.from({ length: count }, (_, i) => i)
  order.sort((a, b) => begins[b]! - begins[a]!)
  return order.map((i) => tasks[i]!)
}
