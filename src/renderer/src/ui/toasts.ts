/**
 * Toasts raised by stores (Tiny RDM's habit: createDiscreteApi, so code outside components can
 * show them). Tests and the first paint use a recording sink; App installs the Naive UI one.
 */
import { h, type Ref, type VNode } from 'vue'
import { NButton, createDiscreteApi, type ConfigProviderProps } from 'naive-ui'

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

/** Notifications through Naive UI, themed like the window. */
export function naiveToastSink(config: Ref<ConfigProviderProps>): ToastSink {
  const { notification } = createDiscreteApi(['notification'], {
    configProviderProps: config,
    notificationProviderProps: { placement: 'bottom-right', max: 4 },
  })
  return (t) => {
    const lines = t.lines ?? []
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
                  n.destroy()
                },
              },
              { default: () => t.action!.label },
            )
        : undefined,
      duration: DURATION_MS[t.kind],
      keepAliveOnHover: true,
      closable: true,
    })
  }
}
