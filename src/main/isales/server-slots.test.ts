import { ServerSlots, serverKey } from './server-slots'

/** The per-server gate every caller goes through (the all-callers test is compose-limit.test.ts). */

function gatedCall() {
  const state = { active: 0, max: 0, started: 0 }
  const releases: (() => void)[] = []
  const call = () =>
    new Promise<void>((resolve) => {
      state.active++
      state.started++
      state.max = Math.max(state.max, state.active)
      releases.push(() => {
        state.active--
        resolve()
      })
    })
  return { state, releases, call }
}

const A = 'https://10.0.0.5:8443'
const B = 'https://10.0.0.6:8443'

describe('ServerSlots', () => {
  it('lets at most the limit of one server through at once, in order', async () => {
    const slots = new ServerSlots(3)
    const { state, releases, call } = gatedCall()
    const calls = [1, 2, 3, 4, 5].map(() => slots.run(A, undefined, call))
    await vi.waitFor(() => expect(state.started).toBe(3))
    expect(state.active).toBe(3)
    expect(slots.active(A)).toBe(3)
    releases.shift()!()
    await vi.waitFor(() => expect(state.started).toBe(4))
    expect(state.active).toBe(3)
    while (releases.length > 0 || state.started < 5) {
      await vi.waitFor(() => expect(releases.length).toBeGreaterThan(0))
      releases.shift()!()
    }
    await Promise.all(calls)
    expect(state.max).toBe(3)
    expect(slots.active(A)).toBe(0)
  })

  it('keeps each server to its own limit', async () => {
    const slots = new ServerSlots(2)
    const { state, releases, call } = gatedCall()
    const calls = [A, A, B, B, A].map((url) => slots.run(url, undefined, call))
    await vi.waitFor(() => expect(state.started).toBe(4))
    expect(state.started).toBe(4)
    releases.forEach((release) => release())
    await vi.waitFor(() => expect(state.started).toBe(5))
    releases.at(-1)!()
    await Promise.all(calls)
  })

  it('counts one server however its address is written', async () => {
    const slots = new ServerSlots(1)
    const { state, releases, call } = gatedCall()
    const calls = [A, `${A}/`, ` ${A.toUpperCase()} `].map((url) => slots.run(url, undefined, call))
    await vi.waitFor(() => expect(state.started).toBe(1))
    while (state.started < 3 || releases.length > 0) {
      await vi.waitFor(() => expect(releases.length).toBeGreaterThan(0))
      releases.shift()!()
    }
    await Promise.all(calls)
    expect(state.max).toBe(1)
    expect(serverKey(`${A}/`)).toBe(A)
  })

  it('a call aborted while waiting leaves the queue with a cancellation', async () => {
    const slots = new ServerSlots(1)
    const { state, releases, call } = gatedCall()
    const first = slots.run(A, undefined, call)
    const abort = new AbortController()
    const waiting = slots.run(A, abort.signal, call)
    const third = slots.run(A, undefined, call)
    abort.abort()
    await expect(waiting).rejects.toMatchObject({ code: 'cancelled' })
    releases.shift()!()
    await first
    await vi.waitFor(() => expect(state.started).toBe(2)) // the third, not the aborted one
    releases.shift()!()
    await third
    expect(state.max).toBe(1)
  })

  it('frees the slot when the call fails', async () => {
    const slots = new ServerSlots(1)
    await expect(slots.run(A, undefined, () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    )
    expect(slots.active(A)).toBe(0)
    await expect(slots.run(A, undefined, () => Promise.resolve(7))).resolves.toBe(7)
  })
})
