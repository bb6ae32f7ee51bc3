import { CHANNELS, type Channel } from '../../../shared/contract'
import type { Handlers } from '../../ipc/registry'

type Part = Partial<Handlers>
/** Every key of any member of a union of parts. */
type KeysOf<P> = P extends unknown ? keyof P : never
/** Channels that more than one part answers. */
type Duplicated<Parts extends readonly Part[]> = Parts extends readonly [
  infer Head,
  ...infer Rest extends readonly Part[],
]
  ? (keyof Head & KeysOf<Rest[number]>) | Duplicated<Rest>
  : never
type Missing<Parts extends readonly Part[]> = Exclude<Channel, KeysOf<Parts[number]>>

/**
 * Handlers when every channel has exactly one handler among the parts; otherwise a type naming
 * the channels at fault, which is not assignable to Handlers (a compile error where it is used).
 */
export type Merged<Parts extends readonly Part[]> = [Duplicated<Parts>] extends [never]
  ? [Missing<Parts>] extends [never]
    ? Handlers
    : { 'channels without a handler': Missing<Parts> }
  : { 'channels with more than one handler': Duplicated<Parts> }

/**
 * The domains' handler parts as one Handlers. Checked when compiled (see Merged) and again when
 * run, so a part built some other way cannot slip a gap or a second handler through.
 */
export function mergeHandlers<const Parts extends readonly Part[]>(...parts: Parts): Merged<Parts> {
  const merged: Partial<Record<string, unknown>> = {}
  for (const part of parts) {
    for (const [channel, handler] of Object.entries(part)) {
      if (Object.hasOwn(merged, channel)) throw new Error(`Two handlers for channel ${channel}`)
      merged[channel] = handler
    }
  }
  for (const channel of Object.keys(CHANNELS)) {
    if (!Object.hasOwn(merged, channel)) throw new Error(`No handler for channel ${channel}`)
  }
  return merged as Merged<Parts>
}
