/**
 * A value that follows `get`, brought up to date after the next paint rather than in the same
 * frame: what is costly and secondary (the summary strip, the records chart, the failure causes
 * over 100,000 tasks) must not hold up the table's answer to a filter (issue 13), as React's
 * useDeferredValue. The first value is computed at once; later, `get` re-runs in the frame after
 * the one that shows the table (or after FALLBACK_MS when no frame comes: a hidden window),
 * however often its inputs change meanwhile.
 */
import { effect, onScopeDispose, shallowRef, stop, type ShallowRef } from 'vue'

const FALLBACK_MS = 100

/**
 * Runs `fn` once, in the frame after the next one: the next frame (the table's) is rendered and
 * painted without it, and everything queued behind that frame (input, the page's own tasks) runs
 * before it too.
 */
export function afterNextPaint(fn: () => void): void {
  let done = false
  const once = () => {
    if (done) return
    done = true
    fn()
  }
  const fallback = setTimeout(once, FALLBACK_MS)
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      clearTimeout(fallback)
      once()
    }),
  )
}

export function useAfterPaint<T>(get: () => T): Readonly<ShallowRef<T>> {
  const value = shallowRef(undefined as T)
  let scheduled = false
  let disposed = false
  const runner = effect(
    () => {
      value.value = get()
    },
    {
      scheduler: () => {
        if (scheduled) return
        scheduled = true
        afterNextPaint(() => {
          scheduled = false
          if (!disposed) runner()
        })
      },
    },
  )
  onScopeDispose(() => {
    disposed = true
    stop(runner)
  })
  return value
}
