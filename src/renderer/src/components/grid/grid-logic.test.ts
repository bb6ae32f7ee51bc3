import { moveFocus, nextSort } from './grid-keys'
import { rowWindow, scrollTopToShow } from './grid-window'

const size = { rows: 100, cols: 5, pageRows: 10 }

describe('grid keys', () => {
  it('arrows move one cell and stop at the edges; up from the first row reaches the header', () => {
    expect(moveFocus({ row: 3, col: 2 }, { key: 'ArrowDown' }, size)).toEqual({ row: 4, col: 2 })
    expect(moveFocus({ row: 0, col: 2 }, { key: 'ArrowUp' }, size)).toEqual({ row: -1, col: 2 })
    expect(moveFocus({ row: -1, col: 2 }, { key: 'ArrowUp' }, size)).toEqual({ row: -1, col: 2 })
    expect(moveFocus({ row: 99, col: 2 }, { key: 'ArrowDown' }, size)).toEqual({ row: 99, col: 2 })
    expect(moveFocus({ row: 3, col: 4 }, { key: 'ArrowRight' }, size)).toEqual({ row: 3, col: 4 })
    expect(moveFocus({ row: 3, col: 0 }, { key: 'ArrowLeft' }, size)).toEqual({ row: 3, col: 0 })
    expect(moveFocus({ row: 3, col: 1 }, { key: 'ArrowRight' }, size)).toEqual({ row: 3, col: 2 })
  })

  it('Home and End go to the row’s ends, with Ctrl to the grid’s first and last cell', () => {
    expect(moveFocus({ row: 5, col: 2 }, { key: 'Home' }, size)).toEqual({ row: 5, col: 0 })
    expect(moveFocus({ row: 5, col: 2 }, { key: 'End' }, size)).toEqual({ row: 5, col: 4 })
    const home = { key: 'Home', ctrlKey: true }
    expect(moveFocus({ row: 5, col: 2 }, home, size)).toEqual({ row: 0, col: 0 })
    const end = { key: 'End', ctrlKey: true }
    expect(moveFocus({ row: 5, col: 2 }, end, size)).toEqual({ row: 99, col: 4 })
  })

  it('page keys move a screenful of rows, never past the first or last row', () => {
    expect(moveFocus({ row: 5, col: 1 }, { key: 'PageDown' }, size)).toEqual({ row: 15, col: 1 })
    expect(moveFocus({ row: 95, col: 1 }, { key: 'PageDown' }, size)).toEqual({ row: 99, col: 1 })
    expect(moveFocus({ row: 5, col: 1 }, { key: 'PageUp' }, size)).toEqual({ row: 0, col: 1 })
    expect(moveFocus({ row: -1, col: 1 }, { key: 'PageDown' }, size)).toEqual({ row: 9, col: 1 })
  })

  it('an empty grid keeps the focus in the header; other keys are not moves', () => {
    const empty = { rows: 0, cols: 5, pageRows: 10 }
    expect(moveFocus({ row: -1, col: 1 }, { key: 'ArrowDown' }, empty)).toEqual({ row: -1, col: 1 })
    expect(moveFocus({ row: -1, col: 1 }, { key: 'End', ctrlKey: true }, empty)).toEqual({
      row: -1,
      col: 4,
    })
    expect(moveFocus({ row: 2, col: 1 }, { key: 'Enter' }, size)).toBeNull()
  })

  it('a header click sorts largest first, then the other way, then back to no sort', () => {
    expect(nextSort(null, 'a')).toEqual({ key: 'a', order: 'descend' })
    expect(nextSort({ key: 'b', order: 'ascend' }, 'a')).toEqual({ key: 'a', order: 'descend' })
    expect(nextSort({ key: 'a', order: 'descend' }, 'a')).toEqual({ key: 'a', order: 'ascend' })
    expect(nextSort({ key: 'a', order: 'ascend' }, 'a')).toBeNull()
  })
})

describe('grid window', () => {
  it('covers the visible rows plus the overscan, clamped to the data', () => {
    expect(rowWindow(0, 360, 36, 100_000, 5)).toEqual({ start: 0, end: 15 })
    expect(rowWindow(36 * 1000 + 10, 360, 36, 100_000, 5)).toEqual({ start: 995, end: 1016 })
    expect(rowWindow(36 * 99_990, 360, 36, 100_000, 5)).toEqual({ start: 99_985, end: 100_000 })
    expect(rowWindow(500, 360, 36, 0, 5)).toEqual({ start: 0, end: 0 })
  })

  it('scrolls as little as shows a row whole below the sticky header', () => {
    // Scroller 400 high, header 40: rows 0..9 fit (36 px each) at scrollTop 0.
    expect(scrollTopToShow(5, 0, 400, 40, 36)).toBe(0)
    expect(scrollTopToShow(10, 0, 400, 40, 36)).toBe(40 + 11 * 36 - 400)
    expect(scrollTopToShow(3, 36 * 20, 400, 40, 36)).toBe(36 * 3)
  })
})
