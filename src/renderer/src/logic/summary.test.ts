import { task } from '../testing/fake-isales'
import { campaignState, recordsOverTime, summarize } from './summary'

describe('summary', () => {
  const tasks = [
    task('1', { status: '2', succNum: 80, repeatNum: 10, failNum: 10, blackNum: 3 }),
    task('2', { status: '3', succNum: 0, repeatNum: 0, failNum: 0 }),
    task('3', { status: '1', succNum: 20, repeatNum: 0, failNum: 0, blackNum: 1 }),
  ]

  it('counts tasks per status and totals records', () => {
    const s = summarize(tasks)
    expect(s.total).toBe(3)
    expect(s.byStatus).toEqual({ '0': 0, '1': 1, '2': 1, '3': 1 })
    expect([s.succeeded, s.duplicates, s.failed, s.blacklisted]).toEqual([100, 10, 10, 4])
    expect(s.successRate).toBeCloseTo(100 / 120)
  })

  it('has no success rate without records', () => {
    expect(summarize([]).successRate).toBeNull()
    expect(summarize([task('1', { succNum: 0, repeatNum: 0, failNum: 0 })]).successRate).toBeNull()
  })

  it('charts records by begin-time bucket and counts undated tasks', () => {
    const t0 = Date.UTC(2025, 0, 1)
    const chart = recordsOverTime(
      [
        task('1', { beginAt: t0, succNum: 1, repeatNum: 2, failNum: 3 }),
        task('2', { beginAt: t0 + 1000, succNum: 10, repeatNum: 0, failNum: 0 }),
        task('3', { beginAt: t0 + 9999, succNum: 5, repeatNum: 0, failNum: 0 }),
        task('4', { beginAt: null }),
      ],
      10,
    )
    expect(chart.bars).toHaveLength(10)
    expect(chart.undated).toBe(1)
    expect(chart.bars[0]).toMatchObject({ tasks: 1, succeeded: 1, duplicates: 2, failed: 3 })
    expect(chart.bars[1]).toMatchObject({ tasks: 1, succeeded: 10 })
    expect(chart.bars[9]).toMatchObject({ tasks: 1, succeeded: 5 })
    expect(chart.max).toBe(10)
    expect(recordsOverTime([task('x', { beginAt: null })]).bars).toEqual([])
  })

  it('charts tasks that all began at one moment as one bar', () => {
    const t0 = Date.UTC(2025, 0, 1)
    const one = recordsOverTime([task('1', { beginAt: t0, succNum: 7, repeatNum: 1, failNum: 2 })])
    expect(one.bars).toEqual([
      { from: t0, to: t0 + 1, tasks: 1, succeeded: 7, duplicates: 1, failed: 2 },
    ])
    expect(one.max).toBe(10)
    const same = recordsOverTime([task('1', { beginAt: t0 }), task('2', { beginAt: t0 })])
    expect(same.bars).toHaveLength(1)
    expect(same.bars[0]!.tasks).toBe(2)
  })

  it('campaign dot: offline, then running, then failed, else done', () => {
    expect(campaignState(tasks, { offline: true })).toBe('offline')
    expect(campaignState(null, { offline: false })).toBe('unknown')
    expect(campaignState(tasks, { offline: false })).toBe('running')
    expect(campaignState(tasks.slice(0, 2), { offline: false })).toBe('failed')
    expect(campaignState(tasks.slice(0, 1), { offline: false })).toBe('done')
  })
})
