/** Dates, numbers and durations for the window's locale, through Intl (formatters cached). */

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>()

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>(
  key: string,
  make: () => T,
): T {
  let f = cache.get(key)
  if (!f) {
    f = make()
    cache.set(key, f)
  }
  return f as T
}

export interface Formatters {
  locale: string
  dateTime(ms: number | null): string
  /**
   * Compact, for table cells: "11-27 02:04:10" within the year of `now`, "2025-11-27" before or
   * after it (the full date and time belong in a tooltip).
   */
  shortDateTime(ms: number | null, now: number): string
  time(ms: number): string
  number(n: number | null | undefined): string
  percent(ratio: number | null): string
  /** "1:02:03", "2d 01:02:03" style; `dayUnit` is the locale's short word for days. */
  duration(ms: number | null): string
  /** "3 minutes ago", "in 12 seconds", … */
  relative(ms: number, now: number): string
}

export const EMPTY_VALUE = '—'

export function createFormatters(locale: string, dayUnit = 'd'): Formatters {
  const dt = cached(
    `dt:${locale}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      }),
  )
  const tm = cached(
    `tm:${locale}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      }),
  )
  const nf = cached(`nf:${locale}`, () => new Intl.NumberFormat(locale))
  const pf = cached(
    `pf:${locale}`,
    () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }),
  )
  const rf = cached(`rf:${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }))
  const two = (n: number): string => String(n).padStart(2, '0')
  return {
    locale,
    dateTime: (ms) => (ms === null ? EMPTY_VALUE : dt.format(ms)),
    shortDateTime(ms, now) {
      if (ms === null) return EMPTY_VALUE
      const d = new Date(ms)
      if (Number.isNaN(d.getTime())) return EMPTY_VALUE
      const date = `${two(d.getMonth() + 1)}-${two(d.getDate())}`
      if (d.getFullYear() !== new Date(now).getFullYear()) return `${d.getFullYear()}-${date}`
      return `${date} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`
    },
    time: (ms) => tm.format(ms),
    number: (n) => (n === null || n === undefined ? EMPTY_VALUE : nf.format(n)),
    percent: (r) => (r === null ? EMPTY_VALUE : pf.format(r)),
    duration(ms) {
      if (ms === null) return EMPTY_VALUE
      const s = Math.floor(ms / 1000)
      const days = Math.floor(s / 86_400)
      const h = Math.floor((s % 86_400) / 3600)
      const m = Math.floor((s % 3600) / 60)
      const clock = `${days > 0 ? two(h) : h}:${two(m)}:${two(s % 60)}`
      return days > 0 ? `${days}${dayUnit} ${clock}` : clock
    },
    relative(ms, now) {
      const diff = Math.round((ms - now) / 1000)
      const abs = Math.abs(diff)
      if (abs < 60) return rf.format(diff, 'second')
      if (abs < 3600) return rf.format(Math.round(diff / 60), 'minute')
      if (abs < 86_400) return rf.format(Math.round(diff / 3600), 'hour')
      return rf.format(Math.round(diff / 86_400), 'day')
    },
  }
}

/** Whole seconds from `now` until `at` (never negative). */
export function secondsUntil(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000))
}
