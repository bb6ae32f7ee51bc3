import { ServerSlots } from '../isales/server-slots'
import type { Dispatcher } from 'undici'
import { AppError } from '../../shared/errors'
import type { ImportTask } from '../../shared/import-task'
import type { ServerProfile } from '../../shared/profile'
import { IsalesClient } from '../isales/client'
import { probeCertificate } from '../tls/probe'
import { createAgent } from '../tls/agent-factory'
import { normalizeFingerprint } from '../tls/trust'
import { STUCK_BEGUN_MS } from '../simulator/world'
import {
  DEMO_CAMPAIGNS,
  DEMO_PROFILE_ID,
  startDemo,
  stopDemo,
  type DemoServer,
} from './demo-server'

const dispatchers: Dispatcher[] = []

afterEach(async () => {
  await stopDemo()
  for (const d of dispatchers.splice(0)) await d.close()
})

function pinnedClient(profile: ServerProfile, sk: string, fingerprint?: string): IsalesClient {
  if (profile.tls.mode !== 'pin') throw new Error('expected a pinned profile')
  const dispatcher = createAgent({
    mode: 'pin',
    fingerprint256: fingerprint ?? profile.tls.fingerprint256,
  })
  dispatchers.push(dispatcher)
  return new IsalesClient({
    baseUrl: profile.serverUrl,
    vdnId: profile.vdnId,
    ak: profile.ak,
    sk,
    signing: profile.signing,
    dispatcher,
    timeouts: { headersMs: 5000, bodyMs: 5000 },
  })
}

/** Status and counters of every task, keyed by id: what a supervisor would see move. */
function fingerprintOf(tasks: ImportTask[]): string {
  return JSON.stringify(tasks.map((t) => [t.id, t.status, t.succNum, t.failNum, t.repeatNum]))
}

describe('startDemo', () => {
  it('serves a pinned, signed simulator on a random loopback port', async () => {
    const demo = await startDemo({ tickIntervalMs: 60_000 })
    const { profile } = demo
    const url = new URL(profile.serverUrl)
    expect(url.protocol).toBe('https:')
    expect(url.hostname).toBe('127.0.0.1')
    expect(Number(url.port)).toBeGreaterThan(0)
    expect(profile).toMatchObject({
      id: DEMO_PROFILE_ID,
      name: 'Demo server (built-in)',
      vdnId: 1,
      demo: true,
      signing: { timestampFormat: 'seconds', signedHeaders: ['host'] },
    })
    expect(profile.ak).toMatch(/^\S+$/)
    expect(demo.sk.length).toBeGreaterThanOrEqual(20)
    expect(profile.campaigns).toEqual(DEMO_CAMPAIGNS.map((c) => ({ id: c.id, label: c.name })))

    // The pin is the certificate the server really presents.
    const presented = await probeCertificate(profile.serverUrl, { gate: new ServerSlots() })
    expect(profile.tls).toMatchObject({
      mode: 'pin',
      fingerprint256: presented.fingerprint256,
      subject: presented.subject,
    })
    if (profile.tls.mode !== 'pin') throw new Error('unreachable')
    expect(profile.tls.subject).toContain('CN=localhost')
    expect(Date.parse(profile.tls.trustedAt)).toBeLessThanOrEqual(Date.now())
    expect(normalizeFingerprint(profile.tls.fingerprint256)).toBe(profile.tls.fingerprint256)
  })

  it('answers the real client through the pinned agent, with the campaign mix', async () => {
    const demo = await startDemo({ tickIntervalMs: 60_000 })
    const client = pinnedClient(demo.profile, demo.sk)

    const { campaigns } = await client.listCampaigns()
    expect(campaigns.map((c) => c.id)).toEqual(DEMO_CAMPAIGNS.map((c) => c.id))
    expect(campaigns.map((c) => c.name)).toEqual(DEMO_CAMPAIGNS.map((c) => c.name))

    const large = await client.queryImportTasks({ campaignId: '3001', offset: 0, limit: 100 })
    expect(large.count).toBeGreaterThanOrEqual(2000)
    expect(large.tasks).toHaveLength(100)
    expect(large.tasks.some((t) => t.status === '0' || t.status === '1')).toBe(true)

    const black = await client.queryImportTasks({ campaignId: '3002', offset: 0, limit: 10 })
    expect(black.tasks.every((t) => typeof t.blackNum === 'number')).toBe(true)

    const small = await client.queryImportTasks({ campaignId: '3003', offset: 0, limit: 100 })
    expect(small.tasks).toHaveLength(12)

    const empty = await client.queryImportTasks({ campaignId: '3004', offset: 0, limit: 100 })
    expect(empty.tasks).toEqual([])

    // Every state: an idle campaign (nothing in progress) and a stuck import, begun 90 min ago.
    const idle = await client.queryImportTasks({ campaignId: '3005', offset: 0, limit: 100 })
    expect(idle.tasks.some((t) => t.status === '0' || t.status === '1')).toBe(false)
    const stuck = await client.queryImportTasks({ campaignId: '3006', offset: 0, limit: 100 })
    const running = stuck.tasks.filter((t) => t.status === '1')
    expect(running).toHaveLength(1)
    expect(Date.now() - Date.parse(running[0]!.beginTime!)).toBeGreaterThanOrEqual(STUCK_BEGUN_MS)
  })

  it('is refused with a certificate-changed error when the pin does not match', async () => {
    const demo = await startDemo({ tickIntervalMs: 60_000 })
    const wrong = `${'AB:'.repeat(31)}AB`
    const client = pinnedClient(demo.profile, demo.sk, wrong)
    const err = await client.listCampaigns().catch((e: unknown) => e)
    expect(err).toBeInstanceOf(AppError)
    expect((err as AppError).code).toBe('cert-changed')
  })

  it('keeps the campaign in motion: tasks advance and new ones appear', async () => {
    const demo = await startDemo({ tickIntervalMs: 50 })
    const client = pinnedClient(demo.profile, demo.sk)
    const query = { campaignId: '3001', offset: 0, limit: 20 }
    const before = await client.queryImportTasks(query)
    const running = before.tasks.filter((t) => t.status === '0' || t.status === '1')
    expect(running.length).toBeGreaterThan(0)

    await vi.waitFor(
      async () => {
        const now = await client.queryImportTasks(query)
        expect(fingerprintOf(now.tasks)).not.toBe(fingerprintOf(before.tasks))
      },
      { timeout: 5000, interval: 100 },
    )
    // Given time, an import that was running finishes (2 imported or 3 failed).
    const watched = running[running.length - 1]!
    await vi.waitFor(
      async () => {
        const { tasks } = await client.queryImportTasks({
          campaignId: '3001',
          offset: 0,
          limit: 1,
          importTaskIds: [watched.id],
        })
        expect(['2', '3']).toContain(tasks[0]?.status)
      },
      { timeout: 5000, interval: 100 },
    )
  })

  it('is idempotent while running, and stop() closes the server', async () => {
    const [a, b] = await Promise.all([
      startDemo({ tickIntervalMs: 60_000 }),
      startDemo({ tickIntervalMs: 60_000 }),
    ])
    expect(b).toBe(a)
    const c: DemoServer = await startDemo()
    expect(c).toBe(a)

    const client = pinnedClient(a.profile, a.sk)
    await client.listCampaigns()
    await a.stop()
    await a.stop() // twice is harmless
    const err = await client.listCampaigns().catch((e: unknown) => e)
    expect(err).toBeInstanceOf(AppError)
    expect((err as AppError).code).toBe('network')

    const fresh = await startDemo({ tickIntervalMs: 60_000 })
    expect(fresh).not.toBe(a)
    expect(fresh.sk).not.toBe(a.sk)
  })
})
