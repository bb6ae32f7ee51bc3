import { X509Certificate } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { AppError, cancelledError } from '../../shared/errors'
import { SERVER_URL_MESSAGE } from '../../shared/server-url'
import { ServerSlots } from '../isales/server-slots'
import { probeCertificate, splitAltNames } from './probe'
import { createTestCa, selfSignedLeaf, type Credentials, type TestCa } from '../testing/tls-certs'
import { closedPort, startHttps, startSilentTcp } from '../testing/tls-servers'

const gate = new ServerSlots()
let selfSigned: Credentials
let ca: TestCa
let caLeaf: Credentials

const cleanup: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn()
})

beforeAll(async () => {
  ;[selfSigned, ca] = await Promise.all([selfSignedLeaf(), createTestCa('Contact Center CA')])
  caLeaf = await ca.issue({ commonName: 'isales' })
})

async function serve(creds: Credentials): Promise<string> {
  const s = await startHttps(creds)
  cleanup.push(s.close)
  return s.url
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => {
      throw new Error('expected a rejection')
    },
    (err: unknown) => err,
  )
  expect(e).toBeInstanceOf(AppError)
  return e as AppError
}

describe('probeCertificate', () => {
  it('reports a self-signed certificate as presented, unverified', async () => {
    const info = await probeCertificate(await serve(selfSigned), { gate })
    const x = new X509Certificate(selfSigned.certPem)
    expect(info.fingerprint256).toBe(x.fingerprint256)
    expect(info.subject).toBe('CN=localhost, O=iSales Test')
    expect(info.issuer).toBe('CN=localhost, O=iSales Test')
    expect(info.subjectAltNames).toEqual(['DNS:localhost', 'IP Address:127.0.0.1'])
    expect(info.validFrom).toBe(new Date(x.validFrom).toISOString())
    expect(info.validTo).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/)
    expect(info.chainVerified).toBe(false)
    expect(info.verifyError).toBe('DEPTH_ZERO_SELF_SIGNED_CERT')
    expect(new X509Certificate(info.pem).fingerprint256).toBe(x.fingerprint256)
  })

  it('verifies a CA-signed certificate when the CA is given, not otherwise', async () => {
    const url = await serve(caLeaf)
    const withCa = await probeCertificate(url, { gate, caPem: ca.certPem })
    expect(withCa.chainVerified).toBe(true)
    expect(withCa.verifyError).toBeUndefined()
    expect(withCa.subject).toBe('CN=isales, O=iSales Test')
    expect(withCa.issuer).toBe('CN=Contact Center CA, O=iSales Test')
    expect(withCa.fingerprint256).toBe(new X509Certificate(caLeaf.certPem).fingerprint256)

    const without = await probeCertificate(url, { gate })
    expect(without.chainVerified).toBe(false)
    expect(without.verifyError).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE')
  })

  it('reports a host name mismatch as not verified', async () => {
    const url = await serve(await ca.issue({ dns: ['isales.example'], ips: [] }))
    const info = await probeCertificate(url, { gate, caPem: ca.certPem })
    expect(info.chainVerified).toBe(false)
    expect(info.verifyError).toBe('ERR_TLS_CERT_ALTNAME_INVALID')
  })

  it('rejects addresses that are not https://host:port', async () => {
    for (const url of ['http://127.0.0.1:1', 'not a url', 'https://user:pw@127.0.0.1:1', '']) {
      const e = await rejection(Promise.resolve().then(() => probeCertificate(url, { gate })))
      expect(e.code).toBe('validation')
      expect(e.message).not.toContain('pw')
    }
  })

  it('reports an unreachable server as network', async () => {
    const port = await closedPort()
    const e = await rejection(probeCertificate(`https://127.0.0.1:${port}`, { gate }))
    expect(e).toMatchObject({ code: 'network', detail: { cause: 'ECONNREFUSED' } })
  })

  it('times out on a server that never completes the handshake', async () => {
    const silent = await startSilentTcp()
    cleanup.push(silent.close)
    const e = await rejection(
      probeCertificate(`https://127.0.0.1:${silent.port}`, { gate, timeoutMs: 100 }),
    )
    expect(e.code).toBe('timeout')
  })

  it('says so when the port speaks plain HTTP, not TLS', async () => {
    const http: Server = createServer((_req, res) => res.end('hi'))
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
    cleanup.push(
      () =>
        new Promise<void>((resolve) => {
          http.closeAllConnections()
          http.close(() => resolve())
        }),
    )
    const { port } = http.address() as AddressInfo
    const e = await rejection(probeCertificate(`https://127.0.0.1:${port}`, { gate }))
    expect(e.code).toBe('tls')
    expect(e.message).toMatch(/did not answer with TLS/)
  })

  it('can be cancelled', async () => {
    const silent = await startSilentTcp()
    cleanup.push(silent.close)
    const controller = new AbortController()
    const p = probeCertificate(`https://127.0.0.1:${silent.port}`, {
      gate,
      signal: controller.signal,
    })
    controller.abort()
    expect((await rejection(p)).toPayload()).toEqual(cancelledError().toPayload())
    const aborted = AbortSignal.abort()
    expect(
      (await rejection(probeCertificate('https://127.0.0.1:1', { gate, signal: aborted }))).code,
    ).toBe('cancelled')
  })
})

describe('helpers', () => {
  // Address parsing is parseServerUrl's (server-url.test.ts); the probe refuses what it refuses.
  it('checks the address with the shared server-address rule', () => {
    for (const bad of ['https://[::1]:8443/rest', 'http://10.0.0.1:28443', 'not a url']) {
      expect(() => probeCertificate(bad, { gate })).toThrow(
        expect.objectContaining({ code: 'validation', message: SERVER_URL_MESSAGE }),
      )
    }
  })

  it('splitAltNames handles quoted values with commas', () => {
    expect(splitAltNames('DNS:a.example, IP Address:10.0.0.1, DNS:"x,y.example"')).toEqual([
      'DNS:a.example',
      'IP Address:10.0.0.1',
      'DNS:x,y.example',
    ])
    expect(splitAltNames(undefined)).toEqual([])
  })
})
