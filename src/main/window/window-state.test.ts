import { lstat, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  createWindowStateKeeper,
  DEFAULT_SIZE,
  loadWindowState,
  MIN_SIZE,
  placeWindow,
  saveWindowState,
  windowStatePath,
  type Rect,
  type WindowState,
} from './window-state'

let dir: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'window-state-'))
})

afterEach(async () => {
  vi.useRealTimers()
  await rm(dir, { recursive: true, force: true })
})

const state = (x: number, y: number, width = 1200, height = 700, maximized = false) =>
  ({ bounds: { x, y, width, height }, maximized }) satisfies WindowState

describe('load and save', () => {
  it('round-trips through <userDataDir>/window-state.json', async () => {
    const file = windowStatePath(dir)
    expect(file).toBe(join(dir, 'window-state.json'))
    await saveWindowState(file, state(10.4, 20.6, 1000, 650, true))
    expect(await loadWindowState(file)).toEqual(state(10, 21, 1000, 650, true))
    expect(await readdir(dir)).toEqual(['window-state.json'])
    expect(JSON.parse(await readFile(file, 'utf8')).version).toBe(1)
  })

  it('returns null without a file', async () => {
    expect(await loadWindowState(windowStatePath(dir))).toBeNull()
  })

  it.each([
    ['not JSON', '{'],
    ['wrong shape', '{"version":1,"bounds":{"x":"a"},"maximized":false}'],
    [
      'unknown version',
      '{"version":9,"bounds":{"x":0,"y":0,"width":1,"height":1},"maximized":false}',
    ],
    [
      'absurd numbers',
      '{"version":1,"bounds":{"x":1e12,"y":0,"width":5,"height":5},"maximized":false}',
    ],
  ])('ignores a file with %s and says so', async (_, text) => {
    const file = windowStatePath(dir)
    await writeFile(file, text)
    const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() }
    expect(await loadWindowState(file, log)).toBeNull()
    expect(log.warn).toHaveBeenCalledOnce()
  })

  it('sets a folder in place of the file aside on load, and the next save works', async () => {
    const file = windowStatePath(dir)
    await mkdir(join(file, 'inside'), { recursive: true })
    const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() }
    expect(await loadWindowState(file, log)).toBeNull()
    expect(log.warn).toHaveBeenCalledWith(expect.stringMatching(/moved aside/), expect.anything())
    await saveWindowState(file, state(1, 2))
    expect(await loadWindowState(file)).toEqual(state(1, 2))
    expect(
      (await readdir(dir)).filter((n) => n.startsWith('window-state.json.broken-')),
    ).toHaveLength(1)
  })

  it('heals a save when a folder appeared in place of the file (no EISDIR for ever)', async () => {
    const file = windowStatePath(dir)
    await mkdir(file)
    const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() }
    const keeper = createWindowStateKeeper({ file, log, delayMs: 0 })
    keeper.update(state(3, 4))
    await keeper.flush()
    expect(await loadWindowState(file)).toEqual(state(3, 4))
    expect(log.warn).toHaveBeenCalledWith(expect.stringMatching(/moved aside/), expect.anything())
  })

  it.runIf(process.platform !== 'win32')(
    'never reads or writes through a link in place of the file',
    async () => {
      const file = windowStatePath(dir)
      const outside = join(dir, 'outside.json')
      const theirs =
        '{"version":1,"bounds":{"x":0,"y":0,"width":900,"height":600},"maximized":true}'
      await writeFile(outside, theirs)
      await symlink(outside, file)
      expect(await loadWindowState(file)).toBeNull()
      await symlink(outside, file)
      await saveWindowState(file, state(5, 6))
      expect(await readFile(outside, 'utf8')).toBe(theirs)
      expect((await lstat(file)).isFile()).toBe(true)
    },
  )
})

describe('placeWindow', () => {
  const laptop: Rect = { x: 0, y: 0, width: 1920, height: 1040 }
  const rightMonitor: Rect = { x: 1920, y: 0, width: 2560, height: 1400 }
  const leftPortrait: Rect = { x: -1080, y: -400, width: 1080, height: 1880 }

  it('opens at the default size, centred, without a saved state', () => {
    expect(placeWindow(null, [laptop])).toEqual({
      x: 320,
      y: 120,
      ...DEFAULT_SIZE,
      maximized: false,
    })
  })

  it('keeps a saved window that is fully on screen', () => {
    expect(placeWindow(state(2000, 100, 1500, 900), [laptop, rightMonitor])).toEqual({
      x: 2000,
      y: 100,
      width: 1500,
      height: 900,
      maximized: false,
    })
  })

  it('pulls a window hanging off the edge back inside the display it mostly covers', () => {
    expect(placeWindow(state(1700, 900, 1200, 700), [laptop, rightMonitor])).toEqual({
      x: 1920,
      y: 700,
      width: 1200,
      height: 700,
      maximized: false,
    })
  })

  it('works with displays at negative coordinates', () => {
    expect(placeWindow(state(-1000, -300, 900, 700), [laptop, leftPortrait])).toMatchObject({
      x: -1000,
      y: -300,
    })
  })

  it('centres on the primary display a window last seen on an unplugged monitor', () => {
    const placed = placeWindow(state(3000, 200, 1200, 700, true), [laptop])
    expect(placed).toEqual({ x: 360, y: 170, width: 1200, height: 700, maximized: true })
  })

  it('shrinks a window larger than its display, but never below the minimum size', () => {
    expect(placeWindow(state(0, 0, 5000, 3000), [laptop])).toMatchObject({
      x: 0,
      y: 0,
      width: 1920,
      height: 1040,
    })
    expect(placeWindow(state(10, 10, 100, 50), [laptop])).toMatchObject(MIN_SIZE)
  })

  it('returns a size only when no display is known', () => {
    expect(placeWindow(state(10, 10), [])).toEqual({ width: 1200, height: 700, maximized: false })
  })
})

describe('createWindowStateKeeper', () => {
  it('debounces: many updates, one write of the last state', async () => {
    vi.useFakeTimers()
    const save = vi.fn(async () => undefined)
    const keeper = createWindowStateKeeper({ file: 'f', delayMs: 500, save })
    for (let i = 0; i < 20; i++) {
      keeper.update(state(i, i))
      await vi.advanceTimersByTimeAsync(100)
    }
    expect(save).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(500)
    expect(save).toHaveBeenCalledOnce()
    expect(save).toHaveBeenCalledWith('f', state(19, 19))
  })

  it('flush writes a pending state at once, and nothing when there is none', async () => {
    const save = vi.fn(async () => undefined)
    const keeper = createWindowStateKeeper({ file: 'f', delayMs: 60_000, save })
    await keeper.flush()
    expect(save).not.toHaveBeenCalled()
    keeper.update(state(5, 5))
    await keeper.flush()
    expect(save).toHaveBeenCalledWith('f', state(5, 5))
    await keeper.flush()
    expect(save).toHaveBeenCalledOnce()
  })

  it('writes one after the other, the last state last', async () => {
    const order: number[] = []
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const save = vi.fn(async (_f: string, s: WindowState) => {
      if (s.bounds.x === 1) await gate
      order.push(s.bounds.x)
    })
    const keeper = createWindowStateKeeper({ file: 'f', save })
    keeper.update(state(1, 1))
    const first = keeper.flush()
    keeper.update(state(2, 2))
    const second = keeper.flush()
    release()
    await Promise.all([first, second])
    expect(order).toEqual([1, 2])
  })

  it('logs a failed write and never rejects', async () => {
    const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() }
    const keeper = createWindowStateKeeper({
      file: join(dir, 'missing-folder', 'window-state.json'),
      log,
    })
    keeper.update(state(1, 1))
    await expect(keeper.flush()).resolves.toBeUndefined()
    expect(log.warn).toHaveBeenCalledOnce()
  })

  it('saves atomically to disk with the real writer', async () => {
    const file = windowStatePath(dir)
    const keeper = createWindowStateKeeper({ file })
    keeper.update(state(7, 8, 900, 600, false))
    await keeper.flush()
    expect(await loadWindowState(file)).toEqual(state(7, 8, 900, 600, false))
    expect(await readdir(dir)).toEqual(['window-state.json'])
  })

  it('dispose drops a pending write', async () => {
    vi.useFakeTimers()
    const save = vi.fn(async () => undefined)
    const keeper = createWindowStateKeeper({ file: 'f', save })
    keeper.update(state(1, 1))
    keeper.dispose()
    await vi.advanceTimersByTimeAsync(5000)
    expect(save).not.toHaveBeenCalled()
  })
})
