/**
 * Node's timers take a 32-bit signed delay: anything above 2^31−1 ms (about 24.8 days), and NaN,
 * fire after 1 ms instead (with a TimeoutOverflowWarning). Every timer whose delay is computed (a
 * server's Retry-After, an option) goes through timerDelay() so a huge value waits long instead
 * of firing at once. Plain Node.
 */

export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1

/** `ms` clamped to what setTimeout/setInterval honour: 0 … MAX_TIMER_DELAY_MS (NaN → 0). */
export function timerDelay(ms: number): number {
  if (Number.isNaN(ms) || ms <= 0) return 0
  return Math.min(MAX_TIMER_DELAY_MS, ms)
}
