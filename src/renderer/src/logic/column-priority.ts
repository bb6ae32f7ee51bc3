/**
 * Which table columns a width has room for. Each column has a priority (1: always shown) and the
 * width it needs; the columns are taken most important first, and the first one that does not
 * fit ends the set, so a less important narrow column never shows while a more important wide
 * one is hidden. What a hidden column holds stays one click away, in the task's drawer.
 */

export interface PrioritizedColumn<K extends string = string> {
  key: K
  /** 1: always shown (the table scrolls sideways rather than lose it); higher: dropped earlier. */
  priority: number
  /** Width the column needs (a flexible column: its least useful width). */
  width: number
}

/**
 * The keys of the columns shown in `available` px, in the columns' own order.
 * `available` null (width not measured yet, or no layout): every column.
 */
export function visibleColumnKeys<K extends string>(
  columns: readonly PrioritizedColumn<K>[],
  available: number | null,
): Set<K> {
  if (available === null) return new Set(columns.map((c) => c.key))
  const byPriority = columns
    .map((c, index) => ({ c, index }))
    .sort((a, b) => a.c.priority - b.c.priority || a.index - b.index)
  const shown = new Set<K>()
  let used = 0
  for (const { c } of byPriority) {
    if (c.priority > 1 && used + c.width > available) break
    used += c.width
    shown.add(c.key)
  }
  return shown
}
