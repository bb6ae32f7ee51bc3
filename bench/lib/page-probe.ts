/**
 * Measurements taken inside the app's page (performance.now, requestAnimationFrame), driven from
 * the bench's Node side. They rely only on data-testids (src/renderer/TESTIDS.md) and on the
 * harness's invoke binding, never on the app's internals, so they keep working when the table or
 * the transport changes.
 */
import type { Page } from '@playwright/test'
import { INVOKE_BINDING } from '../../e2e/fixtures/preload-script'

/** One bridge call the window made: when it left, when its reply arrived, the reply's JSON size. */
export interface IpcRecord {
  channel: string
  t0: number
  t1: number | null
  bytes: number | null
}

/** What a settled change must show: the "N of M tasks" text and the first rendered row. */
export interface Expect {
  countText: string
  firstId: string | null
}

export interface Settle {
  /** First input event (pointerdown/mousedown/keydown/input/click) after arming. */
  t0: number
  /** The DOM first showed the expected state. */
  tDom: number
  /** The frame showing it painted: a message posted from its rAF arrived, or the next frame began. */
  tEnd: number
  /** Which came first: the message, or the next frame (Chromium ran it before the message). */
  by: 'message' | 'next frame'
}

/**
 * Init script: wraps the harness's invoke binding to log every call and its reply (bytes only while
 * window.__benchCountBytes is true: counting a 10 MB reply costs the page time), and records when
 * the window first shows `expectStart` (for start-up).
 */
export function probeInitScript(): string {
  return `(() => {
  if (window.top !== window) return
  const BINDING = ${JSON.stringify(INVOKE_BINDING)}
  const log = []
  Object.defineProperty(window, '__benchIpc', { value: log })
  window.__benchCountBytes = false
  window.__benchWrapped = false
  const wrap = () => {
    const orig = window[BINDING]
    if (typeof orig !== 'function') return false
    if (orig.__bench) return true
    const wrapped = function (channel, ...args) {
      const rec = { channel: String(channel), t0: performance.now(), t1: null, bytes: null }
      log.push(rec)
      return Promise.resolve(orig.call(this, channel, ...args)).then((v) => {
        rec.t1 = performance.now()
        if (window.__benchCountBytes) {
          try { rec.bytes = typeof v === 'string' ? v.length : (JSON.stringify(v) || '').length } catch { rec.bytes = -1 }
        }
        return v
      }, (e) => { rec.t1 = performance.now(); throw e })
    }
    wrapped.__bench = true
    try { window[BINDING] = wrapped } catch { return false }
    window.__benchWrapped = window[BINDING] === wrapped
    return window.__benchWrapped
  }
  if (!wrap()) queueMicrotask(wrap)
  window.__benchWrap = wrap

  const lastInput = { t: null }
  for (const type of ['pointerdown', 'keydown']) {
    addEventListener(type, () => { lastInput.t = performance.now() }, { capture: true })
  }
  window.__benchLastInput = lastInput
})()`
}

/** Init script: records when the window first shows `expectStart` (rows and count) after it starts. */
export function startWatchScript(expectStart: Expect): string {
  return `(() => {
  if (window.top !== window) return
  const expectStart = ${JSON.stringify(expectStart)}
  const start = { tDom: null, tEnd: null }
  window.__benchStart = start
  const holds = () => {
    const c = document.querySelector('[data-testid="filter-count"]')
    if (!c || c.textContent.trim() !== expectStart.countText) return false
    return !!document.querySelector('[data-testid="task-table"] [data-testid="task-row"]')
  }
  const mo = new MutationObserver(() => {
    if (start.tDom !== null || !holds()) return
    start.tDom = performance.now()
    mo.disconnect()
    requestAnimationFrame(() => {
      // The frame painted: a message posted now arrives, or the next frame begins (see measureSettle).
      const end = () => { if (start.tEnd === null) start.tEnd = performance.now() }
      requestAnimationFrame(end)
      const ch = new MessageChannel()
      ch.port1.onmessage = end
      ch.port2.postMessage(null)
    })
  })
  mo.observe(document, { subtree: true, childList: true, characterData: true, attributes: true })
})()`
}

export async function installProbe(page: Page): Promise<void> {
  await page.addInitScript({ content: probeInitScript() })
}

/** Wraps the binding in the page as it is now (after a navigation the init script does it). */
export async function ensureWrapped(page: Page): Promise<boolean> {
  return (await page.evaluate('window.__benchWrap()')) as boolean
}

/**
 * Arms an observer for `expected`, runs `act` (a real input through Playwright), and returns the
 * times from the first input event to the DOM showing the change and to that frame painted.
 */
export async function measureSettle(
  page: Page,
  expected: Expect,
  act: () => Promise<void>,
  timeoutMs = 300_000,
): Promise<Settle> {
  await page.evaluate(`(() => {
    const exp = ${JSON.stringify(expected)}
    const state = { t0: null, tDom: null, tEnd: null, by: null, error: null }
    window.__benchSettle = state
    const firstId = () => {
      const row = document.querySelector('[data-testid="task-table"] [data-testid="task-row"]')
      return row ? row.getAttribute('data-task-id') : null
    }
    const holds = () => {
      const c = document.querySelector('[data-testid="filter-count"]')
      return !!c && c.textContent.trim() === exp.countText && (exp.firstId === null || firstId() === exp.firstId)
    }
    if (holds()) state.error = 'the window already shows the expected state before the input'
    const types = ['pointerdown', 'mousedown', 'keydown', 'input', 'click']
    const finish = (by) => {
      if (state.tEnd !== null) return
      state.tEnd = performance.now()
      state.by = by
      for (const t of types) removeEventListener(t, onInput, { capture: true })
    }
    // A frame watcher from the input on, re-registered every frame, so that its callback is the
    // first of each frame's rAF callbacks (the app's own, e.g. ui/after-paint.ts, are registered
    // by the app's handlers, after this capture listener). The first frame after the DOM shows
    // the change is the one that renders it; it has painted when a message posted from its rAF
    // arrives or when the next frame begins, whichever comes first: after a discrete input
    // Chromium may start the next frame (here: the deferred summary, chart and causes panel)
    // before that message, which would add that whole frame to the figure.
    const watch = () => requestAnimationFrame(() => {
      if (state.tEnd !== null) return
      if (state.tDom === null) return watch()
      requestAnimationFrame(() => finish('next frame'))
      const ch = new MessageChannel()
      ch.port1.onmessage = () => finish('message')
      ch.port2.postMessage(null)
    })
    const onInput = () => {
      if (state.t0 !== null) return
      state.t0 = performance.now()
      watch()
    }
    for (const t of types) addEventListener(t, onInput, { capture: true })
    const mo = new MutationObserver(() => {
      if (state.t0 === null || state.tDom !== null || !holds()) return
      state.tDom = performance.now()
      mo.disconnect()
    })
    mo.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true })
  })()`)
  await act()
  // A function, not a string: the page's CSP forbids string evaluation for polling.
  const handle = await page.waitForFunction(
    () => {
      const s = (globalThis as unknown as { __benchSettle: Record<string, unknown> }).__benchSettle
      return s['error'] !== null || s['tEnd'] !== null ? s : null
    },
    undefined,
    { timeout: timeoutMs, polling: 100 },
  )
  const s = (await handle.jsonValue()) as unknown as Settle & { error: string | null }
  if (s.error) throw new Error(s.error)
  return { t0: s.t0, tDom: s.tDom, tEnd: s.tEnd, by: s.by }
}

/** The table's scroll container: the grid's own test id, else the largest scrollable box in it (itself included). */
const FIND_SCROLLER = `(() => {
  const byId = document.querySelector('[data-testid="task-table-scroller"]')
  if (byId) return byId
  const table = document.querySelector('[data-testid="task-table"]')
  if (!table) return null
  let best = null
  for (const el of [table, ...table.querySelectorAll('*')]) {
    const oy = getComputedStyle(el).overflowY
    if ((oy === 'auto' || oy === 'scroll') && el.scrollHeight > el.clientHeight + 10) {
      if (!best || el.scrollHeight > best.scrollHeight) best = el
    }
  }
  return best
})()`

/** Frame times (rAF timestamp deltas) while the table scrolls by `step` px a frame or jumps. */
export async function scrollFrames(
  page: Page,
  mode: 'steps' | 'jumps',
  frames: number,
): Promise<number[]> {
  const deltas = await page.evaluate(`(async () => {
    const scroller = ${FIND_SCROLLER}
    if (!scroller) throw new Error('no scroll container in the task table')
    const mode = ${JSON.stringify(mode)}
    const frames = ${frames}
    scroller.scrollTop = 0
    const max = scroller.scrollHeight - scroller.clientHeight
    let seed = 12345
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * max
    const deltas = []
    let last = null
    for (let i = 0; i <= frames; i++) {
      await new Promise((done) => requestAnimationFrame((t) => {
        if (last !== null) deltas.push(t - last)
        last = t
        scroller.scrollTop = mode === 'steps' ? (i + 1) * 120 : rand()
        done()
      }))
    }
    scroller.scrollTop = 0
    return deltas
  })()`)
  return deltas as number[]
}

/** JS heap in use after a forced garbage collection (CDP), in bytes. */
export async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page)
  try {
    await cdp.send('HeapProfiler.enable')
    await cdp.send('HeapProfiler.collectGarbage')
    await cdp.send('HeapProfiler.collectGarbage')
    const { usedSize } = await cdp.send('Runtime.getHeapUsage')
    return usedSize
  } finally {
    await cdp.detach().catch(() => undefined)
  }
}

export async function ipcLog(page: Page): Promise<IpcRecord[]> {
  return (await page.evaluate('[...window.__benchIpc]')) as IpcRecord[]
}

export async function setCountBytes(page: Page, on: boolean): Promise<void> {
  await page.evaluate(`window.__benchCountBytes = ${on}`)
}
