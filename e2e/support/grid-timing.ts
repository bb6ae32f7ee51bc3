/**
 * Measures the task grid in the page, without Playwright's round trips in the numbers: input →
 * settled paint (the click is made in the page; done when the DOM shows the expected first row
 * and two animation frames have passed, so layout and paint of that state are included), scroll
 * frame times and the JS heap. Used by e2e/grid-perf.spec.ts; `npm run bench` can reuse it.
 */
import type { Page } from '@playwright/test'

/**
 * Clicks `clickSelector` in the page and returns the ms until the grid has `rows` rows
 * (aria-rowcount), the row at its top (aria-rowindex 2) is task `topId`, and two frames have
 * been painted after that.
 */
export function timeToSettledPaint(
  page: Page,
  clickSelector: string,
  expected: { topId: string; rows: number },
  timeoutMs = 60_000,
): Promise<number> {
  return page.evaluate(
    ({ clickSelector, topId, rows, timeoutMs }) => {
      // (e2e/ is typechecked without the DOM library: the little of it used here.)
      interface El {
        click(): void
        getAttribute(name: string): string | null
      }
      interface Doc {
        querySelector(selector: string): El | null
        body: unknown
      }
      const g = globalThis as unknown as {
        document: Doc
        performance: { now(): number }
        requestAnimationFrame(cb: () => void): number
        MutationObserver: new (cb: () => void) => {
          observe(target: unknown, opts: object): void
          disconnect(): void
        }
      }
      const shows = () =>
        g.document.querySelector('[data-testid=task-table]')?.getAttribute('aria-rowcount') ===
          String(rows + 1) &&
        g.document
          .querySelector('[data-testid=task-table] [role=row][aria-rowindex="2"]')
          ?.getAttribute('data-task-id') === topId
      return new Promise<number>((resolve, reject) => {
        const target = g.document.querySelector(clickSelector)
        if (!target) return reject(new Error(`nothing at ${clickSelector}`))
        const t0 = g.performance.now()
        let done = false
        const settle = () => {
          if (done || !shows()) return
          done = true
          observer.disconnect()
          g.requestAnimationFrame(() =>
            g.requestAnimationFrame(() => resolve(g.performance.now() - t0)),
          )
        }
        const observer = new g.MutationObserver(settle)
        observer.observe(g.document.body, {
          subtree: true,
          childList: true,
          attributes: true,
          attributeFilter: ['data-task-id', 'aria-rowindex', 'aria-rowcount'],
        })
        setTimeout(() => {
          if (!done) reject(new Error(`top row never became ${topId}`))
        }, timeoutMs)
        target.click()
        settle()
      })
    },
    { clickSelector, ...expected, timeoutMs },
  )
}

/**
 * Scrolls the grid by `step` px every frame for `frames` frames (a negative step: random jumps
 * anywhere in the list) and returns each frame's duration in ms (rAF to rAF).
 */
export function scrollFrameTimes(page: Page, step: number, frames: number): Promise<number[]> {
  return page.evaluate(
    ({ step, frames }) => {
      interface Scroller {
        scrollTop: number
        scrollHeight: number
        clientHeight: number
      }
      const g = globalThis as unknown as {
        document: { querySelector(s: string): Scroller | null }
        requestAnimationFrame(cb: (t: number) => void): number
      }
      const el = g.document.querySelector('[data-testid=task-table]')!
      const max = el.scrollHeight - el.clientHeight
      return new Promise<number[]>((resolve) => {
        const times: number[] = []
        let last = -1
        let n = 0
        const frame = (t: number) => {
          if (last >= 0) times.push(t - last)
          last = t
          if (n++ >= frames) return resolve(times)
          el.scrollTop = step > 0 ? (el.scrollTop + step) % max : Math.random() * max
          g.requestAnimationFrame(frame)
        }
        g.requestAnimationFrame(frame)
      })
    },
    { step, frames },
  )
}

/** The page's JS heap in use after a full garbage collection, in MB (Chromium's CDP). */
export async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = await cdp.send('Runtime.getHeapUsage')
  await cdp.detach()
  return usedSize / 2 ** 20
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] ?? NaN
}

export function p95(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))] ?? NaN
}
