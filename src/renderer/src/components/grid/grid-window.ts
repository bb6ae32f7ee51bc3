/** Which rows a fixed-row-height virtual grid renders: O(1), whatever the number of rows. */

export interface RowWindow {
  /** First rendered row (inclusive). */
  start: number
  /** Past the last rendered row (exclusive). */
  end: number
}

/**
 * The rows visible in a body `viewport` px high scrolled to `scrollTop` (rows of `rowHeight`
 * px), plus `overscan` rows on each side so a small scroll shows rows already there.
 */
export function rowWindow(
  scrollTop: number,
  viewport: number,
  rowHeight: number,
  count: number,
  overscan: number,
): RowWindow {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0 }
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight)
  const last = Math.ceil((Math.max(0, scrollTop) + Math.max(0, viewport)) / rowHeight)
  const start = Math.min(count, Math.max(0, first - overscan))
  const end = Math.min(count, Math.max(start, last + overscan))
  return { start, end }
}

/**
 * The scrollTop that shows row `index` whole below a sticky header `header` px high in a
 * scroller `client` px high, moving as little as possible (unchanged if it is already whole).
 */
export function scrollTopToShow(
  index: number,
  scrollTop: number,
  client: number,
  header: number,
  rowHeight: number,
): number {
  const top = index * rowHeight // row top in body coordinates (= scrollTop that puts it first)
  const bottom = header + (index + 1) * rowHeight - client
  if (scrollTop > top) return top
  if (scrollTop < bottom) return bottom
  return scrollTop
}
