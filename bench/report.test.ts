import { formatReport, formatSection, ratio, spliceReport, BEGIN, END } from './report'
import { median, percentile, passes, type Machine, type Section } from './lib/results'

const machine: Machine = {
  date: '2026-12-02T12:00:00.000Z',
  commit: 'abc1234def56',
  cpuModel: 'Test CPU',
  cores: 2,
  node: 'v20.20.2',
  chromium: '150.0',
  loadavgStart: [1, 0.5, 0.25],
  loadavgEnd: [2, 1, 0.5],
}

const section: Section = {
  id: '1-window-050000',
  title: 'Window at 50,000 tasks',
  rows: [
    { name: 'Status filter', unit: 'ms', samples: [40, 20, 25], target: { max: 30 } },
    { name: 'Sort', unit: 'ms', samples: [50, 35, 45], target: { max: 30 } },
    {
      name: 'Refresh',
      unit: 'KB',
      samples: [0.5],
      target: { max: 1 },
      naive: { label: 'whole snapshot', value: 13_000 },
    },
  ],
  notes: ['a note'],
}

describe('the benchmark report', () => {
  it('takes the median of the samples and nearest-rank percentiles', () => {
    expect(median([40, 20, 25])).toBe(25)
    expect(median([1, 2, 3, 4])).toBe(2.5)
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10)
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5)
  })

  it('judges a median against an upper and a lower target', () => {
    expect(passes(25, { max: 30 })).toBe(true)
    expect(passes(31, { max: 30 })).toBe(false)
    expect(passes(4, { min: 5 })).toBe(false)
    expect(passes(4, undefined)).toBeNull()
  })

  it('writes one table row per measure with its median, target, verdict, naive figure and ratio', () => {
    const lines = formatSection(section).split('\n')
    expect(lines).toContain('| Status filter | 25.0 ms (3) | ≤ 30.0 ms | pass | – | – |')
    expect(lines).toContain('| Sort | 45.0 ms (3) | ≤ 30.0 ms | **FAIL** | – | – |')
    expect(lines).toContain(
      '| Refresh | 0.50 KB (1) | ≤ 1.00 KB | pass | whole snapshot: 13000 KB | 26000× |',
    )
    expect(lines).toContain('- a note')
  })

  it('takes the naive figure from the recorded baseline when the run has none', () => {
    const text = formatSection(section, {
      commit: '8106da4a2cfa',
      date: '2026-12-02',
      rows: { '1-window-050000/Status filter': 150 },
    })
    expect(text).toContain(
      '| Status filter | 25.0 ms (3) | ≤ 30.0 ms | pass | before (8106da4): 150 ms | 6.0× |',
    )
  })

  it('says the ratio of the naive figure to the measured one', () => {
    expect(ratio(25, 150)).toBe('6.0×')
    expect(ratio(0, 150)).toBe('–')
  })

  it('records the machine and its load, counts the missed targets, and replaces only its own part', () => {
    const generated = formatReport([section], machine, null)
    expect(generated).toContain('Test CPU, 2 cores, Node v20.20.2, Chromium 150.0')
    expect(generated).toContain('at the start 1.00 / 0.50 / 0.25, at the end 2.00 / 1.00 / 0.50')
    expect(generated).toContain('3 targets measured, 1 missed.')
    const doc = `# Benchmarks\n\nMethod text.\n\n${BEGIN}\nold\n${END}\n\nAfter.\n`
    const next = spliceReport(doc, generated)
    expect(next).toContain('Method text.')
    expect(next).toContain('After.')
    expect(next).not.toContain('\nold\n')
    expect(next.split(BEGIN)).toHaveLength(2)
  })
})
