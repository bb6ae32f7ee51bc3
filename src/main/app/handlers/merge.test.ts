import { CHANNELS, type Channel } from '../../../shared/contract'
import type { Handlers } from '../../ipc/registry'
import { mergeHandlers } from './merge'

/** A handler for every channel, each answering its own name, split in two parts at `split`. */
function parts<C extends Channel>(split: C): { one: Pick<Handlers, C>; rest: Omit<Handlers, C> } {
  const all = Object.fromEntries(
    Object.keys(CHANNELS).map((c) => [c, async () => c]),
  ) as unknown as Handlers
  const { [split]: _left, ...rest } = all
  return { one: { [split]: all[split] } as Pick<Handlers, C>, rest }
}

describe('mergeHandlers', () => {
  it('joins parts that answer every channel once', async () => {
    const { one, rest } = parts('tasks:cancel')
    const merged: Handlers = mergeHandlers(one, rest)
    for (const channel of Object.keys(CHANNELS) as Channel[]) {
      const handler = merged[channel] as () => Promise<unknown>
      expect(await handler()).toBe(channel)
    }
  })

  it('refuses a channel with two handlers, when compiled and when run', () => {
    const info: Pick<Handlers, 'app:info'> = { 'app:info': async () => ({}) as never }
    const { rest } = parts('app:info')
    expect(() => {
      // @ts-expect-error: 'app:info' is answered by two parts
      const merged: Handlers = mergeHandlers(info, info, rest)
      return merged
    }).toThrow('Two handlers for channel app:info')
  })

  it('refuses a channel without a handler, when compiled and when run', () => {
    const { rest } = parts('export:csv')
    expect(() => {
      // @ts-expect-error: nothing answers 'export:csv'
      const merged: Handlers = mergeHandlers(rest)
      return merged
    }).toThrow('No handler for channel export:csv')
  })
})
