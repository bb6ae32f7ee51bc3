import type { ImportTaskPage } from '../isales/client'
import { ServerSlots } from './server-slots'

/** The per-server request limit shared by every campaign of a profile. */

function gatedSource() {
  const state = { active: 0, max: 0, started: 0 }
  const releases: (() => void)[] = []
  const source = {
    queryImportTasks: () =>
      new Promise<ImportTaskPage>((resolve) => {
        state.active++
        state.started++
        state.max = Math.max(state.max, state.active)
        releases.push(() => {
          state.active--
          resolve({ tasks: [], count: 0 })
        })
      }),
  }
  return { state, releases, source }
}

const query = { campaignId: 'c', offset: 0, limit: 100 }

describe('ServerSlots', () => {
  it('lets at most the limit of one profile through at once, across its campaigns, in order', async () => {
    const slots = new ServerSlots(3)
    const { state, releases, source } = gatedSource()
    const a = slots.limit('p1', source)
    const b = slots.limit('p1', source)
    const calls = [a, b, a, b, a].map((c) => c.queryImportTasks(query))
    await vi.waitFor(() => expect(state.started).toBe(3))
    expect(state.active).toBe(3)
    releases.shift()!()
    await vi.waitFor(() => expect(state.started).toBe(4))
    expect(state.active).toBe(3)
    while (releases.length > 0 || state.started < 5) {
      await vi.waitFor(() => expect(releases.length).toBeGreaterThan(0))
      releases.shift()!()
    }
    await Promise.all(calls)
    expect(state.max).toBe(3)
  })

  it('keeps each profile to its own limit', async () => {
    const slots = new ServerSlots(2)
    const { state, releases, source } = gatedSource()
    const calls = ['p1', 'p1', 'p2', 'p2', 'p1'].map((p) =>
      slots.limit(p, source).queryImportTasks(query),
    )
    await vi.waitFor(() => expect(state.started).toBe(4))
    expect(state.started).toBe(4)
    releases.forEach((release) => release())
    await vi.waitFor(() => expect(state.started).toBe(5))
    releases.at(-1)!()
    await Promise.all(calls)
  })

  it('a request aborted while waiting leaves the queue with a cancellation', async () => {
    const slots = new ServerSlots(1)
    const { state, releases, source } = gatedSource()
    const limited = slots.limit('p1', source)
    const first = limited.queryImportTasks(query)
    const abort = new AbortController()
    const waiting = limited.queryImportTasks(query, { signal: abort.signal })
    const third = limited.queryImportTasks(query)
    abort.abort()
    await expect(waiting).rejects.toMatchObject({ code: 'cancelled' })
    releases.shift()!()
    await first
    await vi.waitFor(() => expect(state.started).toBe(2)) // the third, not the aborted one
    releases.shift()!()
    await third
    expect(state.max).toBe(1)
  })
})
