/**
 * How long to wait before the next automatic attempt while a server cannot be reached (or, per
 * campaign, after a bad reply): 5 s, 10 s, 20 s … doubling, capped at 5 minutes, each spread by
 * ±20 % so many workstations coming back from the same VPN outage do not knock at once. A server's
 * Retry-After is honoured up to the same 5 minutes (OFFLINE_MAX_RETRY_AFTER_MS), the most the
 * README promises: waiting longer would leave the monitor blind on one header, and a much longer
 * value would overflow the timer (fire at once, i.e. hammer the server). README.md states these
 * numbers; readme-numbers.test.ts keeps the two in step.
 */

export const OFFLINE_FIRST_DELAY_MS = 5_000
export const OFFLINE_MAX_DELAY_MS = 5 * 60_000
export const OFFLINE_JITTER = 0.2
/** The longest wait a server's Retry-After can impose on the offline retry: the backoff cap. */
export const OFFLINE_MAX_RETRY_AFTER_MS = OFFLINE_MAX_DELAY_MS

/** `attempt` counts from 0 (the first retry after going offline); `random` is 0 ≤ x < 1. */
export function offlineRetryDelay(
  attempt: number,
  random: () => number = Math.random,
  retryAfterSec?: number,
): number {
  const steps = Math.max(0, Math.min(30, Math.floor(attempt)))
  const base = Math.min(OFFLINE_MAX_DELAY_MS, OFFLINE_FIRST_DELAY_MS * 2 ** steps)
  const jittered = base * (1 - OFFLINE_JITTER + 2 * OFFLINE_JITTER * random())
  const delay = Math.round(Math.min(OFFLINE_MAX_DELAY_MS, jittered))
  const asked = retryAfterSec !== undefined && retryAfterSec > 0 ? retryAfterSec * 1000 : 0
  return Math.max(delay, Math.min(OFFLINE_MAX_RETRY_AFTER_MS, asked))
}
