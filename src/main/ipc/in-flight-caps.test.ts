import { CHANNELS, type Channel } from '../../shared/contract'
import {
  MAX_LISTS_IN_FLIGHT_PER_WINDOW,
  MAX_PROBES_IN_FLIGHT_PER_WINDOW,
} from '../../shared/limits'
import { formatMessage } from '../../shared/messages'
import type { Log } from '../log/logger'
import { createInFlightCaps, REFUSAL_LOG_INTERVAL_MS } from './in-flight-caps'
import { createDispatcher, type Handlers, type SenderInfo } from './registry'

const ORIGIN = 'http://localhost:5173'
/** The window as the dispatcher sees it: its main frame. */
const sender: SenderInfo = { url: `${ORIGIN}/`, isMainFrame: true }
const PROBE = { serverUrl: 'https://10.0.0.1:28443' }
const LIST = { profileId: 'p1' }

/** Handlers that stay in flight until released, counting how often each was entered. */
function pendingHandlers() {
  const waiting: (() => void)[] = []
  const calls: Record<string, number> = {}
  const entries = Object.keys(CHANNELS).map((channel) => [
    channel,
    () => {
      calls[channel] = (calls[channel] ?? 0) + 1
      return new Promise((resolve) => waiting.push(() => resolve(null)))
    },
  ])
  return {
    handlers: Object.fromEntries(entries) as unknown as Handlers,
    calls,
    finishAll: () => waiting.splice(0).forEach((finish) => finish()),
  }
}

function recordingLog(): Log & { warnings: unknown[][] } {
  const warnings: unknown[][] = []
  return {
    warnings,
    info: () => undefined,
    warn: (...a) => void warnings.push(a),
    error: () => undefined,
  }
}

/** A window: its own abort signal, as electron-ipc.ts gives each web contents one. */
function fakeWindow() {
  return { signal: new AbortController().signal }
}

function setup(clock = { now: 0 }) {
  const { handlers, calls, finishAll } = pendingHandlers()
  const log = recordingLog()
  const dispatch = createDispatcher(handlers, {
    log,
    trustedPages: [ORIGIN],
    enterCall: createInFlightCaps({ log, now: () => clock.now }),
  })
  const call = (channel: Channel, args: unknown, window: { signal: AbortSignal }) =>
    dispatch(channel, sender, args, window)
  return { call, calls, finishAll, log, clock }
}

describe('per-window caps on probes and lists in flight', () => {
  it(`lets a window have ${MAX_PROBES_IN_FLIGHT_PER_WINDOW} probes in flight and refuses the next at once`, async () => {
    const { call, calls, finishAll } = setup()
    const win = fakeWindow()
    const running = Array.from({ length: MAX_PROBES_IN_FLIGHT_PER_WINDOW }, () =>
      call('tls:probe', PROBE, win),
    )
    const refused = await call('tls:probe', PROBE, win)
    expect(refused).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'validation',
        messageId: 'tooManyProbes',
        message: formatMessage('en', 'tooManyProbes', { max: MAX_PROBES_IN_FLIGHT_PER_WINDOW }),
      }),
    })
    expect(calls['tls:probe']).toBe(MAX_PROBES_IN_FLIGHT_PER_WINDOW)
    finishAll()
    for (const result of await Promise.all(running)) expect(result.ok).toBe(true)
  })

  it('counts Test connection and Trust with the probes, and both list channels together', async () => {
    const { call, finishAll } = setup()
    const win = fakeWindow()
    const trust = { profileId: 'p1', fingerprint256: 'AA' }
    // The probe slots filled with every kind of probe: probe, trust, then probe again.
    const kinds = [() => call('tls:probe', PROBE, win), () => call('tls:trust', trust, win)]
    const running = [
      ...Array.from({ length: MAX_PROBES_IN_FLIGHT_PER_WINDOW }, (_, i) => kinds[i % 2]!()),
      ...Array.from({ length: MAX_LISTS_IN_FLIGHT_PER_WINDOW }, () =>
        call('campaigns:listRemote', LIST, win),
      ),
    ]
    // Refused before their arguments are even read.
    expect(await call('profiles:test', {}, win)).toMatchObject({
      ok: false,
      error: { messageId: 'tooManyProbes' },
    })
    expect(await call('campaigns:listDraft', {}, win)).toMatchObject({
      ok: false,
      error: { messageId: 'tooManyLists' },
    })
    finishAll()
    for (const result of await Promise.all(running)) expect(result.ok).toBe(true)
  })

  it('gives every window its own count', async () => {
    const { call, finishAll } = setup()
    const first = fakeWindow()
    const second = fakeWindow()
    const running = Array.from({ length: MAX_PROBES_IN_FLIGHT_PER_WINDOW }, () =>
      call('tls:probe', PROBE, first),
    )
    expect(await call('tls:probe', PROBE, first)).toMatchObject({ ok: false })
    const other = call('tls:probe', PROBE, second)
    finishAll()
    expect(await other).toEqual({ ok: true, data: null })
    await Promise.all(running)
  })

  it('frees the slot when a call ends, whether it succeeded, failed or was refused as invalid', async () => {
    const { call, finishAll } = setup()
    const win = fakeWindow()
    for (let round = 0; round < 3; round++) {
      const running = Array.from({ length: MAX_PROBES_IN_FLIGHT_PER_WINDOW }, () =>
        call('tls:probe', PROBE, win),
      )
      // Invalid arguments are refused after entering: they must not keep a slot either.
      const invalid = await call('tls:probe', { serverUrl: 'ftp://x' }, win)
      expect(invalid).toMatchObject({ ok: false, error: { messageId: 'tooManyProbes' } })
      finishAll()
      await Promise.all(running)
      expect(await call('tls:probe', { serverUrl: 'ftp://x' }, win)).toMatchObject({
        ok: false,
        error: { code: 'validation', detail: { field: 'serverUrl' } },
      })
    }
  })

  it('leaves the other channels uncapped', async () => {
    const { call, finishAll } = setup()
    const win = fakeWindow()
    const running = Array.from({ length: 50 }, () =>
      call('tasks:cached', { profileId: 'p1', campaignId: 'c1' }, win),
    )
    finishAll()
    for (const result of await Promise.all(running)) expect(result.ok).toBe(true)
  })

  it('logs refusals at most once per channel per interval, with the count of those not logged', async () => {
    const { call, log, clock, finishAll } = setup()
    const win = fakeWindow()
    const running = Array.from({ length: MAX_PROBES_IN_FLIGHT_PER_WINDOW }, () =>
      call('tls:probe', PROBE, win),
    )
    for (let i = 0; i < 300; i++) await call('tls:probe', PROBE, win)
    expect(log.warnings).toHaveLength(1)
    expect(log.warnings[0]).toEqual([
      'Bridge request refused: too many in flight from this window',
      { channel: 'tls:probe', max: MAX_PROBES_IN_FLIGHT_PER_WINDOW },
    ])
    clock.now += REFUSAL_LOG_INTERVAL_MS - 1
    await call('tls:probe', PROBE, win)
    expect(log.warnings).toHaveLength(1)
    clock.now += 1
    await call('tls:probe', PROBE, win)
    expect(log.warnings).toHaveLength(2)
    expect(log.warnings[1]?.[1]).toEqual({
      channel: 'tls:probe',
      max: MAX_PROBES_IN_FLIGHT_PER_WINDOW,
      notLoggedSinceLastLine: 300,
    })
    finishAll()
    await Promise.all(running)
  })
})
