import type { ServerResponse } from 'node:http'

/**
 * The simulator's two fault replies that stream their body: a slow one (the client's body timeout)
 * and a huge one (its reply-size cap). Apart from server.ts so that file stays readable.
 */

export const JSON_TYPE = 'application/json;charset=UTF-8'

/** What the writers need of the server: cancellable waits, ending a reply, and shutdown. */
export interface BodyIo {
  /** Resolves true after ms, or false early when the server closes. */
  wait(ms: number): Promise<boolean>
  /** Ends the reply and stops counting it as in flight. */
  endReply(res: ServerResponse, chunk?: string | Buffer): void
  isClosed(): boolean
}

/** The reply in up to 10 pieces spread over totalMs; the last byte goes out with its end. */
export async function writeSlowly(
  res: ServerResponse,
  status: number,
  body: Buffer,
  totalMs: number,
  io: BodyIo,
): Promise<void> {
  res.writeHead(status, { 'Content-Type': JSON_TYPE, 'Content-Length': body.length })
  res.flushHeaders()
  const size = Math.max(1, Math.ceil(body.length / 10))
  const pieces = Math.max(1, Math.ceil(body.length / size))
  for (let i = 0; i < pieces; i++) {
    if (!(await io.wait(totalMs / pieces)) || res.destroyed) return
    const chunk = body.subarray(i * size, (i + 1) * size)
    if (i === pieces - 1) io.endReply(res, chunk)
    else res.write(chunk)
  }
}

/** A valid success reply of about `bytes`, repeating one sample task. */
export async function writeHugeBody(
  res: ServerResponse,
  bytes: number,
  sampleTask: object,
  io: BodyIo,
): Promise<void> {
  const sample = JSON.stringify(sampleTask)
  const perUnit = Math.max(1, Math.floor(65_536 / (sample.length + 1)))
  const unit = (sample + ',').repeat(perUnit)
  // Chunked on purpose: the client cannot refuse it from Content-Length and must count bytes.
  res.writeHead(200, { 'Content-Type': JSON_TYPE })
  res.write('{"result":[')
  let written = 11
  let items = 0
  while (written + unit.length + sample.length < bytes) {
    if (res.destroyed || io.isClosed()) return
    written += unit.length
    items += perUnit
    if (!res.write(unit)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          res.off('drain', done)
          res.off('close', done)
          resolve()
        }
        res.on('drain', done)
        res.on('close', done)
      })
    }
  }
  if (res.destroyed) return
  const tail = { count: items + 1, resultCode: '0200000', resultDesc: 'success' }
  io.endReply(res, `${sample}],${JSON.stringify(tail).slice(1)}`)
}
