import { TRUNCATED_BODY } from '../../shared/error-kinds'
import { AppError } from '../../shared/errors'
import { msg } from '../../shared/messages'

/** Reading a reply body with a size cap, and turning it into JSON with protocol errors. */

export const DEFAULT_MAX_RESPONSE_BYTES = 20 * 1024 * 1024

/** Marks a reply that arrived whole but is not JSON: a retry would get the same (not retried). */
export const INVALID_JSON = 'invalid-json'

export interface ReadableBody extends AsyncIterable<Uint8Array> {
  destroy(error?: Error): unknown
}

/** "20 MiB", "1.5 MiB", or "512 KiB" below one MiB. */
export function formatBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024)
  if (mib >= 1) return `${Math.round(mib * 10) / 10} MiB`
  return `${Math.max(1, Math.round(bytes / 1024))} KiB`
}

export function tooLargeError(maxBytes: number): AppError {
  return new AppError('protocol', msg('replyTooLarge', { size: formatBytes(maxBytes) }), {
    cause: 'reply-too-large',
  })
}

export interface BodyText {
  text: string
  /** Bytes received (before UTF-8 decoding). */
  bytes: number
}

/**
 * Reads the whole body as UTF-8, stopping (and destroying the stream, which frees the socket) as
 * soon as it passes maxBytes, so a runaway reply never sits in memory.
 */
export async function readCappedBody(
  body: ReadableBody,
  maxBytes: number,
  declaredLength?: number,
): Promise<BodyText> {
  if (declaredLength !== undefined && declaredLength > maxBytes) {
    body.destroy()
    throw tooLargeError(maxBytes)
  }
  const chunks: Uint8Array[] = []
  let total = 0
  for await (const chunk of body) {
    total += chunk.byteLength
    if (total > maxBytes) {
      body.destroy()
      throw tooLargeError(maxBytes)
    }
    chunks.push(chunk)
  }
  return { text: Buffer.concat(chunks, total).toString('utf8'), bytes: total }
}

/** readCappedBody, text only. */
export async function readCappedText(
  body: ReadableBody,
  maxBytes: number,
  declaredLength?: number,
): Promise<string> {
  return (await readCappedBody(body, maxBytes, declaredLength)).text
}

/** Whether V8's JSON error is about running out of text (a cut-off reply), not bad text. */
function endsEarly(message: string, length: number): boolean {
  if (/end of (JSON )?input/i.test(message)) return true
  const at = /at position (\d+)/.exec(message)
  return at !== null && Number(at[1]) >= length
}

export interface ParseJsonOptions {
  /**
   * True when the transport vouches that the whole reply arrived: its Content-Length was met, or
   * its chunked encoding ended properly (undici reports a real cut-off of either as a socket
   * error, which is a retryable network error). Then broken JSON is the server's fault and is
   * not retried. False when the reply's end is only the connection closing (no length, not
   * chunked): JSON that runs out of text there may well be a cut-off, worth a retry.
   */
  complete: boolean
}

/** JSON.parse with a protocol error; only an incomplete reply that stops mid-way is "truncated". */
export function parseJsonReply(text: string, opts: ParseJsonOptions): unknown {
  if (text.trim() === '') {
    throw new AppError('protocol', msg('replyEmpty'), { cause: 'empty-body' })
  }
  try {
    return JSON.parse(text)
  } catch (err) {
    const truncated =
      !opts.complete && err instanceof SyntaxError && endsEarly(err.message, text.trimEnd().length)
    throw new AppError(
      'protocol',
      truncated ? msg('replyCutOff') : msg('replyNotJson'),
      { cause: truncated ? TRUNCATED_BODY : INVALID_JSON },
      { cause: err },
    )
  }
}
