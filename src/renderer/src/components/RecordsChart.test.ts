import { recordsOverTime } from '../logic/summary'
import { task } from '../testing/fake-isales'
import { mountUi } from '../testing/mount'
import RecordsChart from './RecordsChart.vue'

const T0 = Date.UTC(2026, 4, 14, 8, 0, 0)

function chartOf(...tasks: Parameters<typeof task>[1][]) {
  const chart = recordsOverTime(tasks.map((over, k) => task(String(k + 1), over)))
  return mountUi(RecordsChart, { props: { chart } })
}

describe('RecordsChart', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('one task without records says so in plain words, never the screen-reader sentence', () => {
    const w = chartOf({ beginAt: T0, status: '0', succNum: 0, repeatNum: 0, failNum: 0 })
    expect(w.find('svg').exists()).toBe(false)
    expect(w.get('[data-testid=summary-chart-empty]').text()).toBe(
      'No records yet in the shown tasks',
    )
    expect(w.text()).not.toContain('Records of the shown tasks by begin time')
  })

  it('no dated task: the empty text says there is nothing to chart', () => {
    const w = chartOf({ beginAt: null })
    expect(w.get('[data-testid=summary-chart-empty]').text()).toBe(
      'No task with a begin time to chart',
    )
  })

  it('one task with records draws one bar of normal width in the middle, named for screen readers', () => {
    const w = chartOf({ beginAt: T0, succNum: 8, repeatNum: 1, failNum: 1 })
    const svg = w.get('svg')
    expect(svg.attributes('aria-label')).toMatch(/^Records of the shown tasks by begin time/)
    // The sentence is the drawing's name only: nothing shows it as text.
    expect(w.text()).not.toContain('Records of the shown tasks by begin time')
    const groups = svg.findAll('g')
    expect(groups).toHaveLength(1)
    const rect = groups[0]!.get('rect')
    const x = Number(rect.attributes('x'))
    const width = Number(rect.attributes('width'))
    expect(width).toBeGreaterThanOrEqual(4)
    expect(width).toBeLessThanOrEqual(24)
    expect(x + width / 2).toBeCloseTo(240 / 2)
  })

  it('many tasks keep thin bars side by side across the chart', () => {
    const w = chartOf(
      ...Array.from({ length: 80 }, (_, k) => ({ beginAt: T0 + k * 60_000, succNum: k + 1 })),
    )
    const rects = w.findAll('g').map((g) => g.get('rect'))
    expect(rects).toHaveLength(40)
    expect(Number(rects[0]!.attributes('x'))).toBeLessThan(1)
    expect(Number(rects[39]!.attributes('x')) + Number(rects[39]!.attributes('width'))).toBeCloseTo(
      240 - 0.5,
    )
  })

  it('duplicates and failed records differ by pattern, not colour only, and a legend names all three with the same fills', () => {
    const w = chartOf({ beginAt: T0, succNum: 8, repeatNum: 3, failNum: 2 })
    const [succ, dup, fail] = w
      .get('svg g')
      .findAll('rect')
      .map((r) => r.attributes('fill'))
    expect(succ).not.toMatch(/^url\(/)
    expect(dup).toMatch(/^url\(#.+-dup\)$/)
    expect(fail).toMatch(/^url\(#.+-fail\)$/)
    // Each pattern exists in the drawing and holds more than a flat colour.
    for (const ref of [dup!, fail!]) {
      const id = ref.slice('url(#'.length, -1)
      const pattern = w.find(`pattern[id="${id}"]`)
      expect(pattern.exists(), id).toBe(true)
      expect(pattern.findAll('rect, path').length).toBeGreaterThan(1)
    }
    const legend = w.get('[data-testid=summary-chart-legend]')
    const items = legend.findAll('li')
    expect(items.map((li) => li.text())).toEqual(['Succeeded', 'Duplicates', 'Failed'])
    expect(items.map((li) => li.get('rect').attributes('fill'))).toEqual([succ, dup, fail])
  })

  it('no legend when there is no drawing', () => {
    const w = chartOf({ beginAt: null })
    expect(w.find('[data-testid=summary-chart-legend]').exists()).toBe(false)
  })
})
