import { X509Certificate } from 'node:crypto'
import { rootCertificates } from 'node:tls'
import { Agent, buildConnector, fetch, request, type Dispatcher } from 'undici'
import { AppError } from '../../shared/errors'
import { createAgent, tlsOptionsFor } from './agent-factory'
import { classifyTransportError } from './classify-error'
import { createTestCa, selfSignedLeaf, type Credentials, type TestCa } from '../testing/tls-certs'
import {
  closedPort,
  startHttps,
  startSilentTcp,
  type TestHttpsServer,
} from '../testing/tls-servers'
import type { TlsTrust } from './trust'

const fp = (creds: Credentials): string => new X509Certificate(creds.certPem).fingerprint256

let selfSigned: Credentials
let otherSelfSigned: Credentials
let ca: TestCa
let otherCa: TestCa
let caLeaf: Credentials

const cleanup: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn()
})

beforeAll(async () => {
  ;[selfSigned, otherSelfSigned, ca, otherCa] = await Promise.all([
    selfSignedLeaf(),
    selfSignedLeaf(),
    createTestCa('Contact Center CA'),
    createTestCa('Some Other CA'),
  ])
  caLeaf = await ca.issue()
})

async function server(
  creds: Credentials,
  opts?: { closeEachConnection?: boolean },
): Promise<TestHttpsServer> {
  const s = await startHttps(creds, opts)
  cleanup.push(s.close)
  return s
}

function agent(trust: TlsTrust, opts?: Parameters<typeof createAgent>[1]): Dispatcher {
  const a = createAgent(trust, opts)
  cleanup.push(() => a.destroy())
  return a
}

async function get(url: string, dispatcher: Dispatcher): Promise<unknown> {
  const res = await request(`${url}/ping`, { dispatcher })
  expect(res.statusCode).toBe(200)
  return res.body.json()
}

/** The AppError a failing request is classified as. */
async function failure(url: string, dispatcher: Dispatcher): Promise<AppError> {
  const err = await request(`${url}/ping`, { dispatcher }).then(
    () => {
      throw new Error('expected the request to fail')
    },
    (e: unknown) => e,
  )
  const classified = classifyTransportError(err)
  expect(classified).toBeInstanceOf(AppError)
  return classified!
}

describe('system mode', () => {
  it('rejects a self-signed server as a tls error with the OpenSSL cause', async () => {
    const s = await server(selfSigned)
    const e = await failure(s.url, agent({ mode: 'system' }))
    expect(e.code).toBe('tls')
    expect(e.detail.cause).toBe('DEPTH_ZERO_SELF_SIGNED_CERT')
    expect(e.message).toMatch(/self-signed/)
  })

  it('classifies the same failure through undici fetch (error wrapped in TypeError.cause)', async () => {
    const s = await server(selfSigned)
    const err = await fetch(`${s.url}/ping`, { dispatcher: agent({ mode: 'system' }) }).catch(
      (e: unknown) => e,
    )
    expect(err).toBeInstanceOf(TypeError)
    expect(classifyTransportError(err)?.detail.cause).toBe('DEPTH_ZERO_SELF_SIGNED_CERT')
  })
})

describe('ca mode', () => {
  it('accepts a server whose certificate is signed by the CA', async () => {
    const s = await server(caLeaf)
    const a = agent({ mode: 'ca', caPem: ca.certPem })
    expect(await get(s.url, a)).toEqual({ ok: true, path: '/ping' })
  })

  it('rejects a server signed by another CA', async () => {
    const s = await server(await otherCa.issue())
    const e = await failure(s.url, agent({ mode: 'ca', caPem: ca.certPem }))
    expect(e.code).toBe('tls')
    expect(e.detail.cause).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE')
    expect(e.message).toMatch(/CA certificate/)
  })

  it('still checks the host name', async () => {
    const s = await server(await ca.issue({ dns: ['isales.example'], ips: [] }))
    const e = await failure(s.url, agent({ mode: 'ca', caPem: ca.certPem }))
    expect(e.code).toBe('tls')
    expect(e.detail.cause).toBe('ERR_TLS_CERT_ALTNAME_INVALID')
  })

  it('rejects an expired certificate from the trusted CA', async () => {
    const expired = await ca.issue({
      notBefore: new Date(Date.now() - 48 * 3_600_000),
      notAfter: new Date(Date.now() - 3_600_000),
    })
    const s = await server(expired)
    const e = await failure(s.url, agent({ mode: 'ca', caPem: ca.certPem }))
    expect(e).toMatchObject({ code: 'tls', detail: { cause: 'CERT_HAS_EXPIRED' } })
  })

  it('adds the CA to the public roots instead of replacing them', () => {
    const { ca: list } = tlsOptionsFor({ mode: 'ca', caPem: ca.certPem })
    expect(Array.isArray(list)).toBe(true)
    const certs = list as string[]
    expect(certs).toEqual(expect.arrayContaining([...rootCertificates]))
    expect(certs).toHaveLength(rootCertificates.length + 1)
    expect(new X509Certificate(certs.at(-1)!).fingerprint256).toBe(fp(ca))
    expect(tlsOptionsFor({ mode: 'system' })).toEqual({ rejectUnauthorized: true })
  })

  it('refuses a CA file that is not a PEM certificate', () => {
    expect(() => createAgent({ mode: 'ca', caPem: ca.keyPem })).toThrow(
      expect.objectContaining({ code: 'validation' }),
    )
  })
})

describe('pin mode', () => {
  it('accepts the pinned self-signed certificate, in any fingerprint spelling', async () => {
    const s = await server(selfSigned)
    const pin = fp(selfSigned).replace(/:/g, '').toLowerCase()
    const a = agent({ mode: 'pin', fingerprint256: pin })
    expect(await get(s.url, a)).toEqual({ ok: true, path: '/ping' })
    expect(await get(s.url, a)).toEqual({ ok: true, path: '/ping' })
  })

  it('checks every new connection and never resumes a session', async () => {
    const s = await server(selfSigned, { closeEachConnection: true })
    const a = agent({ mode: 'pin', fingerprint256: fp(selfSigned) })
    for (let i = 0; i < 4; i++) await get(s.url, a)
    // Four requests, each on a new connection with a full handshake (nothing to skip the check).
    expect(s.handshakes).toEqual([false, false, false, false])
  })

  it('the test server does resume sessions for a caching client (control for the test above)', async () => {
    const s = await server(selfSigned, { closeEachConnection: true })
    const caching = new Agent({ connect: buildConnector({ rejectUnauthorized: false }) })
    cleanup.push(() => caching.destroy())
    for (let i = 0; i < 3; i++) await get(s.url, caching)
    expect(s.handshakes).toContain(true)
  })

  it('fails the next connection with cert-changed after the server swaps its certificate', async () => {
    const s = await server(selfSigned, { closeEachConnection: true })
    const a = agent({ mode: 'pin', fingerprint256: fp(selfSigned) })
    await get(s.url, a)
    await get(s.url, a)

    s.swapCertificate(otherSelfSigned)
    const e = await failure(s.url, a)
    expect(e.code).toBe('cert-changed')
    expect(e.detail).toEqual({
      expectedFingerprint: fp(selfSigned),
      presentedFingerprint: fp(otherSelfSigned),
    })
    expect(e.message).toContain(`Trusted: ${fp(selfSigned)}, presented: ${fp(otherSelfSigned)}`)
    // Still refused on retry: the mismatch is not cached into acceptance.
    expect((await failure(s.url, a)).code).toBe('cert-changed')
  })

  it('closes its kept-alive connections once a new one shows another certificate', async () => {
    const s = await server(selfSigned)
    const a = agent({ mode: 'pin', fingerprint256: fp(selfSigned) })
    // Steady traffic over a kept-alive connection.
    await get(s.url, a)
    await get(s.url, a)
    const opened = s.handshakes.length
    for (let i = 0; i < 3; i++) await get(s.url, a)
    expect(s.handshakes).toHaveLength(opened)

    s.swapCertificate(otherSelfSigned)
    // Two at once: one may still ride the old connection, the other opens one and sees the swap.
    const both = await Promise.allSettled([get(s.url, a), get(s.url, a)])
    expect(both.map((r) => r.status)).toContain('rejected')
    // From now on nothing is served over a connection opened under the old certificate.
    expect((await failure(s.url, a)).code).toBe('cert-changed')
    expect((await failure(s.url, a)).code).toBe('cert-changed')
  })

  it('rejects a wrong pin with both fingerprints', async () => {
    const s = await server(selfSigned)
    const e = await failure(s.url, agent({ mode: 'pin', fingerprint256: fp(otherSelfSigned) }))
    expect(e).toMatchObject({
      code: 'cert-changed',
      detail: { expectedFingerprint: fp(otherSelfSigned), presentedFingerprint: fp(selfSigned) },
    })
  })

  it('trusts the pinned certificate regardless of host name and expiry', async () => {
    const odd = await selfSignedLeaf({
      dns: ['elsewhere.example'],
      ips: [],
      notBefore: new Date(Date.now() - 48 * 3_600_000),
      notAfter: new Date(Date.now() - 3_600_000),
    })
    const s = await server(odd)
    expect(await get(s.url, agent({ mode: 'pin', fingerprint256: fp(odd) }))).toMatchObject({
      ok: true,
    })
  })

  it('refuses an invalid pin up front', () => {
    expect(() => createAgent({ mode: 'pin', fingerprint256: 'abc' })).toThrow(
      expect.objectContaining({ code: 'validation' }),
    )
  })
})

describe('transport failures', () => {
  it.each<TlsTrust['mode']>(['system', 'pin'])(
    'connection refused is network (%s)',
    async (mode) => {
      const port = await closedPort()
      const trust: TlsTrust =
        mode === 'pin' ? { mode, fingerprint256: fp(selfSigned) } : { mode: 'system' }
      const e = await failure(`https://127.0.0.1:${port}`, agent(trust))
      expect(e).toMatchObject({ code: 'network', detail: { cause: 'ECONNREFUSED' } })
    },
  )

  it.each<TlsTrust['mode']>(['system', 'pin'])(
    'a server that never completes the handshake is a connect timeout (%s)',
    async (mode) => {
      const silent = await startSilentTcp()
      cleanup.push(silent.close)
      const trust: TlsTrust =
        mode === 'pin' ? { mode, fingerprint256: fp(selfSigned) } : { mode: 'system' }
      const e = await failure(
        `https://127.0.0.1:${silent.port}`,
        agent(trust, { connectTimeoutMs: 150 }),
      )
      expect(e).toMatchObject({ code: 'timeout', detail: { cause: 'UND_ERR_CONNECT_TIMEOUT' } })
    },
  )
})
