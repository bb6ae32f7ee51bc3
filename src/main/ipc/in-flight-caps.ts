/**
 * Per-window caps on bridge calls that each open a connection to a server: certificate probes
 * ("Test connection", "Trust this certificate") and server campaign lists. The window's one
 * dialog needs one or two at a time; a compromised window could start hundreds (two descriptors
 * each). A call past the cap is refused at once with a catalogue error, and the refusals are
 * logged at most once per channel per REFUSAL_LOG_INTERVAL_MS, with how many were not logged.
 * The dispatcher (registry.ts) is the one place that applies them. Plain Node.
 */
import type { Channel } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import {
  MAX_LISTS_IN_FLIGHT_PER_WINDOW,
  MAX_PROBES_IN_FLIGHT_PER_WINDOW,
} from '../../shared/limits'
import { msg, type MessageRef } from '../../shared/messages'
import type { Log } from '../log/logger'

export interface CapGroup {
  channels: readonly Channel[]
  max: number
  refusal: (max: number) => MessageRef
}

export const DEFAULT_CAP_GROUPS: readonly CapGroup[] = [
  {
    channels: ['tls:probe', 'tls:trust', 'profiles:test'],
    max: MAX_PROBES_IN_FLIGHT_PER_WINDOW,
    refusal: (max) => msg('tooManyProbes', { max }),
  },
  {
    channels: ['campaigns:listRemote', 'campaigns:listDraft'],
    max: MAX_LISTS_IN_FLIGHT_PER_WINDOW,
    refusal: (max) => msg('tooManyLists', { max }),
  },
]

/** At most one "refused" log line per channel in this interval. */
export const REFUSAL_LOG_INTERVAL_MS = 10_000

export interface InFlightCapsOptions {
  log: Log
  groups?: readonly CapGroup[]
  now?: () => number
}

/** Enters a call: a release function, or the refusal when its window is at the cap. */
export type EnterCall = (channel: Channel, window: object) => (() => void) | AppError

export function createInFlightCaps(opts: InFlightCapsOptions): EnterCall {
  const groups = opts.groups ?? DEFAULT_CAP_GROUPS
  const now = opts.now ?? Date.now
  const groupOf = new Map<Channel, CapGroup>()
  for (const group of groups) for (const channel of group.channels) groupOf.set(channel, group)
  /** Calls in flight per window and group; a window that goes away takes its counts along. */
  const inFlight = new WeakMap<object, Map<CapGroup, number>>()
  const refusals = new Map<Channel, { loggedAt: number; suppressed: number }>()

  function logRefusal(channel: Channel, max: number): void {
    const at = now()
    const last = refusals.get(channel)
    if (last && at - last.loggedAt < REFUSAL_LOG_INTERVAL_MS) {
      last.suppressed++
      return
    }
    opts.log.warn('Bridge request refused: too many in flight from this window', {
      channel,
      max,
      ...(last && last.suppressed > 0 ? { notLoggedSinceLastLine: last.suppressed } : {}),
    })
    refusals.set(channel, { loggedAt: at, suppressed: 0 })
  }

  return (channel, window) => {
    const group = groupOf.get(channel)
    if (!group) return () => undefined
    let counts = inFlight.get(window)
    if (!counts) {
      counts = new Map()
      inFlight.set(window, counts)
    }
    const current = counts.get(group) ?? 0
    if (current >= group.max) {
      logRefusal(channel, group.max)
      return new AppError('validation', group.refusal(group.max))
    }
    counts.set(group, current + 1)
    let released = false
    const own = counts
    return () => {
      if (released) return
      released = true
      own.set(group, (own.get(group) ?? 1) - 1)
    }
  }
}
