import { effectScope, nextTick, ref } from 'vue'
import { useAfterPaint } from './after-paint'

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame'] })
})
afterEach(() => {
  vi.useRealTimers()
})

describe('useAfterPaint', () => {
  it('has its value at once, and follows a change in the frame after the next, computed once', async () => {
    const scope = effectScope()
    const source = ref(1)
    let runs = 0
    const value = scope.run(() =>
      useAfterPaint(() => {
        runs++
        return source.value * 10
      }),
    )!
    expect(value.value).toBe(10)
    expect(runs).toBe(1)

    source.value = 2
    source.value = 3
    await nextTick()
    expect(value.value).toBe(10) // not in the same frame as the change
    expect(runs).toBe(1)
    vi.advanceTimersToNextFrame()
    expect(value.value).toBe(10) // the table's frame goes without it
    vi.advanceTimersToNextFrame()
    expect(value.value).toBe(30)
    expect(runs).toBe(2) // both changes, one run
    scope.stop()
  })

  it('stops following once its scope is gone', async () => {
    const scope = effectScope()
    const source = ref(1)
    let runs = 0
    const value = scope.run(() =>
      useAfterPaint(() => {
        runs++
        return source.value
      }),
    )!
    source.value = 2
    scope.stop()
    vi.runAllTimers()
    expect(value.value).toBe(1)
    expect(runs).toBe(1)
  })
})
