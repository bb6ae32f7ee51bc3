import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { APP_ENTRY_URL, APP_ORIGIN } from '../window/app-protocol'
import { CHANNELS, type Channel } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import { SERVER_URL_MESSAGE } from '../../shared/server-url'
import { createLogger, type Log } from '../log/logger'
import {
  createDispatcher,
  FOREIGN_SENDER_MESSAGE,
  INTERNAL_MESSAGE,
  type Handlers,
  type SenderInfo,
} from './registry'

const DEV_ORIGIN = 'http://localhost:5173'
/** Where the built page used to load from: never trusted, whatever the trusted pages say. */
const BUILT_FILE = pathToFileURL(join(tmpdir(), 'My Apps', 'out', 'renderer', 'index.html')).href
const SK = 'sk-VERY-secret-0123456789abcdef'

const app: SenderInfo = { url: `${DEV_ORIGIN}/`, isMainFrame: true }
/** A profile as the edit dialog sends it. */
const LAB_PROFILE = {
  name: 'Lab',
  serverUrl: 'https://10.0.0.1:28090',
  vdnId: 1,
  ak: 'ak',
  signing: { timestampFormat: 'seconds', signedHeaders: ['host'] },
  tls: { mode: 'system' },
  campaigns: [],
}

function fakeHandlers(): Handlers & Record<Channel, ReturnType<typeof vi.fn>> {
  const entries = Object.keys(CHANNELS).map((c) => [c, vi.fn(async () => null)])
  return Object.fromEntries(entries) as unknown as Handlers &
    Record<Channel, ReturnType<typeof vi.fn>>
}

function recordingLog(): Log & { lines: unknown[][] } {
  const lines: unknown[][] = []
  return {
    lines,
    info: (...a) => void lines.push(['info', ...a]),
    warn: (...a) => void lines.push(['warn', ...a]),
    error: (...a) => void lines.push(['error', ...a]),
  }
}

function setup() {
  const handlers = fakeHandlers()
  const log = recordingLog()
  const dispatch = createDispatcher(handlers, { log, trustedPages: [DEV_ORIGIN, APP_ORIGIN] })
  return { handlers, log, dispatch }
}

describe('dispatch: happy path', () => {
  it('passes parsed arguments and a context to the handler and wraps the result', async () => {
    const { handlers, dispatch } = setup()
    handlers['tasks:cached'].mockResolvedValue({ marker: 1 })
    const signal = new AbortController().signal
    const result = await dispatch(
      'tasks:cached',
      app,
      { profileId: ' p1 ', campaignId: 'c1' },
      { signal },
    )
    expect(result).toEqual({ ok: true, data: { marker: 1 } })
    expect(handlers['tasks:cached']).toHaveBeenCalledWith(
      { profileId: 'p1', campaignId: 'c1' },
      { signal },
    )
  })

  it("accepts the window's request ids (UUIDs)", async () => {
    const { handlers, dispatch } = setup()
    const requestId = '0f8fad5b-d9cb-469f-a165-70867728950e'
    const result = await dispatch('tasks:cancel', app, { requestId })
    expect(result).toEqual({ ok: true, data: null })
    expect(handlers['tasks:cancel']).toHaveBeenCalledWith({ requestId }, expect.anything())
  })

  it('refuses to build without a handler for every channel', () => {
    const handlers = fakeHandlers() as Partial<Handlers>
    delete handlers['tasks:cancel']
    expect(() =>
      createDispatcher(handlers as Handlers, { log: recordingLog(), trustedPages: [DEV_ORIGIN] }),
    ).toThrow(/tasks:cancel/)
  })
})

describe('dispatch: malformed arguments', () => {
  const cases: Array<[string, Channel, unknown, string, RegExp]> = [
    ['missing field', 'profiles:delete', {}, 'profileId', /missing the field "profileId"/],
    [
      'wrong type',
      'profiles:delete',
      { profileId: 5 },
      'profileId',
      /"profileId" must be a string/,
    ],
    [
      'extra field',
      'profiles:delete',
      { profileId: 'p1', admin: true },
      'admin',
      /unexpected field "admin"/,
    ],
    ['empty string', 'profiles:delete', { profileId: '  ' }, 'profileId', /must not be empty/],
    ['not an object', 'profiles:list', 'hello', 'arguments', /must be an object/],
    ['no arguments', 'profiles:list', undefined, 'arguments', /must be an object/],
    [
      'nested wrong type',
      'tasks:refresh',
      { profileId: 'p', campaignId: 7, requestId: 'r' },
      'campaignId',
      /"campaignId" must be a string/,
    ],
    [
      'array element',
      'export:csv',
      { profileId: 'p', campaignId: 'c', taskIds: ['1', 'x'] },
      'taskIds[1]',
      /"taskIds\[1\]" is not in the expected format/,
    ],
    [
      'enum',
      'settings:update',
      { locale: 'fr' },
      'locale',
      /"locale" must be one of: system, en, zh-CN/,
    ],
    [
      'number bound',
      'settings:update',
      { refreshIntervalSec: 2 },
      'refreshIntervalSec',
      /at least 5/,
    ],
    [
      'request id with NUL',
      'tasks:refresh',
      { profileId: 'p', campaignId: 'c', requestId: 'r1\u0000' },
      'requestId',
      /"requestId" is not in the expected format/,
    ],
    [
      "request id in the monitor's own form",
      'tasks:cancel',
      { requestId: 'auto:1' },
      'requestId',
      /"requestId" is not in the expected format/,
    ],
    [
      'request id too long',
      'tasks:cancel',
      { requestId: 'r'.repeat(101) },
      'requestId',
      /"requestId" is not in the expected format/,
    ],
    [
      'extra nested field',
      'profiles:save',
      { profile: LAB_PROFILE, secret: { sk: SK, sessionOnly: false, extra: SK } },
      'secret.extra',
      /unexpected field "secret.extra"/,
    ],
  ]

  it.each(cases)('%s → validation error naming the field', async (_, channel, args, field, re) => {
    const { handlers, dispatch, log } = setup()
    const result = await dispatch(channel, app, args)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('validation')
    expect(result.error.detail).toEqual({ field })
    expect(result.error.message).toMatch(re)
    expect(result.error.message).toMatch(/^[A-Z].*\.$/)
    expect(handlers[channel]).not.toHaveBeenCalled()
    expect(JSON.stringify(log.lines)).not.toContain(SK)
  })

  it('names a deep field of a profile', async () => {
    const { dispatch } = setup()
    const result = await dispatch('profiles:save', app, {
      profile: {
        name: 'Lab',
        serverUrl: 'https://10.0.0.1:28090',
        vdnId: 'one',
        ak: 'ak',
        signing: { timestampFormat: 'seconds', signedHeaders: ['host'] },
        tls: { mode: 'system' },
        campaigns: [],
      },
      secret: { sk: SK, sessionOnly: false },
    })
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'validation',
        message: 'The field "profile.vdnId" must be a number.',
        detail: { field: 'profile.vdnId' },
      },
    })
  })

  it('refuses a bad server address with the one address sentence, before any handler', async () => {
    const { handlers, dispatch } = setup()
    const result = await dispatch('tls:probe', app, { serverUrl: 'http://10.0.0.1:28443' })
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'validation',
        message: SERVER_URL_MESSAGE,
        messageId: 'serverUrlInvalid',
        detail: { field: 'serverUrl' },
      },
    })
    expect(handlers['tls:probe']).not.toHaveBeenCalled()
  })
})

describe('dispatch: sender check', () => {
  const foreign: Array<[string, SenderInfo]> = [
    ['another origin', { url: 'https://evil.example/', isMainFrame: true }],
    ['another port', { url: 'http://localhost:5174/', isMainFrame: true }],
    ['https instead of http', { url: 'https://localhost:5173/', isMainFrame: true }],
    ['a subframe of our own page', { url: `${DEV_ORIGIN}/`, isMainFrame: false }],
    ['a subframe of the built page', { url: APP_ENTRY_URL, isMainFrame: false }],
    ['the built page opened from file://', { url: BUILT_FILE, isMainFrame: true }],
    ['a file in the parent folder', { url: pathToFileURL(tmpdir()).href, isMainFrame: true }],
    ['another host of our scheme', { url: 'app://other/index.html', isMainFrame: true }],
    ['our host with a port', { url: 'app://bundle:8080/index.html', isMainFrame: true }],
    ['our host with a user name', { url: 'app://evil@bundle/index.html', isMainFrame: true }],
    ['a look-alike host', { url: 'app://bundle.evil/index.html', isMainFrame: true }],
    ['a destroyed frame', { url: '', isMainFrame: false }],
    ['about:blank', { url: 'about:blank', isMainFrame: true }],
    ['a data: page', { url: 'data:text/html,hi', isMainFrame: true }],
    ['a missing sender', undefined as unknown as SenderInfo],
    ['a truthy non-boolean flag', { url: `${DEV_ORIGIN}/`, isMainFrame: 1 as unknown as boolean }],
  ]

  it.each(foreign)('refuses %s and never runs the handler', async (_, sender) => {
    const { handlers, dispatch, log } = setup()
    const result = await dispatch('profiles:list', sender, {})
    expect(result).toEqual({
      ok: false,
      error: { code: 'validation', message: FOREIGN_SENDER_MESSAGE },
    })
    expect(handlers['profiles:list']).not.toHaveBeenCalled()
    expect(log.lines.some(([level]) => level === 'warn')).toBe(true)
  })

  it('refuses before parsing, so a foreign sender learns nothing about the schema', async () => {
    const { dispatch } = setup()
    const result = await dispatch(
      'profiles:delete',
      { url: 'https://x.test/', isMainFrame: true },
      {},
    )
    expect(result.ok || result.error.message).toBe(FOREIGN_SENDER_MESSAGE)
  })

  it.each([
    ['the dev server root', `${DEV_ORIGIN}/`],
    ['a dev server route', `${DEV_ORIGIN}/index.html#/settings`],
    ['the built page', APP_ENTRY_URL],
    ['the built page with a hash route', `${APP_ENTRY_URL}#/tasks?x=1`],
    ['the bundle root', `${APP_ORIGIN}/`],
  ])('trusts %s', async (_, url) => {
    const { handlers, dispatch } = setup()
    const result = await dispatch('profiles:list', { url, isMainFrame: true }, {})
    expect(result.ok).toBe(true)
    expect(handlers['profiles:list']).toHaveBeenCalledOnce()
  })

  it('trusts the e2e harness origin when given', async () => {
    const handlers = fakeHandlers()
    const dispatch = createDispatcher(handlers, {
      log: recordingLog(),
      trustedPages: ['http://127.0.0.1:41234'],
    })
    const ok = await dispatch('app:info', { url: 'http://127.0.0.1:41234/', isMainFrame: true }, {})
    const other = await dispatch(
      'app:info',
      { url: 'http://127.0.0.1:41235/', isMainFrame: true },
      {},
    )
    expect(ok.ok).toBe(true)
    expect(other.ok).toBe(false)
  })
})

describe('dispatch: trusted pages', () => {
  it.each([
    ['a file:// page', BUILT_FILE],
    ['a file:// folder', pathToFileURL(tmpdir()).href],
    ['about:blank', 'about:blank'],
    ['not a URL', 'bundle'],
  ])('refuses to be built trusting %s', (_, page) => {
    expect(() =>
      createDispatcher(fakeHandlers(), { log: recordingLog(), trustedPages: [page] }),
    ).toThrow(/Not a trusted page/)
  })
})

describe('dispatch: unknown channels', () => {
  it.each(['nope:nothing', '__proto__', 'toString', 'constructor', ''])(
    'refuses %j',
    async (channel) => {
      const { dispatch } = setup()
      const result = await dispatch(channel, app, {})
      expect(result.ok).toBe(false)
      if (!result.ok) {
        expect(result.error.code).toBe('validation')
        expect(result.error.message).toMatch(/^Request refused/)
      }
    },
  )
})

describe('dispatch: errors', () => {
  it('passes an AppError through intact', async () => {
    const { handlers, dispatch } = setup()
    const detail = { presentedFingerprint: 'AA:BB', expectedFingerprint: 'CC:DD' }
    handlers['tls:probe'].mockRejectedValue(
      new AppError('cert-changed', 'The server certificate changed.', detail),
    )
    const result = await dispatch('tls:probe', app, { serverUrl: 'https://10.0.0.1' })
    expect(result).toEqual({
      ok: false,
      error: { code: 'cert-changed', message: 'The server certificate changed.', detail },
    })
  })

  it('turns any other error into the generic message and logs it with its stack', async () => {
    const { handlers, dispatch, log } = setup()
    handlers['tasks:refresh'].mockRejectedValue(new TypeError('cannot read x of undefined'))
    const result = await dispatch('tasks:refresh', app, {
      profileId: 'p',
      campaignId: 'c',
      requestId: 'r1',
    })
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: INTERNAL_MESSAGE } })
    expect(JSON.stringify(result)).not.toContain('cannot read')
    const entry = log.lines.find(([level]) => level === 'error')
    expect(entry?.[2]).toMatchObject({ channel: 'tasks:refresh', error: expect.any(TypeError) })
    expect((entry?.[2] as { error: Error }).error.stack).toContain('cannot read x of undefined')
  })

  it('catches a handler that throws synchronously', async () => {
    const { handlers, dispatch } = setup()
    handlers['app:info'].mockImplementation(() => {
      throw new Error('sync')
    })
    const result = await dispatch('app:info', app, {})
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: INTERNAL_MESSAGE } })
  })
})

describe('dispatch: secrets never reach the log', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'registry-log-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('keeps the SK out of every log entry, with a recording log and the real file logger', async () => {
    const fileLog = createLogger({ dir })
    const rec = recordingLog()
    const both: Log = {
      info: (m, c) => (rec.info(m, c), fileLog.info(m, c)),
      warn: (m, c) => (rec.warn(m, c), fileLog.warn(m, c)),
      error: (m, c) => (rec.error(m, c), fileLog.error(m, c)),
    }
    const handlers = fakeHandlers()
    const dispatch = createDispatcher(handlers, { log: both, trustedPages: [DEV_ORIGIN] })
    handlers['profiles:save'].mockRejectedValue(new Error('disk exploded'))
    handlers['tls:probe'].mockRejectedValue(new Error('probe exploded'))

    // The SK only ever arrives with profiles:save; the old secrets:set is an unknown request.
    const removed = await dispatch('secrets:set', app, {
      profileId: 'p',
      sk: SK,
      sessionOnly: true,
    })
    expect(removed).toMatchObject({ ok: false, error: { code: 'validation' } })
    await dispatch('profiles:save', app, {
      profile: LAB_PROFILE,
      secret: { sk: SK, sessionOnly: 'yes' },
    })
    await dispatch(
      'profiles:save',
      { url: 'https://evil.test/', isMainFrame: true },
      { secret: { sk: SK } },
    )
    await dispatch('profiles:save', app, {
      profile: LAB_PROFILE,
      secret: { sk: SK, sessionOnly: false },
    })
    // A channel that is not a secrets channel still has any `sk` key redacted (it fails parsing).
    await dispatch('tls:probe', app, { serverUrl: 'https://x', sk: SK })

    expect(rec.lines.length).toBeGreaterThanOrEqual(5)
    expect(JSON.stringify(rec.lines)).not.toContain(SK)
    expect(await readFile(fileLog.file, 'utf8')).not.toContain(SK)
  })
})
