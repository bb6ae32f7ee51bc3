/**
 * Toasts raised by stores (Tiny RDM's habit: createDiscreteApi, so code outside components can
 * show them). Tests and the first paint use a recording sink; App installs the Naive UI one.
 * Every toast is also read out by screen readers (live regions: errors assertive, the rest
 * polite), and a toast with an action raised by a keyboard action takes focus on that action,
 * stays until dismissed, and gives focus back when it goes (issue 14).
 */
import { h, type Ref, type VNode } from 'vue'
import { NButton, createDiscreteApi, type ConfigProviderProps } from 'naive-ui'
import { lastInputWasKeyboard } from './a11y'

export interface ToastAction {
  label: string
  testid: string
  run(): void
}

export interface Toast {
  kind: 'success' | 'info' | 'warning' | 'error'
  title: string
  lines?: string[]
  action?: ToastAction
  /** data-testid of the toast's title; its lines get `${testid}-lines`. */
  testid: string
}

export type ToastSink = (toast: Toast) => void

const early: Toast[] = []
let sink: ToastSink = (t) => {
  early.push(t)
}

export function setToastSink(next: ToastSink): void {
  sink = next
  // Anything raised before the sink existed (start-up failures) is shown now.
  for (const t of early.splice(0)) next(t)
}

export function toast(t: Toast): void {
  sink(t)
}

const DURATION_MS: Record<Toast['kind'], number> = {
  success: 8000,
  info: 4000,
  warning: 12_000,
  error: 15_000,
}

/**
 * A line with a break opportunity after each path separator, so a long path wraps at a folder
 * (and at hyphens) rather than in the middle of a word. The text itself is unchanged.
 */
function breakable(line: string): (string | VNode)[] {
  return line.split(/(?<=[/\\])/).flatMap((part, i) => (i === 0 ? [part] : [h('wbr'), part]))
}

export const LIVE_REGION_IDS = { polite: 'toast-live-polite', assertive: 'toast-live-assertive' }

/** The two live regions toasts are read out from (created once, before anything is said). */
export function ensureLiveRegions(doc: Document = document): void {
  for (const politeness of ['polite', 'assertive'] as const) {
    const id = LIVE_REGION_IDS[politeness]
    if (doc.getElementById(id)) continue
    const region = doc.createElement('div')
    region.id = id
    region.className = 'visually-hidden'
    region.setAttribute('role', politeness === 'assertive' ? 'alert' : 'status')
    region.setAttribute('aria-live', politeness)
    region.setAttribute('aria-atomic', 'true')
    region.dataset['testid'] = id
    doc.body.append(region)
  }
}

/** Says a toast through its live region: errors interrupt, the rest wait their turn. */
export function announce(t: Toast, doc: Document = document): void {
  ensureLiveRegions(doc)
  const region = doc.getElementById(LIVE_REGION_IDS[t.kind === 'error' ? 'assertive' : 'polite'])
  if (!region) return
  const words = [t.title, ...(t.lines ?? [])]
  if (t.action) words.push(t.action.label)
  region.textContent = words.join('. ')
}

/** Notifications through Naive UI, themed like the window. */
export function naiveToastSink(config: Ref<ConfigProviderProps>): ToastSink {
  const { notification } = createDiscreteApi(['notification'], {
    configProviderProps: config,
    notificationProviderProps: { placement: 'bottom-right', max: 4 },
  })
  ensureLiveRegions()
  return (t) => {
    announce(t)
    const lines = t.lines ?? []
    // A keyboard user cannot reach the corner before the toast closes: its action takes focus.
    const takeFocus = Boolean(t.action) && lastInputWasKeyboard()
    const before = takeFocus ? (document.activeElement as HTMLElement | null) : null
    /** Focus back where it was, unless the user has moved it elsewhere meanwhile. */
    const giveFocusBack = (): void => {
      const now = document.activeElement
      const inToast = now === null || now === document.body || now.closest('.n-notification')
      if (before?.isConnected && inToast) before.focus()
    }
    const n = notification.create({
      type: t.kind,
      title: () => h('span', { 'data-testid': t.testid }, t.title),
      content:
        lines.length > 0
          ? () =>
              h(
                'div',
                { 'data-testid': `${t.testid}-lines` },
                lines.map((line) =>
                  h('div', { style: 'overflow-wrap: anywhere' }, breakable(line)),
                ),
              )
          : undefined,
      action: t.action
        ? () =>
            h(
              NButton,
              {
                size: 'small',
                'data-testid': t.action!.testid,
                onClick: () => {
                  t.action!.run()
                  if (takeFocus) giveFocusBack()
                  n.destroy()
                },
                onKeydown: (e: KeyboardEvent) => {
                  if (e.key !== 'Escape') return
                  e.stopPropagation()
                  if (takeFocus) giveFocusBack()
                  n.destroy()
                },
                onVnodeMounted: takeFocus
                  ? (vnode: VNode) => (vnode.el as HTMLElement | null)?.focus()
                  : undefined,
              },
              { default: () => t.action!.label },
            )
        : undefined,
      // Focused: it stays until the user acts on it or dismisses it (Escape, ×).
      duration: takeFocus ? 0 : DURATION_MS[t.kind],
      keepAliveOnHover: true,
      closable: true,
      onClose: () => {
        if (takeFocus) giveFocusBack()
        return true
      },
    })
  }
}
