import { describe, expect, it } from 'vitest'
import { visibleColumnKeys } from './column-priority'
import {
  OVERVIEW_COLUMN_PRIORITY,
  OVERVIEW_COLUMN_WIDTH,
  OVERVIEW_SORT_COLUMNS,
} from './overview-table'
import { ERROR_MIN_WIDTH, WINDOW_COLUMNS } from './window-columns'

const ESSENTIAL = ['status', 'beginAt', 'failNum', 'errMsg']

/** The task table's columns (blackNum sent) shown in `width` px. */
function shownAt(width: number | null): string[] {
  const columns = WINDOW_COLUMNS.map((c) => ({
    key: c.column,
    priority: c.priority,
    width: c.width,
  }))
  const keys = visibleColumnKeys(columns, width)
  return WINDOW_COLUMNS.map((c) => c.column).filter((k) => keys.has(k))
}

const widthOf = (keys: string[]) =>
  keys.reduce((sum, k) => sum + (WINDOW_COLUMNS.find((c) => c.column === k)?.width ?? 0), 0)

describe('visibleColumnKeys', () => {
  it('shows every column before the width is known', () => {
    expect(shownAt(null)).toEqual(WINDOW_COLUMNS.map((c) => c.column))
  })

  it('keeps status, begin, failed and error message however narrow the table is', () => {
    expect(shownAt(100)).toEqual(['status', 'beginAt', 'failNum', 'errMsg'])
  })

  it('fits a 1024-px window with the sidebar open: the essentials plus succeeded and rate', () => {
    // 1024 − 272 (sidebar) − 32 (padding) = 720 px of table.
    expect(shownAt(720)).toEqual([
      'status',
      'beginAt',
      'succNum',
      'failNum',
      'successRate',
      'errMsg',
    ])
  })

  it('adds the id and duration when the sidebar is collapsed at 1024 px', () => {
    expect(shownAt(990)).toEqual([
      'id',
      'status',
      'beginAt',
      'duration',
      'succNum',
      'failNum',
      'successRate',
      'errMsg',
    ])
  })

  it('shows every column once they all fit, the error message at its least width', () => {
    const all = WINDOW_COLUMNS.map((c) => c.column)
    expect(shownAt(widthOf(all))).toEqual(all)
    expect(shownAt(widthOf(all) - 1)).not.toContain('blackNum')
  })

  it('never takes more width than it has, once the essentials fit', () => {
    for (let width = widthOf(ESSENTIAL); width <= 1600; width += 7) {
      const shown = shownAt(width)
      expect(widthOf(shown)).toBeLessThanOrEqual(width)
      for (const k of ESSENTIAL) expect(shown).toContain(k)
    }
  })

  it('drops a column only after every less important one is gone', () => {
    let before = shownAt(2000)
    for (let width = 1999; width > 0; width -= 3) {
      const now = shownAt(width)
      // Narrower never shows a column wider one did not.
      for (const k of now) expect(before).toContain(k)
      const priorities = (keys: string[]) =>
        keys.map((k) => WINDOW_COLUMNS.find((c) => c.column === k)?.priority ?? 0)
      const hidden = before.filter((k) => !now.includes(k))
      if (hidden.length)
        expect(Math.min(...priorities(hidden))).toBeGreaterThanOrEqual(Math.max(...priorities(now)))
      before = now
    }
  })

  it('gives the error message at least its least width among the shown columns', () => {
    expect(ERROR_MIN_WIDTH).toBeGreaterThanOrEqual(240)
    expect(WINDOW_COLUMNS.find((c) => c.column === 'errMsg')?.width).toBe(ERROR_MIN_WIDTH)
  })

  it('keeps the columns in their own order, not in priority order', () => {
    const keys = visibleColumnKeys(
      [
        { key: 'a', priority: 3, width: 10 },
        { key: 'b', priority: 1, width: 10 },
        { key: 'c', priority: 2, width: 10 },
      ],
      20,
    )
    expect([...keys]).toEqual(['b', 'c'])
  })
})

describe('visibleColumnKeys for the overview table', () => {
  const shownAt = (width: number) =>
    [
      ...visibleColumnKeys(
        OVERVIEW_SORT_COLUMNS.map((key) => ({
          key,
          priority: OVERVIEW_COLUMN_PRIORITY[key],
          width: OVERVIEW_COLUMN_WIDTH[key],
        })),
        width,
      ),
    ].sort()

  it('keeps health, campaign, failed today, rate and importing at 1024 px with the sidebar', () => {
    expect(shownAt(720)).toEqual(
      ['campaign', 'failedToday', 'health', 'importing', 'successRate'].sort(),
    )
  })

  it('adds preparing and failed records at 1280 px with the sidebar', () => {
    expect(shownAt(976)).toEqual(
      [
        'campaign',
        'failed',
        'failedToday',
        'health',
        'importing',
        'preparing',
        'successRate',
      ].sort(),
    )
  })

  it('drops only the last import in a window a little narrower than every column', () => {
    const all = OVERVIEW_SORT_COLUMNS.reduce((sum, k) => sum + OVERVIEW_COLUMN_WIDTH[k], 0)
    expect(shownAt(all)).toEqual([...OVERVIEW_SORT_COLUMNS].sort())
    expect(shownAt(all - 1)).toEqual(
      OVERVIEW_SORT_COLUMNS.filter((k) => k !== 'lastImportAt').sort(),
    )
  })
})
