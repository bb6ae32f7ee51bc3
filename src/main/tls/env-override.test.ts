import { X509Certificate } from 'node:crypto'
import { Agent, request, type Dispatcher } from 'undici'
import { createAgent } from './agent-factory'
import { classifyTransportError } from './classify-error'
import { TLS_ENV_VARIABLE, tlsChecksOffRequested } from './env-override'
import type { TlsTrust } from './trust'
import { createTestCa, selfSignedLeaf, type Credentials, type TestCa } from '../testing/tls-certs'
import { startHttps, type TestHttpsServer } from '../testing/tls-servers'

/**
 * NODE_TLS_REJECT_UNAUTHORIZED=0 in the environment (set here, in this very process) cannot turn
 * the app's certificate checks off in any trust mode. The built CLI as a whole process:
 * cli/built-cli-tls-env.test.ts.
 */

const fp = (creds: Credentials): string => new X509Certificate(creds.certPem).fingerprint256

let selfSigned: Credentials
let other: Credentials
let ca: TestCa
let s: TestHttpsServer
const saved = process.env[TLS_ENV_VARIABLE]
const cleanup: (() => Promise<void>)[] = []

beforeAll(async () => {
  ;[selfSigned, other, ca] = await Promise.all([
    selfSignedLeaf(),
    selfSignedLeaf(),
    createTestCa('Contact Center CA'),
  ])
})

beforeEach(async () => {
  process.env[TLS_ENV_VARIABLE] = '0'
  s = await startHttps(selfSigned)
  cleanup.push(s.close)
})

afterEach(async () => {
  if (saved === undefined) delete process.env[TLS_ENV_VARIABLE]
  else process.env[TLS_ENV_VARIABLE] = saved
  for (const fn of cleanup.splice(0).reverse()) await fn()
})

function dispatcher(d: Dispatcher): Dispatcher {
  cleanup.push(() => d.destroy())
  return d
}

async function outcome(trust: TlsTrust | 'node-default'): Promise<string> {
  const d = dispatcher(trust === 'node-default' ? new Agent() : createAgent(trust))
  try {
    const res = await request(`${s.url}/ping`, { dispatcher: d })
    await res.body.dump()
    return `answered ${res.statusCode}`
  } catch (err) {
    return `refused: ${classifyTransportError(err)?.code ?? String(err)}`
  }
}

describe('NODE_TLS_REJECT_UNAUTHORIZED=0 in the environment', () => {
  it('is really in effect here: a connection left to Node defaults accepts the untrusted server', async () => {
    // The control: without this, the refusals below would prove nothing.
    expect(await outcome('node-default')).toBe('answered 200')
  })

  it('still refuses an untrusted server in every trust mode', async () => {
    expect(await outcome({ mode: 'system' })).toBe('refused: tls')
    expect(await outcome({ mode: 'ca', caPem: ca.certPem })).toBe('refused: tls')
    expect(await outcome({ mode: 'pin', fingerprint256: fp(other) })).toBe('refused: cert-changed')
    // ...and still accepts what is trusted.
    expect(await outcome({ mode: 'pin', fingerprint256: fp(selfSigned) })).toBe('answered 200')
  })

  it('is recognised only as the value that turns checks off', () => {
    expect(tlsChecksOffRequested({ [TLS_ENV_VARIABLE]: '0' })).toBe(true)
    expect(tlsChecksOffRequested({ [TLS_ENV_VARIABLE]: '1' })).toBe(false)
    expect(tlsChecksOffRequested({})).toBe(false)
  })
})
