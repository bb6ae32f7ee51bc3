import type { ProfileInput } from '../../shared/contract'
import type { ServerProfile } from '../../shared/profile'
import { silentLog, type Log } from '../log/logger'
import { DemoController } from './demo-controller'
import { DEMO_PROFILE_ID, type DemoServer } from './demo-server'

/** A demo server as startDemo gives one, at `port`, that records whether it was stopped. */
function fakeServer(port: number): DemoServer & { stopped: boolean } {
  const server = {
    stopped: false,
    sk: `sk-${port}`,
    profile: {
      id: DEMO_PROFILE_ID,
      name: 'Demo server (built-in)',
      serverUrl: `https://127.0.0.1:${port}`,
      vdnId: 1,
      ak: `ak-${port}`,
      signing: { timestampFormat: 'seconds', signedHeaders: ['host'] },
      tls: { mode: 'pin', fingerprint256: `FP-${port}`, subject: 'CN=localhost', trustedAt: 'now' },
      campaigns: [
        { id: '3001', label: 'Broadband' },
        { id: '3002', label: 'Cards' },
      ],
      demo: true,
    } satisfies ServerProfile,
    async stop() {
      server.stopped = true
    },
  }
  return server
}

function setup(opts: { start?: () => Promise<DemoServer>; saved?: ServerProfile } = {}) {
  const stored = new Map<string, ServerProfile>()
  if (opts.saved) stored.set(opts.saved.id, opts.saved)
  const secrets: { id: string; sk: string; sessionOnly: boolean }[] = []
  const changed: string[] = []
  const warnings: unknown[][] = []
  const log: Log = { ...silentLog, warn: (...a) => void warnings.push(a) }
  const controller = new DemoController({
    profiles: {
      find: (id) => stored.get(id),
      async save(input: ProfileInput, o?: { demo?: boolean }) {
        const profile = { ...input, id: input.id!, ...(o?.demo ? { demo: true } : {}) }
        stored.set(profile.id, profile)
        return profile
      },
    },
    secrets: {
      async set(id, sk, { sessionOnly }) {
        secrets.push({ id, sk, sessionOnly })
        return 'session'
      },
    },
    monitor: { profileChanged: (id) => void changed.push(id) },
    log,
    start: opts.start ?? (async () => fakeServer(4000)),
  })
  return { controller, stored, secrets, changed, warnings }
}

describe('DemoController', () => {
  it('saves the demo profile for the new server, its SK for this session only', async () => {
    const { controller, stored, secrets, changed } = setup()
    const profile = await controller.ensure()
    expect(profile).toMatchObject({
      id: DEMO_PROFILE_ID,
      serverUrl: 'https://127.0.0.1:4000',
      demo: true,
    })
    expect(stored.get(DEMO_PROFILE_ID)).toEqual(profile)
    expect(secrets).toEqual([{ id: DEMO_PROFILE_ID, sk: 'sk-4000', sessionOnly: true }])
    expect(changed).toEqual([DEMO_PROFILE_ID])
  })

  it('keeps the campaigns the person chose, taking address, keys and pin from the new server', async () => {
    const saved = { ...fakeServer(3000).profile, campaigns: [{ id: '3002', label: 'Mine' }] }
    const { controller } = setup({ saved })
    const profile = await controller.ensure()
    expect(profile.campaigns).toEqual([{ id: '3002', label: 'Mine' }])
    expect(profile).toMatchObject({ serverUrl: 'https://127.0.0.1:4000', ak: 'ak-4000' })
    expect(profile.tls).toMatchObject({ fingerprint256: 'FP-4000' })
  })

  it('after shutDown, a start in progress ends cancelled and stop() stops its server', async () => {
    const server = fakeServer(4000)
    let release!: () => void
    const started = new Promise<void>((resolve) => (release = resolve))
    const { controller, stored } = setup({ start: () => started.then(() => server) })
    const ensuring = controller.ensure()
    controller.shutDown()
    release()
    await expect(ensuring).rejects.toMatchObject({
      code: 'cancelled',
      message: 'The app is shutting down.',
    })
    expect(stored.size).toBe(0)
    expect(server.stopped).toBe(false)
    await controller.stop()
    expect(server.stopped).toBe(true)
    await expect(controller.ensure()).rejects.toMatchObject({ code: 'cancelled' })
  })

  it('stop() after a failed start does nothing and does not throw', async () => {
    const { controller } = setup({ start: () => Promise.reject(new Error('no port')) })
    await expect(controller.ensure()).rejects.toThrow('no port')
    await expect(controller.stop()).resolves.toBeUndefined()
  })

  it('at start-up, restarts the demo only when its profile was saved', async () => {
    const start = vi.fn(async () => fakeServer(4000))
    const without = setup({ start })
    expect(await without.controller.resumeSaved()).toBeNull()
    expect(start).not.toHaveBeenCalled()

    const saved = fakeServer(3000).profile
    const withDemo = setup({ start, saved })
    expect(await withDemo.controller.resumeSaved()).toBeNull()
    expect(start).toHaveBeenCalledTimes(1)
    expect(withDemo.stored.get(DEMO_PROFILE_ID)?.serverUrl).toBe('https://127.0.0.1:4000')
  })

  it('at start-up, a demo that cannot start gives a notice and a log warning', async () => {
    const saved = fakeServer(3000).profile
    const failure = new Error('EADDRINUSE')
    const { controller, warnings } = setup({ saved, start: () => Promise.reject(failure) })
    expect(await controller.resumeSaved()).toMatchObject({
      messageId: 'demoNotStarted',
      message: expect.stringMatching(/^The built-in demo server could not start/),
    })
    expect(warnings).toEqual([['The demo server did not start', { error: failure }]])
  })
})
