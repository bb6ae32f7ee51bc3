import { randomBytes } from 'node:crypto'
import { open, rename, unlink, type FileHandle } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { Writable } from 'node:stream'
import { finished } from 'node:stream/promises'

/**
 * Writes a file so that readers only ever see the old content or the complete new content: the data
 * goes to a uniquely named temp file in the same directory (same filesystem, so the rename is
 * atomic), is fsynced, then renamed over the target. On any error the temp file is removed and an
 * existing target is left untouched. Errors are the raw Node errors (code ENOENT, EACCES, ENOSPC...):
 * callers decide how to present them.
 */

/** A producer writes into the stream; it may end it or leave that to writeFileAtomic. */
export type AtomicProducer = (stream: Writable) => Promise<void>

export type AtomicData = string | Uint8Array | AtomicProducer

export interface AtomicWriteOptions {
  /** File mode for a new file (default 0o666, minus the umask). Use 0o600 for private stores. */
  mode?: number
  /** Encoding of string data (default utf8). */
  encoding?: BufferEncoding
}

export interface AtomicWriteResult {
  path: string
  bytes: number
}

/** Windows (antivirus, indexer, Excel holding the file) makes rename fail transiently. */
const RENAME_RETRY_CODES = new Set(['EPERM', 'EACCES', 'EBUSY'])
const RENAME_ATTEMPTS = process.platform === 'win32' ? 5 : 1

export function tempPathFor(path: string): string {
  // Leading dot hides it on POSIX; pid + random make it unique across processes and calls.
  // orphan-temps.ts recognises exactly this shape (TEMP_NAME): change both together.
  return join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  )
}

/** `.<target>.<pid>.<12 hex>.tmp`: the temp files tempPathFor makes, and nothing else. */
export const TEMP_NAME = /^\.(.+)\.(\d{1,10})\.([0-9a-f]{12})\.tmp$/

/** The target name and writer's pid of one of our temp file names; null for any other name. */
export function parseTempName(name: string): { target: string; pid: number } | null {
  const m = TEMP_NAME.exec(name)
  return m ? { target: m[1]!, pid: Number(m[2]) } : null
}

export async function writeFileAtomic(
  path: string,
  data: AtomicData,
  opts: AtomicWriteOptions = {},
): Promise<AtomicWriteResult> {
  const temp = tempPathFor(path)
  // 'wx': never reuse (or follow a symlink planted at) an existing temp name.
  const handle = await open(temp, 'wx', opts.mode ?? 0o666)
  let closed = false
  try {
    const bytes =
      typeof data === 'function'
        ? await writeWithProducer(handle, data)
        : await writeWhole(handle, data, opts.encoding ?? 'utf8')
    await handle.sync()
    closed = true
    await handle.close()
    await renameWithRetry(temp, path)
    await syncDirectory(dirname(path))
    return { path, bytes }
  } catch (err) {
    if (!closed) await handle.close().catch(() => undefined)
    await unlink(temp).catch(() => undefined)
    throw err
  }
}

async function writeWhole(
  handle: FileHandle,
  data: string | Uint8Array,
  encoding: BufferEncoding,
): Promise<number> {
  const buf = typeof data === 'string' ? Buffer.from(data, encoding) : data
  await handle.writeFile(buf)
  return buf.byteLength
}

async function writeWithProducer(handle: FileHandle, producer: AtomicProducer): Promise<number> {
  // Our own Writable over the handle: a FileHandle.createWriteStream holds a reference that
  // handle.close() waits on until the stream closes itself, which we cannot allow before fsync.
  let bytes = 0
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      writeFully(handle, chunk).then(() => {
        bytes += chunk.byteLength
        callback()
      }, callback)
    },
  })
  // Surface stream errors through `finished` rather than as an unhandled 'error' event.
  const done = finished(stream)
  done.catch(() => undefined)
  try {
    await producer(stream)
    if (!stream.writableEnded) stream.end()
    await done
  } catch (err) {
    stream.destroy()
    throw err
  }
  return bytes
}

async function writeFully(handle: FileHandle, chunk: Buffer): Promise<void> {
  for (let offset = 0; offset < chunk.byteLength;) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.byteLength - offset)
    offset += bytesWritten
  }
}

async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await rename(from, to)
      return
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? ''
      if (attempt >= RENAME_ATTEMPTS || !RENAME_RETRY_CODES.has(code)) throw err
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt))
    }
  }
}

/** Makes the rename itself durable on POSIX; not possible (and not needed) on Windows. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return
  try {
    const dh = await open(dir, 'r')
    try {
      await dh.sync()
    } finally {
      await dh.close()
    }
  } catch {
    // Best effort: some filesystems refuse fsync on a directory.
  }
}
