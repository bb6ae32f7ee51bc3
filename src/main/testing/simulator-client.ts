import { request, type Dispatcher } from 'undici'
import { signRequest, type SigningOptions } from '../isales/c2-signer'
import type { Simulator } from '../simulator/server'

/**
 * A minimal signed HTTPS call for the simulator's own tests (and handy for e2e/bench scripts):
 * the real client lives elsewhere. Options exist mostly to break the request on purpose.
 */

export interface CallOptions {
  method?: 'GET' | 'POST'
  path: string
  query?: Record<string, string>
  /** An object is serialised once with JSON.stringify; a string is sent as is. */
  body?: unknown
  /** Extra headers; override the defaults (Content-Type, Authorization). */
  headers?: Record<string, string>
  /** 'none' sends no Authorization header. */
  auth?: 'sign' | 'none'
  date?: Date
  ak?: string
  sk?: string
  signing?: SigningOptions
  /** Host value to sign instead of the real one. */
  signedHost?: string
  /** Body to send instead of the signed one. */
  sentBody?: string
}

export interface CallResult {
  status: number
  headers: Record<string, string | string[] | undefined>
  text: string
  json: () => Record<string, unknown>
}

export async function callSimulator(
  sim: Simulator,
  dispatcher: Dispatcher,
  options: CallOptions,
): Promise<CallResult> {
  const method = options.method ?? 'POST'
  const body =
    options.body === undefined
      ? undefined
      : typeof options.body === 'string'
        ? options.body
        : JSON.stringify(options.body)
  const host = `${sim.host}:${sim.port}`
  const headers: Record<string, string> =
    body !== undefined ? { 'content-type': 'application/json; charset=UTF-8' } : {}
  if (body !== undefined)
    headers['content-length'] = String(Buffer.byteLength(options.sentBody ?? body))
  if ((options.auth ?? 'sign') === 'sign') {
    headers.authorization = signRequest({
      ak: options.ak ?? sim.ak,
      sk: options.sk ?? sim.sk,
      method,
      path: options.path,
      ...(options.query ? { query: options.query } : {}),
      headers: { ...headers, ...options.headers, host: options.signedHost ?? host },
      ...(body !== undefined ? { body } : {}),
      date: options.date ?? new Date(),
      ...(options.signing ? { options: options.signing } : {}),
    }).authorization
  }
  Object.assign(headers, options.headers)
  const search = options.query ? '?' + new URLSearchParams(options.query).toString() : ''
  const res = await request(`${sim.url}${options.path}${search}`, {
    method,
    headers,
    dispatcher,
    ...(body !== undefined ? { body: options.sentBody ?? body } : {}),
  })
  const text = await res.body.text()
  return {
    status: res.statusCode,
    headers: res.headers,
    text,
    json: () => JSON.parse(text) as Record<string, unknown>,
  }
}
