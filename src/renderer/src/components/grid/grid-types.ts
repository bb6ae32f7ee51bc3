/** The generic virtual grid's column and sort shapes (VirtualGrid.vue). */
import type { VNodeChild } from 'vue'

export type GridSortOrder = 'ascend' | 'descend'

export interface GridSort {
  key: string
  order: GridSortOrder
}

export interface GridColumn<T> {
  key: string
  /** The column's full name: the header's text, or its tooltip when `shortTitle` is shown. */
  title: string
  /** A shorter header for a narrow column. */
  shortTitle?: string
  /** Width in px; a `grow` column takes what is left over, never less than this. */
  width: number
  grow?: boolean
  align?: 'left' | 'right'
  sortable?: boolean
  /** The cell's content: plain elements only (no components), rendered for visible rows only. */
  render: (row: T) => VNodeChild
  /** Text for the shared tooltip, whenever the cell is hovered or focused. */
  tip?: (row: T) => string | null
  /**
   * Text for the shared tooltip when the cell's text is cut (its `.vg-clip` element, else the
   * cell, is narrower than its content): measured for that one cell, on hover or focus.
   */
  overflowTip?: (row: T) => string
}

/**
 * Marks the one button of a cell that Enter (or Space) on the focused cell presses, instead of
 * activating the row (the ARIA grid pattern's cell holding a single widget). The button itself
 * stays out of the tab order (tabindex -1): the grid is one tab stop.
 */
export const GRID_ENTER_ATTR = 'data-grid-enter'
