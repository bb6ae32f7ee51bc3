import { AppError } from '../../shared/errors'

/** Reading a reply body with a size cap, and turning it into JSON with protocol errors. */

export const DEFAULT_MAX_RESPONSE_BYTES = 20 * 1024 * 1024

/** Marks a protocol error caused by a cut-off body, which is worth a retry (see retry.ts). */
export const TRUNCATED_BODY = 'truncated-body'

export interface ReadableBody extends AsyncIterable<Uint8Array> {
  destroy(error?: Error): unknown
}

export function tooLargeError(maxBytes: number): AppError {
  return new AppError(
    'protocol',
    `The server's reply is too large (over ${Math.round(maxBytes / 1024)} KiB), so reading stopped. Ask for fewer tasks per page, or check that the address points to a CC-iSales server.`,
    { cause: 'reply-too-large' },
  )
}

/**
 * Reads the whole body as UTF-8, stopping (and destroying the stream, which frees the socket) as
 * soon as it passes maxBytes, so a runaway reply never sits in memory.
 */
export async function readCappedText(
  body: ReadableBody,
  maxBytes: number,
  declaredLength?: number,
): Promise<string> {
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
  return Buffer.concat(chunks, total).toString('utf8')
}

/** Whether V8's JSON error is about running out of text (a cut-off reply), not bad text. */
function endsEarly(message: string, length: number): boolean {
  if (/end of (JSON )?input/i.test(message)) return true
  const at = /at position (\d+)/.exec(message)
  return at !== null && Number(at[1]) >= length
}

/** JSON.parse with a protocol error; a reply that stops mid-way is flagged as truncated. */
export function parseJsonReply(text: string): unknown {
  if (text.trim() === '') {
    throw new AppError(
      'protocol',
      "The server's reply is empty. Check that the address points to a CC-iSales server.",
      { cause: 'empty-body' },
    )
  }
  try {
    return JSON.parse(text)
  } catch (err) {
    const truncated = err instanceof SyntaxError && endsEarly(err.message, text.trimEnd().length)
    throw new AppError(
      'protocol',
      truncated
        ? "The server's reply was cut off before its end. Try again; if it keeps happening, check your network or VPN."
        : "The server's reply is not valid JSON. Check that the address points to a CC-iSales server (and not a web page or proxy).",
      truncated ? { cause: TRUNCATED_BODY } : { cause: 'invalid-json' },
      { cause: err },
    )
  }
}
