/** The simulator's small request helpers: credentials, a capped body, the URL's path and query. */
import { randomBytes } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

function randomKey(length: number): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
  return [...randomBytes(length)].map((b) => alphabet[b % alphabet.length]).join('')
}

export function generateCredentials(): { ak: string; sk: string } {
  return { ak: randomKey(20), sk: randomKey(40) }
}

/** The body as text, or null when it is over `limit` bytes (read to the end either way). */
export function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= limit) chunks.push(chunk)
    })
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

/** The raw path (undecoded, as signed) and the decoded query of a request URL. */
export function splitUrl(url: string): { rawPath: string; query: Record<string, string> } {
  const q = url.indexOf('?')
  if (q < 0) return { rawPath: url, query: {} }
  return {
    rawPath: url.slice(0, q),
    query: Object.fromEntries(new URLSearchParams(url.slice(q + 1))),
  }
}
