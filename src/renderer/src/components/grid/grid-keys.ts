/**
 * Keyboard moves inside a data grid (WAI-ARIA APG "data grid"): the grid is one tab stop and the
 * keys move the focused cell. Row -1 is the header row.
 */

export interface GridPos {
  row: number
  col: number
}

export interface GridSize {
  rows: number
  cols: number
  /** Rows a page key moves (the rows that fit on screen). */
  pageRows: number
}

export interface KeyInput {
  key: string
  ctrlKey?: boolean
  metaKey?: boolean
}

/** Where `key` moves the focus from `pos`; null: not a move key (let it do what it does). */
export function moveFocus(pos: GridPos, e: KeyInput, size: GridSize): GridPos | null {
  const lastRow = size.rows - 1 // -1 when empty: only the header
  const lastCol = Math.max(0, size.cols - 1)
  const ctrl = e.ctrlKey === true || e.metaKey === true
  const page = Math.max(1, size.pageRows)
  const clampRow = (r: number) => Math.max(-1, Math.min(lastRow, r))
  const bodyRow = (r: number) => (lastRow < 0 ? -1 : Math.max(0, Math.min(lastRow, r)))
  switch (e.key) {
    case 'ArrowDown':
      return { row: clampRow(pos.row + 1), col: pos.col }
    case 'ArrowUp':
      return { row: clampRow(pos.row - 1), col: pos.col }
    case 'ArrowRight':
      return { row: pos.row, col: Math.min(lastCol, pos.col + 1) }
    case 'ArrowLeft':
      return { row: pos.row, col: Math.max(0, pos.col - 1) }
    case 'Home':
      return ctrl ? { row: bodyRow(0), col: 0 } : { row: pos.row, col: 0 }
    case 'End':
      return ctrl ? { row: bodyRow(lastRow), col: lastCol } : { row: pos.row, col: lastCol }
    case 'PageDown':
      return { row: bodyRow(pos.row + page), col: pos.col }
    case 'PageUp':
      // From the header there is nowhere further up; from the body, a page up stops at row 0.
      return { row: pos.row < 0 ? -1 : bodyRow(pos.row - page), col: pos.col }
    default:
      return null
  }
}

/** The next sort of a header click: largest or newest first, then the other way, then none. */
export function nextSort<S extends { key: string; order: 'ascend' | 'descend' }>(
  current: S | null,
  key: string,
): { key: string; order: 'ascend' | 'descend' } | null {
  if (!current || current.key !== key) return { key, order: 'descend' }
  if (current.order === 'descend') return { key, order: 'ascend' }
  return null
}
