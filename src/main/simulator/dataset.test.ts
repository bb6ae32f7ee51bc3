import { normaliseMessage } from '../../shared/triage/normalise'
import {
  FAILURE_MESSAGES,
  failureText,
  generateCampaignTasks,
  MAX_TASKS,
  type RawTask,
} from './dataset'
import { parseSimTime, timeFormatOf } from './sim-time'

const NOW = Date.parse('2024-06-01T08:00:00Z')
const base = { seed: 7, count: 2000, now: NOW }

describe('generateCampaignTasks', () => {
  it('is deterministic: same options, same tasks; another seed, other tasks', () => {
    expect(generateCampaignTasks(base)).toEqual(generateCampaignTasks(base))
    const other = generateCampaignTasks({ ...base, seed: 8 })
    expect(other.map((t) => t.id)).not.toEqual(generateCampaignTasks(base).map((t) => t.id))
  })

  it('handles 0 tasks and 100,000 tasks with unique 30-digit ids, quickly', () => {
    expect(generateCampaignTasks({ ...base, count: 0 })).toEqual([])
    const started = performance.now()
    const big = generateCampaignTasks({ ...base, count: MAX_TASKS })
    expect(performance.now() - started).toBeLessThan(3000)
    expect(big).toHaveLength(MAX_TASKS)
    expect(new Set(big.map((t) => t.id)).size).toBe(MAX_TASKS)
    expect(big.every((t) => /^\d{30}$/.test(t.id))).toBe(true)
  })

  it('orders tasks newest beginTime first', () => {
    const begins = generateCampaignTasks(base).map((t) => parseSimTime(t.beginTime))
    expect(begins.every((b, i) => i === 0 || b <= begins[i - 1]!)).toBe(true)
  })

  it('makes a realistic mix of statuses with consistent times and counts', () => {
    const tasks = generateCampaignTasks(base)
    const by = (s: string) => tasks.filter((t) => String(t.status) === s)
    expect(by('2').length).toBeGreaterThan(tasks.length * 0.8)
    expect(by('3').length).toBeGreaterThan(tasks.length * 0.03)
    expect(by('0')).toHaveLength(1)
    expect(by('1')).toHaveLength(2)
    expect(tasks.slice(0, 3).map((t) => String(t.status))).toEqual(['0', '1', '1'])
    for (const t of [...by('0'), ...by('1')]) expect(t.endTime).toBe('')
    for (const t of [...by('2'), ...by('3')]) {
      expect(parseSimTime(t.endTime)).toBeGreaterThan(parseSimTime(t.beginTime))
      expect(timeFormatOf(t.endTime)).toBe(timeFormatOf(t.beginTime))
    }
    // Each failed task's text is one of the templates with its slots filled.
    const templates = FAILURE_MESSAGES.map(
      (f) =>
        new RegExp(
          `^${f.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{\w+\\\}/g, '.+')}$`,
        ),
    )
    for (const t of by('3')) {
      expect(
        templates.some((re) => re.test(String(t.errMsg))),
        String(t.errMsg),
      ).toBe(true)
    }
    expect(by('3').every((t) => !String(t.errMsg).includes('{'))).toBe(true)
    const done = by('2')
    const mean = done.reduce((sum, t) => sum + t.succNum, 0) / done.length
    expect(mean).toBeGreaterThan(1000)
    expect(done.some((t) => t.repeatNum > 0 && t.failNum > 0)).toBe(true)
    const oldest = Math.min(...tasks.map((t) => parseSimTime(t.beginTime)))
    expect(NOW - oldest).toBeGreaterThan(14 * 86_400_000)
  })

  it('includes every documented quirk by default', () => {
    const tasks = generateCampaignTasks(base)
    expect(tasks.some((t) => typeof t.status === 'number')).toBe(true)
    expect(tasks.some((t) => t.errMsg === '')).toBe(true)
    expect(tasks.some((t) => t.errMsg === 0)).toBe(true)
    expect(tasks.some((t) => t.errMsg === null)).toBe(true)
    expect(tasks.some((t) => timeFormatOf(t.beginTime) === 'iso')).toBe(true)
    expect(tasks.some((t) => timeFormatOf(t.beginTime) === 'plain')).toBe(true)
    expect(tasks.some((t) => 'fileName' in t && 'operator' in t)).toBe(true)
    expect(tasks.every((t) => !('blackNum' in t))).toBe(true)
    expect(tasks.find((t) => timeFormatOf(t.beginTime) === 'iso')?.beginTime).toMatch(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000\+00:00$/,
    )
  })

  it('has a numeric status even in a small dataset', () => {
    expect(
      generateCampaignTasks({ ...base, count: 20 }).some((t) => typeof t.status === 'number'),
    ).toBe(true)
  })

  it('switches quirks off without changing ids or numbers', () => {
    const plain = generateCampaignTasks({ ...base, quirks: false })
    const quirky = generateCampaignTasks(base)
    const known = new Set([
      'succNum',
      'failNum',
      'errMsg',
      'id',
      'beginTime',
      'endTime',
      'repeatNum',
      'status',
    ])
    expect(
      plain.every((t) => typeof t.status === 'string' && Object.keys(t).every((k) => known.has(k))),
    ).toBe(true)
    expect(plain.every((t) => typeof t.errMsg === 'string')).toBe(true)
    expect(plain.every((t) => timeFormatOf(t.beginTime) === 'iso')).toBe(true)
    const pick = (t: RawTask) => [t.id, t.succNum, t.repeatNum, t.failNum, String(t.status)]
    expect(new Set(plain.map((t) => pick(t).join()))).toEqual(
      new Set(quirky.map((t) => pick(t).join())),
    )
  })

  it('adds blackNum to every task with withBlackNum', () => {
    const tasks = generateCampaignTasks({ ...base, withBlackNum: true })
    expect(tasks.every((t) => typeof t.blackNum === 'number')).toBe(true)
    expect(tasks.some((t) => (t.blackNum ?? 0) > 0)).toBe(true)
  })

  it('honours inProgress and a plain time format in server local time', () => {
    const tasks = generateCampaignTasks({
      ...base,
      count: 10,
      inProgress: 4,
      timeFormat: 'plain',
      utcOffsetMinutes: 480,
    })
    expect(tasks.filter((t) => ['0', '1'].includes(String(t.status)))).toHaveLength(4)
    expect(tasks.every((t) => timeFormatOf(t.beginTime) === 'plain')).toBe(true)
    const newest = parseSimTime(tasks[0]!.beginTime, 480)
    expect(NOW - newest).toBeGreaterThan(0)
    expect(NOW - newest).toBeLessThan(10 * 60_000)
  })
})

describe('failure texts', () => {
  it('give one cause key per template whatever fills its slots, and no two templates share one', () => {
    const keys = FAILURE_MESSAGES.map((f) => {
      const variants = [1, 2, 3, 99].map((seed) =>
        normaliseMessage(failureText(f.text, seed, NOW - seed * 3_600_000)),
      )
      expect(new Set(variants).size, f.text).toBe(1)
      return variants[0]
    })
    expect(new Set(keys).size).toBe(FAILURE_MESSAGES.length)
  })
})
