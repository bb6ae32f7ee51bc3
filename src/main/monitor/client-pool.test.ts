import type { ServerProfile } from '../../shared/profile'
import { generateCertificate } from '../simulator/certificate'
import { ServerSlots } from '../isales/server-slots'
import { ClientPool, clientKey, isalesClients, type CreateClient } from './client-pool'
import { trustOf } from '../isales/profile-client'

const PROFILE: ServerProfile = {
  id: 'p1',
  name: 'One',
  serverUrl: 'https://127.0.0.1:28443',
  vdnId: 1,
  ak: 'AK1',
  signing: { timestampFormat: 'seconds', signedHeaders: ['host'] },
  tls: { mode: 'system' },
  campaigns: [],
}

function fakes() {
  const log: string[] = []
  let n = 0
  const create: CreateClient = (profile, sk) => {
    const id = `${profile.id}#${++n}`
    log.push(`create ${id} ${sk}`)
    return {
      client: {
        queryImportTasks: async () => ({ tasks: [], count: 0 }),
        queryBlacklistTasks: async () => ({ tasks: [], count: 0 }),
      },
      close: () => void log.push(`close ${id}`),
    }
  }
  return { log, create }
}

/**
 * Lets queued closes run (a close starts in a microtask). Only for asserting that a close did NOT
 * happen, where there is nothing to wait for; a close that must happen is awaited with waitFor.
 */
const flushCloses = () => new Promise((r) => setImmediate(r))

describe('clientKey', () => {
  it('changes with the connection settings and the SK, not with name or campaigns', () => {
    const base = clientKey(PROFILE, 'SK')
    expect(
      clientKey({ ...PROFILE, name: 'Renamed', campaigns: [{ id: '1', label: '' }] }, 'SK'),
    ).toBe(base)
    expect(clientKey(PROFILE, 'SK2')).not.toBe(base)
    expect(clientKey({ ...PROFILE, ak: 'AK2' }, 'SK')).not.toBe(base)
    expect(
      clientKey({ ...PROFILE, tls: { mode: 'ca', caPem: 'x', caLabel: 'ca' } }, 'SK'),
    ).not.toBe(base)
    expect(base).not.toContain('SK')
  })
})

describe('ClientPool', () => {
  it('reuses a client, replaces it when the key changes, and closes the old one once released', async () => {
    const { log, create } = fakes()
    const pool = new ClientPool(create)
    const a = pool.acquire(PROFILE, 'SK')
    const b = pool.acquire(PROFILE, 'SK')
    expect(b.client).toBe(a.client)
    const c = pool.acquire(PROFILE, 'SK2') // retires #1, still leased twice
    expect(c.client).not.toBe(a.client)
    await flushCloses()
    expect(log).toEqual(['create p1#1 SK', 'create p1#2 SK2'])
    a.release()
    a.release() // twice is once
    await flushCloses()
    expect(log).toHaveLength(2)
    b.release()
    await vi.waitFor(() => expect(log.at(-1)).toBe('close p1#1'))
    expect(log).toEqual(['create p1#1 SK', 'create p1#2 SK2', 'close p1#1'])
    c.release()
    expect(pool.has('p1')).toBe(true)
  })

  it('drop closes an idle client now, a leased one when released; closeAll closes everything', async () => {
    const { log, create } = fakes()
    const pool = new ClientPool(create)
    pool.acquire(PROFILE, 'SK').release()
    pool.drop('p1')
    await vi.waitFor(() => expect(log.at(-1)).toBe('close p1#1'))
    expect(pool.has('p1')).toBe(false)

    const leased = pool.acquire(PROFILE, 'SK')
    pool.acquire({ ...PROFILE, id: 'p2' }, 'SK').release()
    pool.dropAll()
    // Closes run in the order they were queued: a wrong close of the leased p1#2 (queued first)
    // would come before p2#3's and this list would never match.
    await vi.waitFor(() =>
      expect(log.filter((l) => l.startsWith('close'))).toEqual(['close p1#1', 'close p2#3']),
    )
    await pool.closeAll()
    expect(log.at(-1)).toBe('close p1#2')
    leased.release() // after closeAll: no second close
    await flushCloses()
    expect(log.filter((l) => l === 'close p1#2')).toHaveLength(1)
  })

  it('drop closes a leased client at once, requests in flight included (a new pin or trust must not wait)', async () => {
    const log: string[] = []
    const pool = new ClientPool((profile) => ({
      client: {
        queryImportTasks: async () => ({ tasks: [], count: 0 }),
        queryBlacklistTasks: async () => ({ tasks: [], count: 0 }),
      },
      close: () => void log.push(`close ${profile.id}`),
      destroy: () => void log.push(`destroy ${profile.id}`),
    }))
    const leased = pool.acquire(PROFILE, 'SK')
    pool.drop('p1')
    await vi.waitFor(() => expect(log).toEqual(['destroy p1']))
    expect(pool.acquire(PROFILE, 'SK').client).not.toBe(leased.client) // a new one is made
    leased.release() // its fetch ends later: nothing is closed twice
    await flushCloses()
    expect(log).toEqual(['destroy p1'])
  })

  it('reports close failures instead of throwing', async () => {
    const errors: unknown[] = []
    const pool = new ClientPool(
      () => ({
        client: {
          queryImportTasks: async () => ({ tasks: [], count: 0 }),
          queryBlacklistTasks: async () => ({ tasks: [], count: 0 }),
        },
        close: () => Promise.reject(new Error('boom')),
      }),
      (e) => errors.push(e),
    )
    pool.acquire(PROFILE, 'SK').release()
    await pool.closeAll()
    expect(errors).toHaveLength(1)
  })
})

describe('isalesClients', () => {
  it('maps each TLS mode to the agent trust', async () => {
    expect(trustOf({ mode: 'system' })).toEqual({ mode: 'system' })
    const { certPem } = await generateCertificate()
    expect(trustOf({ mode: 'ca', caPem: certPem, caLabel: 'x' })).toEqual({
      mode: 'ca',
      caPem: certPem,
    })
    expect(trustOf({ mode: 'pin', fingerprint256: 'AB', subject: 's', trustedAt: 't' })).toEqual({
      mode: 'pin',
      fingerprint256: 'AB',
    })
  })

  it('builds a client that closes its agent, and refuses a bad profile', async () => {
    const handle = isalesClients(new ServerSlots())(PROFILE, 'SK')
    expect(typeof handle.client.queryImportTasks).toBe('function')
    await handle.close()
    expect(() =>
      isalesClients(new ServerSlots())({ ...PROFILE, serverUrl: 'http://x' }, 'SK'),
    ).toThrow(expect.objectContaining({ code: 'validation' }))
  })
})
