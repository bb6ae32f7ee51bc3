/** An element's content width, kept up to date by a ResizeObserver (null until measured). */
import { onBeforeUnmount, ref, watch, type Ref } from 'vue'

/** `target`: an element or a component (its root element); from a component's setup. */
export function useElementWidth(
  target: Ref<Element | { $el?: unknown } | null>,
): Ref<number | null> {
  const width = ref<number | null>(null)
  // No layout (tests under happy-dom): stays null, and callers show everything.
  if (typeof ResizeObserver === 'undefined') return width
  const observer = new ResizeObserver((entries) => {
    const box = entries[entries.length - 1]?.contentRect
    if (box && box.width > 0) width.value = Math.floor(box.width)
  })
  watch(
    target,
    (t) => {
      observer.disconnect()
      const el = t instanceof Element ? t : t?.$el
      if (el instanceof Element) observer.observe(el)
    },
    { immediate: true, flush: 'post' },
  )
  onBeforeUnmount(() => observer.disconnect())
  return width
}
