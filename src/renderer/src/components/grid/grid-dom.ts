/**
 * The virtual grid's contact with the DOM (kept out of the SFC): its scroller's position and
 * height, finding a cell by its aria indexes, and the one shared tooltip.
 */
import { computed, onBeforeUnmount, onMounted, ref, shallowRef, useId } from 'vue'
import type { GridPos } from './grid-keys'
import { GRID_ENTER_ATTR } from './grid-types'

/** The scroller element, its scrollTop and height (a fixed `viewportHeight` where no layout). */
export function useScroller(viewportHeight: () => number | null) {
  const scroller = ref<HTMLElement | null>(null)
  const scrollTop = ref(0)
  const measured = ref<number | null>(null)
  const clientHeight = computed(() => viewportHeight() ?? measured.value ?? 0)

  let observer: ResizeObserver | null = null
  onMounted(() => {
    const el = scroller.value
    if (!el || typeof ResizeObserver === 'undefined') return
    measured.value = el.clientHeight
    observer = new ResizeObserver(() => {
      measured.value = el.clientHeight
    })
    observer.observe(el)
  })
  onBeforeUnmount(() => observer?.disconnect())

  /** After a scroll event: the rows to render follow. */
  function readScroll(): void {
    if (scroller.value) scrollTop.value = scroller.value.scrollTop
  }

  function setScrollTop(top: number): void {
    // Writing scrollTop forces a layout of the page there and then (about 15 ms at 50,000 tasks
    // after a filter): not when it would not move. `scrollTop` follows every scroll event.
    if (top === scrollTop.value) return
    if (scroller.value) scroller.value.scrollTop = top
    scrollTop.value = top
  }

  return { scroller, scrollTop, clientHeight, readScroll, setScrollTop }
}

/** The focusable element of a cell: a header's sort button, else the cell itself. */
export function cellElement(root: HTMLElement | null, pos: GridPos): HTMLElement | null {
  const row = root?.querySelector(`[aria-rowindex="${pos.row + 2}"]`)
  const cell = row?.querySelector<HTMLElement>(`[aria-colindex="${pos.col + 1}"]`) ?? null
  if (pos.row === -1) return cell?.querySelector<HTMLElement>('button') ?? cell
  return cell
}

/** Presses the cell's GRID_ENTER_ATTR button, if it has one (then true). */
export function pressCellButton(cell: HTMLElement | null): boolean {
  const button = cell?.querySelector<HTMLElement>(`[${GRID_ENTER_ATTR}]`)
  button?.click()
  return Boolean(button)
}

export function focusElement(el: HTMLElement | null): void {
  el?.focus()
}

/** The row and column of a cell element (or of what is inside one), from its aria indexes. */
export function posOf(target: unknown): GridPos | null {
  if (!(target instanceof Element)) return null
  const cell = target.closest('[aria-colindex]')
  const row = cell?.closest('[aria-rowindex]')
  if (!cell || !row) return null
  return {
    row: Number(row.getAttribute('aria-rowindex')) - 2,
    col: Number(cell.getAttribute('aria-colindex')) - 1,
  }
}

/** Whether the user has selected text (then Ctrl+C copies that, not the row). */
export function hasTextSelection(): boolean {
  return (window.getSelection()?.toString() ?? '') !== ''
}

/** Whether a cell's text is cut: its `.vg-clip` element (else the cell) is narrower than it. */
export function isCut(cell: Element): boolean {
  const clip = cell.querySelector('.vg-clip') ?? cell
  return clip.scrollWidth > clip.clientWidth
}

export interface TipState {
  text: string
  left: number
  top: number
  cell: Element
}

/**
 * The one tooltip of a grid: `textFor(cell, pos)` says what a body cell shows (null: nothing).
 * Shown for the hovered or focused cell; a focused cell is described by it (aria-describedby).
 */
export function useSharedTip(textFor: (cell: Element, pos: GridPos) => string | null) {
  const tipId = `${useId()}-tip`
  const tip = shallowRef<TipState | null>(null)

  function hide(): void {
    tip.value?.cell.removeAttribute('aria-describedby')
    tip.value = null
  }

  function showFor(target: unknown, byFocus: boolean): void {
    const cell = target instanceof Element ? target.closest('[role=gridcell]') : null
    if (!cell) {
      hide()
      return
    }
    if (tip.value?.cell === cell) return
    hide()
    const pos = posOf(cell)
    const text = pos ? textFor(cell, pos) : null
    if (!text) return
    const box = cell.getBoundingClientRect()
    tip.value = { text, left: Math.max(4, box.left), top: box.bottom + 4, cell }
    if (byFocus) cell.setAttribute('aria-describedby', tipId)
  }

  return { tipId, tip, showFor, hide }
}
