/** The few browser APIs the components use, kept out of the SFCs. */
import { onBeforeUnmount } from 'vue'

/** Calls `run` once the calls stop for `ms`; `cancel` drops a pending call. */
export function debounce<A extends unknown[]>(
  run: (...args: A) => void,
  ms: number,
): { call(...args: A): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined
  return {
    call(...args) {
      clearTimeout(timer)
      timer = setTimeout(() => run(...args), ms)
    },
    cancel() {
      clearTimeout(timer)
    },
  }
}

/** A window keydown listener for the component's lifetime (from setup); returns the undo. */
export function onWindowKeydown(listener: (e: KeyboardEvent) => void): () => void {
  window.addEventListener('keydown', listener)
  const off = (): void => window.removeEventListener('keydown', listener)
  onBeforeUnmount(off)
  return off
}

export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    return false
  }
}

/** CSS custom properties on the root element (reach teleported dialogs and drawers too). */
export function setRootCssVars(vars: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(vars)) {
    document.documentElement.style.setProperty(name, value)
  }
}
