/**
 * The one way to the main process: `window.isales` (src/shared/api.ts). Only stores call it.
 * Tests inject a fake with setIsales(); call() turns a bridge that throws (a bug, a closed
 * harness) into an ordinary Result error so nothing fails silently.
 */
import type { IsalesApi } from '@shared/api'
import type { Result } from '@shared/contract'
import { BRIDGE_FAILURE_CAUSE } from './logic/error-view'

let injected: IsalesApi | null = null

export function setIsales(api: IsalesApi | null): void {
  injected = api
}

export function isales(): IsalesApi {
  if (injected) return injected
  const api = (globalThis as { isales?: IsalesApi }).isales
  if (!api) throw new Error('window.isales is not available')
  return api
}

export async function call<T>(run: (api: IsalesApi) => Promise<Result<T>>): Promise<Result<T>> {
  try {
    const result = await run(isales())
    if (result && typeof result === 'object' && 'ok' in result) return result
    throw new Error('The bridge answered something that is not a Result')
  } catch (err) {
    console.error('Bridge call failed', err)
    return {
      ok: false,
      error: {
        code: 'internal',
        message: 'The window could not reach the app.',
        detail: { cause: BRIDGE_FAILURE_CAUSE },
      },
    }
  }
}

/** Subscribes to a main → window event; a missing bridge means no events (and no crash). */
export function subscribe(attach: (api: IsalesApi) => () => void): () => void {
  try {
    return attach(isales())
  } catch (err) {
    console.error('Bridge subscription failed', err)
    return () => undefined
  }
}
