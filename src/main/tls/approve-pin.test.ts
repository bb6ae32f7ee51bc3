import { X509Certificate } from 'node:crypto'
import { AppError } from '../../shared/errors'
import { ServerSlots } from '../isales/server-slots'
import { approvePin } from './approve-pin'
import { selfSignedLeaf, type Credentials } from '../testing/tls-certs'
import { startHttps } from '../testing/tls-servers'

const gate = new ServerSlots()
let first: Credentials
let second: Credentials
const cleanup: (() => Promise<void>)[] = []

beforeAll(async () => {
  ;[first, second] = await Promise.all([
    selfSignedLeaf({ commonName: 'isales-a' }),
    selfSignedLeaf({ commonName: 'isales-b' }),
  ])
})
afterEach(async () => {
  for (const fn of cleanup.splice(0)) await fn()
})

async function serve(creds: Credentials): Promise<string> {
  const server = await startHttps(creds)
  cleanup.push(server.close)
  return server.url
}

describe('approvePin', () => {
  it('pins the presented certificate when it is the one approved, in any fingerprint spelling', async () => {
    const url = await serve(first)
    const fingerprint = new X509Certificate(first.certPem).fingerprint256
    const before = Date.now()
    const pin = await approvePin(url, fingerprint.replace(/:/g, ' ').toLowerCase(), { gate })
    expect(pin).toEqual({
      mode: 'pin',
      fingerprint256: fingerprint,
      subject: 'CN=isales-a, O=iSales Test',
      trustedAt: expect.any(String),
    })
    expect(Date.parse(pin.trustedAt)).toBeGreaterThanOrEqual(before - 1000)
  })

  it('refuses with cert-changed and both fingerprints when the server presents another', async () => {
    const url = await serve(second)
    const approved = new X509Certificate(first.certPem).fingerprint256
    const error: unknown = await approvePin(url, approved, { gate }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({
      code: 'cert-changed',
      detail: {
        presentedFingerprint: new X509Certificate(second.certPem).fingerprint256,
        expectedFingerprint: approved,
      },
    })
  })
})
