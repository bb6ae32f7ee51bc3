import type { CampaignRef } from './campaign-fetch'
import type { Timers, TimerHandle } from './scheduler'

/**
 * Quick recovery after an outage for the campaign the window shows. While its server is offline
 * the offline retry (backoff.ts) may be minutes away; every OUTAGE_PROBE_INTERVAL_MS this asks the
 * server one cheap question (campaign-fetch.ts serverAnswers: 1 row, through the pooled client and
 * one of the server's slots) and, once it answers, has that campaign fetched at once; its success
 * brings the server's other campaigns back (after-fetch.ts). One probe per server at a time; none
 * while the server asked to slow down (Retry-After is honoured), asleep, or stopped.
 */

/** How often the open campaign's server is probed while offline. */
export const OUTAGE_PROBE_INTERVAL_MS = 5_000

export interface OutageProbeOptions {
  timers: Timers
  /** The server is offline and may be probed now (not rate-limited, not asleep, not stopped). */
  mayProbe(profileId: string): boolean
  /** Resolves true when the server answered (anything but "could not reach it"). */
  answers(ref: CampaignRef, signal: AbortSignal): Promise<boolean>
  /** The server answered: fetch that campaign now. */
  back(ref: CampaignRef): void
}

export class OutageProbe {
  readonly #o: OutageProbeOptions
  #open: CampaignRef | null = null
  #timer: TimerHandle | null = null
  /** Probes in flight, by server: at most one each. */
  readonly #running = new Map<string, AbortController>()

  constructor(options: OutageProbeOptions) {
    this.#o = options
  }

  /** The campaign the window shows (null: none). */
  open(ref: CampaignRef | null): void {
    this.#open = ref
    this.changed()
  }

  /** A server's state may have changed: probe while the open campaign's is offline. */
  changed(): void {
    const open = this.#open
    if (this.#timer !== null || !open || !this.#o.mayProbe(open.profileId)) return
    const handle = this.#o.timers.setTimeout(() => {
      if (this.#timer !== handle) return
      this.#timer = null
      this.#tick()
    }, OUTAGE_PROBE_INTERVAL_MS)
    this.#timer = handle
  }

  /** Quit or sleep: no timer, probes in flight aborted. */
  stop(): void {
    if (this.#timer !== null) this.#o.timers.clearTimeout(this.#timer)
    this.#timer = null
    for (const abort of this.#running.values()) abort.abort()
    this.#running.clear()
  }

  #tick(): void {
    const open = this.#open
    if (!open || !this.#o.mayProbe(open.profileId)) return
    if (this.#running.has(open.profileId)) return this.changed() // the last one still waits
    const abort = new AbortController()
    this.#running.set(open.profileId, abort)
    void this.#o.answers(open, abort.signal).then(
      (answered) => this.#settled(open, abort, answered),
      () => this.#settled(open, abort, false),
    )
    this.changed()
  }

  #settled(ref: CampaignRef, abort: AbortController, answered: boolean): void {
    if (this.#running.get(ref.profileId) !== abort) return
    this.#running.delete(ref.profileId)
    if (answered && !abort.signal.aborted && this.#o.mayProbe(ref.profileId)) this.#o.back(ref)
  }
}
