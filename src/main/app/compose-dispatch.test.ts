/**
 * Every channel of the composed app is reached only through the validated wrapper: malformed
 * arguments and foreign senders are refused before any handler runs.
 */
import { join } from 'node:path'
import { CHANNELS, type ArgsOf, type Channel } from '../../shared/contract'
import { FOREIGN_SENDER_MESSAGE, type SenderInfo } from '../ipc/registry'
import {
  APP_SENDER,
  removeRoot,
  startHarness,
  TRUSTED_ORIGIN,
  type Harness,
} from '../testing/compose-harness'

const ALL_CHANNELS = Object.keys(CHANNELS) as Channel[]

function draftArgs(): ArgsOf<'profiles:test'>['server'] {
  return {
    serverUrl: 'https://127.0.0.1:1',
    vdnId: 1,
    ak: 'AK',
    signing: { timestampFormat: 'seconds', signedHeaders: ['host'] },
    tls: { mode: 'system' },
    sk: 'sk-never-sent',
  }
}

/** Arguments each channel's schema accepts (the handler may still refuse them). */
function validArgs(root: string): { [C in Channel]: ArgsOf<C> } {
  return {
    'app:info': {},
    'app:openLogFolder': {},
    'settings:get': {},
    'settings:update': { notifications: false },
    'profiles:list': {},
    'profiles:save': {
      profile: {
        name: 'Refused',
        serverUrl: 'https://127.0.0.1:1',
        vdnId: 1,
        ak: 'AK',
        signing: { timestampFormat: 'seconds', signedHeaders: ['host'] },
        tls: { mode: 'system' },
        campaigns: [],
      },
      secret: { sk: 'sk-never-stored', sessionOnly: false },
    },
    'profiles:delete': { profileId: 'p1' },
    'profiles:export': {},
    'profiles:import': {},
    'demo:start': {},
    'secrets:clear': { profileId: 'p1' },
    'tls:probe': { serverUrl: 'https://127.0.0.1:1' },
    'tls:trust': { profileId: 'p1', fingerprint256: 'AA:BB' },
    'tls:pickCaFile': {},
    'campaigns:listRemote': { profileId: 'p1' },
    'profiles:test': { server: draftArgs() },
    'campaigns:listDraft': { server: draftArgs() },
    'tasks:cached': { profileId: 'p1', campaignId: '1001' },
    'tasks:refresh': { profileId: 'p1', campaignId: '1001', requestId: 'r1' },
    'tasks:cancel': { requestId: 'r1' },
    'tasks:stop': { profileId: 'p1', campaignId: '1001' },
    'tasks:open': { campaign: { profileId: 'p1', campaignId: '1001' } },
    'export:csv': { profileId: 'p1', campaignId: '1001', taskIds: ['1', '2'] },
    'export:showInFolder': { path: join(root, 'x.csv') },
    'alerts:list': {},
    'alerts:acknowledge': { ids: ['1'] },
    'alerts:mute': { profileId: 'p1', campaignId: '1001', muted: true },
    'overview:get': {},
  }
}

const FOREIGN_SENDERS: [string, SenderInfo][] = [
  ['another origin', { url: 'https://evil.example/', isMainFrame: true }],
  ['another port', { url: 'http://127.0.0.1:5174/', isMainFrame: true }],
  ['a local file', { url: 'file:///tmp/index.html', isMainFrame: true }],
  ['an iframe of our page', { url: `${TRUSTED_ORIGIN}/`, isMainFrame: false }],
  ['a frame that is gone', { url: '', isMainFrame: true }],
]

let h: Harness

beforeEach(async () => {
  h = await startHarness()
})

afterEach(async () => {
  await h.dispose()
  await removeRoot(h.root)
})

async function nothingChanged(): Promise<void> {
  expect(h.reached).toEqual([])
  expect(h.adapters.saveCalls).toEqual([])
  expect(h.adapters.openCalls).toEqual([])
  expect(h.adapters.opened).toEqual([])
  expect(h.keychain.entries.size).toBe(0)
  expect(h.events.events).toEqual([])
  expect(await h.ok('profiles:list', {})).toEqual([])
  expect((await h.ok('settings:get', {})).notifications).toBe(true)
}

describe('malformed arguments', () => {
  const malformed: [string, unknown][] = [
    ['an unknown field', { bogus: 1 }],
    ['not an object', 'tasks'],
    ['null', null],
    ['an array', [1]],
  ]

  for (const [what, args] of malformed) {
    it(`every channel refuses ${what} before its handler`, async () => {
      for (const channel of ALL_CHANNELS) {
        const result = await h.dispatch(channel, APP_SENDER, args)
        expect(result.ok, channel).toBe(false)
        expect(!result.ok && result.error.code, channel).toBe('validation')
      }
      await nothingChanged()
    })
  }

  it('names the unknown field', async () => {
    const result = await h.dispatch('tasks:cached', APP_SENDER, {
      profileId: 'p1',
      campaignId: '1',
      bogus: 1,
    })
    expect(result).toMatchObject({ ok: false, error: { detail: { field: 'bogus' } } })
  })

  it('refuses an unknown channel', async () => {
    const result = await h.dispatch('shell:exec', APP_SENDER, {})
    expect(result).toMatchObject({ ok: false, error: { code: 'validation' } })
  })
})

describe('foreign senders', () => {
  for (const [who, sender] of FOREIGN_SENDERS) {
    it(`every channel refuses ${who}, even with valid arguments`, async () => {
      const args = validArgs(h.root)
      for (const channel of ALL_CHANNELS) {
        const result = await h.dispatch(channel, sender, args[channel])
        expect(result, channel).toEqual({
          ok: false,
          error: { code: 'validation', message: FOREIGN_SENDER_MESSAGE },
        })
      }
      await nothingChanged()
    })
  }

  it('refuses a sender that is not an object', async () => {
    const result = await h.dispatch('settings:get', null as unknown as SenderInfo, {})
    expect(result).toMatchObject({ ok: false, error: { message: FOREIGN_SENDER_MESSAGE } })
    expect(h.reached).toEqual([])
  })

  it('the same valid arguments from the app window do reach every handler', async () => {
    // The control for the tests above: what was refused there was the sender, not the arguments.
    const args = validArgs(h.root)
    h.adapters.savePaths.push(null)
    h.adapters.openPaths.push(null, null)
    for (const channel of ALL_CHANNELS) {
      const result = await h.dispatch(channel, APP_SENDER, args[channel])
      if (!result.ok) expect(result.error.message, channel).not.toBe(FOREIGN_SENDER_MESSAGE)
    }
    expect([...new Set(h.reached)].sort()).toEqual([...ALL_CHANNELS].sort())
  })
})
