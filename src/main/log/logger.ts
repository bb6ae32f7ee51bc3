/**
 * A small rotating file logger for the main process: `<userDataDir>/logs/main.log`, one line per
 * entry (`ISO-time LEVEL message {json context}`), rotated at 1 MiB keeping 3 files in all
 * (main.log, main.log.1, main.log.2). Everything passes through redact() first, so secret keys and
 * registered secret strings never reach the disk. Writes are synchronous (a few lines a minute;
 * nothing is lost when the process dies) and never throw: when the file cannot be written the
 * entry goes to stderr, with a one-time notice saying why. A link, or anything but a plain
 * file, at the log's name (a link or a file where the logs folder belongs) is renamed aside
 * (`.broken-<time>`) and never written through; the file is opened with O_NOFOLLOW as well, so a
 * link planted between the check and the write fails that write instead. Plain Node.
 */
import { closeSync, constants, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import {
  clearSlotSync,
  ensureFolderSync,
  O_NOFOLLOW,
  setAsideSync,
  type Cleared,
} from '../fs/file-shape'
import { redact, redactText } from './redact'

export type LogLevel = 'info' | 'warn' | 'error'

export type LogContext = Record<string, unknown>

/** What the rest of main needs from a logger (a test can pass a recording fake). */
export interface Log {
  info(message: string, context?: LogContext): void
  warn(message: string, context?: LogContext): void
  error(message: string, context?: LogContext): void
}

export interface Logger extends Log {
  /** The current log file (shown in the UI, opened by "Open log folder"). */
  readonly file: string
  readonly dir: string
  /**
   * Registers a secret string (an SK loaded at runtime): every occurrence is logged as ***.
   * Strings shorter than MIN_SECRET_LENGTH are ignored: they would blank common characters all
   * over the log, and an iSales SK that short is not credible.
   */
  addSecret(secret: string): void
  /** Stops redacting a secret (its SK was cleared or its profile deleted); unknown ones: no-op. */
  removeSecret(secret: string): void
}

export interface LoggerOptions {
  /** The logs folder, normally `<userDataDir>/logs`. */
  dir: string
  fileName?: string
  /** Rotate when the file would grow past this many bytes (default 1 MiB). */
  maxBytes?: number
  /** Files kept in all, the current one included (default 3). */
  maxFiles?: number
  now?: () => Date
  /** Fallback sink when the file cannot be written (default process.stderr). */
  stderr?: (text: string) => void
}

export const LOG_FILE_NAME = 'main.log'
export const MAX_LOG_BYTES = 1024 * 1024
export const MAX_LOG_FILES = 3
/** Shorter secrets are not registered (see Logger.addSecret). */
export const MIN_SECRET_LENGTH = 4

export function logsDirFor(userDataDir: string): string {
  return join(userDataDir, 'logs')
}

export function createLogger(opts: LoggerOptions): Logger {
  const dir = opts.dir
  const file = join(dir, opts.fileName ?? LOG_FILE_NAME)
  const maxBytes = opts.maxBytes ?? MAX_LOG_BYTES
  const maxFiles = Math.max(1, opts.maxFiles ?? MAX_LOG_FILES)
  const now = opts.now ?? (() => new Date())
  const stderr = opts.stderr ?? ((text: string) => process.stderr.write(text))
  const secrets = new Set<string>()

  let size: number | null = null // unknown until the first successful write
  let failing = false
  /** Wrong-shaped things moved out of the log's way, said in the log once it can be written. */
  const movedAside: Cleared[] = []

  function currentSize(): number {
    if (size === null) {
      const aside = (path: string) => setAsideSync(path, 'broken')
      const movedDir = ensureFolderSync(dir, aside)
      const movedFile = clearSlotSync(file, 'file', aside)
      for (const moved of [movedDir, movedFile]) if (moved) movedAside.push(moved)
      try {
        size = statSync(file).size
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
        size = 0
      }
    }
    return size
  }

  function rotate(): void {
    rmSync(`${file}.${maxFiles - 1}`, { force: true })
    for (let i = maxFiles - 2; i >= 1; i--) {
      try {
        renameSync(`${file}.${i}`, `${file}.${i + 1}`)
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
      }
    }
    if (maxFiles > 1) renameSync(file, `${file}.1`)
    else rmSync(file, { force: true })
    size = 0
  }

  function safeStderr(text: string): void {
    try {
      stderr(text)
    } catch {
      // No console either (a GUI process on Windows): nothing left to tell.
    }
  }

  function write(level: LogLevel, message: string, context?: LogContext): void {
    const line = formatLine(now(), level, message, context, secrets)
    const bytes = Buffer.byteLength(line)
    try {
      if (currentSize() > 0 && currentSize() + bytes > maxBytes) rotate()
      appendNoFollow(file, line)
      size = currentSize() + bytes
      for (const moved of movedAside.splice(0)) {
        write('warn', 'Something other than a file was in the log’s place; moved aside', {
          ...moved,
        })
      }
      failing = false
    } catch (err) {
      size = null
      if (!failing) {
        failing = true
        const reason = redactText(err instanceof Error ? err.message : String(err), secrets)
        safeStderr(`Cannot write the log file ${file} (${reason}); logging to stderr instead.\n`)
      }
      safeStderr(line)
    }
  }

  return {
    file,
    dir,
    info: (message, context) => write('info', message, context),
    warn: (message, context) => write('warn', message, context),
    error: (message, context) => write('error', message, context),
    addSecret(secret) {
      if (secret.length >= MIN_SECRET_LENGTH) secrets.add(secret)
    },
    removeSecret(secret) {
      secrets.delete(secret)
    },
  }
}

const APPEND = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | O_NOFOLLOW

/** Appends without following a link at the file's name (ELOOP instead). */
function appendNoFollow(file: string, text: string): void {
  const fd = openSync(file, APPEND, 0o600)
  try {
    const buf = Buffer.from(text, 'utf8')
    for (let off = 0; off < buf.byteLength;) off += writeSync(fd, buf, off)
  } finally {
    closeSync(fd)
  }
}

/** One line: ISO time, level, message (newlines escaped), redacted JSON context. */
export function formatLine(
  time: Date,
  level: LogLevel,
  message: string,
  context: LogContext | undefined,
  secrets: Iterable<string> = [],
): string {
  const list = [...secrets]
  const text = redactText(message, list).replace(/\r?\n/g, '\\n')
  let json = ''
  if (context !== undefined && Object.keys(context).length > 0) {
    try {
      json = ` ${JSON.stringify(redact(context, list))}`
    } catch {
      json = ' {"unloggable":true}'
    }
  }
  return `${time.toISOString()} ${level.toUpperCase().padEnd(5)} ${text}${json}\n`
}

/** A logger that drops everything (for tests and for code paths before the real one exists). */
export const silentLog: Log = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
}
