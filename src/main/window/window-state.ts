/**
 * Remembers the window's size, position and maximized state in `<userDataDir>/window-state.json`
 * (atomic writes, debounced), and fits a remembered position onto the displays present now, so a
 * window last seen on an unplugged monitor comes back on screen. Plain Node.
 */
import { join } from 'node:path'
import { z } from 'zod'
import { writeFileAtomic } from '../fs/atomic-write'
import { clearSlot, readRegularFile, setAside, WrongShape } from '../fs/file-shape'
import type { Log } from '../log/logger'

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export interface WindowState {
  /** The normal (not maximized) bounds. */
  bounds: Rect
  maximized: boolean
}

/** What BrowserWindow gets: a position only when one is known to be on screen. */
export interface WindowPlacement {
  x?: number
  y?: number
  width: number
  height: number
  maximized: boolean
}

export const WINDOW_STATE_FILE = 'window-state.json'
export const DEFAULT_SIZE = { width: 1280, height: 800 }
export const MIN_SIZE = { width: 800, height: 560 }

const FILE_VERSION = 1

const int = z.number().int().min(-100_000).max(100_000)
const fileSchema = z.object({
  version: z.literal(FILE_VERSION),
  bounds: z.object({ x: int, y: int, width: int.min(1), height: int.min(1) }),
  maximized: z.boolean(),
})

export function windowStatePath(userDataDir: string): string {
  return join(userDataDir, WINDOW_STATE_FILE)
}

/** The saved state, or null when there is none or it cannot be read (the default window then). */
export async function loadWindowState(file: string, log?: Log): Promise<WindowState | null> {
  let text: string
  try {
    text = await readRegularFile(file)
  } catch (err) {
    if (err instanceof WrongShape) {
      // A folder or link in its place would fail every save: set it aside, start afresh.
      await setAsideWrongShape(file, log)
    } else if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      log?.warn('Could not read the window state', { file, error: err })
    }
    return null
  }
  try {
    const parsed = fileSchema.safeParse(JSON.parse(text))
    if (parsed.success) return { bounds: parsed.data.bounds, maximized: parsed.data.maximized }
  } catch {
    // fall through: not JSON
  }
  log?.warn('Ignoring an unreadable window state file', { file })
  return null
}

async function setAsideWrongShape(file: string, log?: Log): Promise<void> {
  try {
    const movedTo = await setAside(file, 'broken')
    log?.warn('The window state file was not a file; moved aside', { file, movedTo })
  } catch (error) {
    log?.warn('The window state file is not a file and could not be moved aside', { file, error })
  }
}

export async function saveWindowState(file: string, state: WindowState, log?: Log): Promise<void> {
  const { x, y, width, height } = state.bounds
  const data = {
    version: FILE_VERSION,
    bounds: {
      x: Math.round(x),
      y: Math.round(y),
      width: Math.round(width),
      height: Math.round(height),
    },
    maximized: state.maximized,
  }
  const cleared = await clearSlot(file, 'file', (p) => setAside(p, 'broken'))
  if (cleared) log?.warn('The window state file was not a file; moved aside', { file, ...cleared })
  await writeFileAtomic(file, `${JSON.stringify(data, null, 2)}\n`)
}

/**
 * Where to open the window given the displays' work areas (the first one is the primary). The
 * saved window goes on the display it overlaps most, shrunk to fit and moved fully inside it; a
 * window that overlaps no display is centred on the primary one.
 */
export function placeWindow(
  saved: WindowState | null,
  workAreas: readonly Rect[],
): WindowPlacement {
  const maximized = saved?.maximized ?? false
  const wanted = saved?.bounds
  const width = Math.max(MIN_SIZE.width, wanted?.width ?? DEFAULT_SIZE.width)
  const height = Math.max(MIN_SIZE.height, wanted?.height ?? DEFAULT_SIZE.height)
  const usable = workAreas.filter((a) => a.width > 0 && a.height > 0)
  const primary = usable[0]
  if (!primary) return { width, height, maximized }

  let area = primary
  let best = 0
  if (wanted) {
    for (const a of usable) {
      const overlap = intersectionArea(wanted, a)
      if (overlap > best) {
        best = overlap
        area = a
      }
    }
  }
  const w = Math.min(width, area.width)
  const h = Math.min(height, area.height)
  if (!wanted || best === 0) {
    return {
      x: Math.round(area.x + (area.width - w) / 2),
      y: Math.round(area.y + (area.height - h) / 2),
      width: w,
      height: h,
      maximized,
    }
  }
  return {
    x: clamp(wanted.x, area.x, area.x + area.width - w),
    y: clamp(wanted.y, area.y, area.y + area.height - h),
    width: w,
    height: h,
    maximized,
  }
}

function intersectionArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return w > 0 && h > 0 ? w * h : 0
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max)
}

export interface WindowStateKeeper {
  /** Remembers the latest state; written after `delayMs` of quiet. */
  update(state: WindowState): void
  /** Writes a pending state now (on close / quit). Never rejects. */
  flush(): Promise<void>
  /** Drops a pending write and stops the timer. */
  dispose(): void
}

export interface KeeperOptions {
  file: string
  delayMs?: number
  log?: Log
  /** For tests. */
  save?: (file: string, state: WindowState) => Promise<void>
}

/** Debounced, serialized saves: moving or resizing the window writes once it settles. */
export function createWindowStateKeeper(opts: KeeperOptions): WindowStateKeeper {
  const delay = opts.delayMs ?? 500
  const save = opts.save ?? ((file, state) => saveWindowState(file, state, opts.log))
  let pending: WindowState | null = null
  let timer: ReturnType<typeof setTimeout> | null = null
  let chain: Promise<void> = Promise.resolve()

  function clearTimer(): void {
    if (timer) clearTimeout(timer)
    timer = null
  }

  function writePending(): Promise<void> {
    clearTimer()
    const state = pending
    pending = null
    if (state) {
      chain = chain.then(() =>
        save(opts.file, state).catch((err: unknown) => {
          opts.log?.warn('Could not save the window state', { file: opts.file, error: err })
        }),
      )
    }
    return chain
  }

  return {
    update(state) {
      pending = { bounds: { ...state.bounds }, maximized: state.maximized }
      clearTimer()
      timer = setTimeout(() => void writePending(), delay)
      timer.unref?.()
    },
    flush: writePending,
    dispose() {
      clearTimer()
      pending = null
    },
  }
}
