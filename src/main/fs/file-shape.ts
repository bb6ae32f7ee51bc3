import { constants, existsSync, lstatSync, mkdirSync, renameSync, type Stats } from 'node:fs'
import { access, lstat, mkdir, open, rename } from 'node:fs/promises'

/**
 * What sits where the app keeps a file or a folder of its own (stores, window state, cache, log).
 * Anything of the wrong shape there (a folder where a file belongs, a file where a folder
 * belongs, a symbolic link, a pipe…) is renamed aside like an unreadable file and the app
 * carries on with a fresh one: it never writes through a link and never fails every save on it.
 * A rename moves a link itself, never what it points to.
 */

export type Shape = 'missing' | 'file' | 'folder' | 'link' | 'other'

/** 0 where the system has no O_NOFOLLOW (Windows): there the lstat check alone guards. */
export const O_NOFOLLOW: number = constants.O_NOFOLLOW ?? 0
const O_NONBLOCK: number = constants.O_NONBLOCK ?? 0

function shapeOfStats(info: Stats): Shape {
  if (info.isSymbolicLink()) return 'link'
  if (info.isFile()) return 'file'
  if (info.isDirectory()) return 'folder'
  return 'other'
}

export async function shapeOf(path: string): Promise<Shape> {
  try {
    return shapeOfStats(await lstat(path))
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'missing'
    throw err
  }
}

export function shapeOfSync(path: string): Shape {
  try {
    return shapeOfStats(lstatSync(path))
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'missing'
    throw err
  }
}

/** Thrown when a path holds something other than a regular file (a folder, a link…). */
export class WrongShape extends Error {
  readonly code = 'EWRONGSHAPE'
  constructor(
    readonly path: string,
    readonly found: Shape,
  ) {
    super(`${path} is a ${found === 'other' ? 'special file' : found}, not a file`)
  }
}

/** A file-system-safe timestamp: 2026-11-27T01-12-24-123Z. */
export function fileTimestamp(date = new Date()): string {
  return date.toISOString().replace(/[:.]/g, '-')
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path)
    return true
  } catch {
    return (await shapeOf(path).catch(() => 'missing')) !== 'missing' // a dangling link exists
  }
}

/** Renames `path` to `<path>.<tag>-<timestamp>` (never over an existing file); returns the new path. */
export async function setAside(path: string, tag: string): Promise<string> {
  const base = `${path}.${tag}-${fileTimestamp()}`
  let target = base
  for (let n = 2; await exists(target); n++) target = `${base}-${n}`
  await rename(path, target)
  return target
}

export function setAsideSync(path: string, tag: string): string {
  const base = `${path}.${tag}-${fileTimestamp()}`
  let target = base
  for (let n = 2; existsSync(target) || shapeOfSync(target) !== 'missing'; n++) {
    target = `${base}-${n}`
  }
  renameSync(path, target)
  return target
}

/** What clearSlot did: the shape it found and where that went. */
export interface Cleared {
  found: Shape
  movedTo: string
}

/**
 * Makes `path` fit to hold a `want` (a regular file, or a real folder): anything else there is
 * renamed aside by `moveAside`. Returns what was moved, or null when the slot was fine or empty.
 */
export async function clearSlot(
  path: string,
  want: 'file' | 'folder',
  moveAside: (path: string) => Promise<string>,
): Promise<Cleared | null> {
  const found = await shapeOf(path)
  if (found === 'missing' || found === want) return null
  return { found, movedTo: await moveAside(path) }
}

export function clearSlotSync(
  path: string,
  want: 'file' | 'folder',
  moveAside: (path: string) => string,
): Cleared | null {
  const found = shapeOfSync(path)
  if (found === 'missing' || found === want) return null
  return { found, movedTo: moveAside(path) }
}

/** A real folder at `path` (whatever else was there moved aside), created when missing. */
export async function ensureFolder(
  path: string,
  moveAside: (path: string) => Promise<string>,
): Promise<Cleared | null> {
  const cleared = await clearSlot(path, 'folder', moveAside)
  await mkdir(path, { recursive: true, mode: 0o700 })
  return cleared
}

export function ensureFolderSync(
  path: string,
  moveAside: (path: string) => string,
): Cleared | null {
  const cleared = clearSlotSync(path, 'folder', moveAside)
  mkdirSync(path, { recursive: true, mode: 0o700 })
  return cleared
}

/**
 * Reads a regular file as UTF-8 without following a link at its name: ENOENT when missing,
 * WrongShape when something else is there. Non-blocking open, so a pipe cannot hang the reader.
 */
export async function readRegularFile(path: string): Promise<string> {
  if (O_NOFOLLOW === 0) {
    const found = await shapeOf(path)
    if (found !== 'file' && found !== 'missing') throw new WrongShape(path, found)
  }
  let handle
  try {
    handle = await open(path, constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOOP') throw new WrongShape(path, 'link')
    throw err
  }
  try {
    const info = await handle.stat()
    if (!info.isFile()) throw new WrongShape(path, info.isDirectory() ? 'folder' : 'other')
    return await handle.readFile('utf8')
  } finally {
    await handle.close()
  }
}
