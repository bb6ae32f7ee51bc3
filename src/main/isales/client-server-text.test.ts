import { MockAgent } from 'undici'
import { AppError } from '../../shared/errors'
import { MAX_SERVER_CODE_CHARS, MAX_SERVER_TEXT_CHARS } from '../../shared/limits'
import { IsalesClient } from './client'

/** What a hostile or compromised server sends back in its error texts. */
const ORIGIN = 'https://10.0.0.1:28443'
const SK = 'Sk-0123456789-abcdefghij'
const PATH = '/rest/isales/v1/openapi/campaigns/1/calldatafile/queryDataImportTask/123'
// eslint-disable-next-line no-control-regex -- finding them is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/u

let agent: MockAgent
beforeEach(() => {
  agent = new MockAgent()
  agent.disableNetConnect()
})
afterEach(async () => {
  await agent.close()
})

function client(): IsalesClient {
  return new IsalesClient({ baseUrl: ORIGIN, vdnId: 1, ak: 'testak', sk: SK, dispatcher: agent })
}

/** A description quoting the request's own Authorization header and the SK in several forms. */
function hostileText(authorization: string): string {
  const bytes = Buffer.from(SK)
  return [
    'bad\u202Eexe.txt\nFORGED LOG LINE\u0000\u200B',
    `you sent ${authorization}`,
    `hex ${bytes.toString('hex').toUpperCase()} b64 ${bytes.toString('base64')}`,
    `upper ${SK.toUpperCase()} url ${encodeURIComponent(SK)}`,
    'x'.repeat(20_000),
  ].join(' | ')
}

function answer(statusCode: number, body: (authorization: string) => object) {
  agent
    .get(ORIGIN)
    .intercept({ path: PATH, method: 'POST' })
    .reply((opts) => {
      const headers = opts.headers as Record<string, string>
      const authorization = headers['Authorization'] ?? headers['authorization'] ?? ''
      return { statusCode, data: JSON.stringify(body(authorization)) }
    })
}

async function failure(): Promise<AppError> {
  const err = await client()
    .queryImportTasks({ campaignId: '123', offset: 0, limit: 100 })
    .then(
      () => {
        throw new Error('expected the call to fail')
      },
      (e: unknown) => e,
    )
  expect(err).toBeInstanceOf(AppError)
  return err as AppError
}

/** Nothing of the SK, the signature, a control character or an unbounded text is shown. */
function expectSafe(err: AppError): void {
  const payload = err.toPayload()
  const shown = JSON.stringify(payload)
  const bytes = Buffer.from(SK)
  for (const form of [
    SK,
    SK.toUpperCase(),
    bytes.toString('hex'),
    bytes.toString('base64'),
    encodeURIComponent(SK),
  ]) {
    expect(shown.toLowerCase()).not.toContain(form.toLowerCase())
  }
  expect(shown).not.toMatch(/auth-v2\/(?!\*\*\*)/)
  expect(payload.message).not.toMatch(CONTROL)
  expect(payload.detail?.resultDesc ?? '').not.toMatch(CONTROL)
  expect(payload.detail?.resultCode ?? '').not.toMatch(CONTROL)
  expect([...(payload.detail?.resultDesc ?? '')].length).toBeLessThanOrEqual(MAX_SERVER_TEXT_CHARS)
  expect(payload.message.length).toBeLessThan(MAX_SERVER_TEXT_CHARS + 400)
}

describe('server text in the client errors', () => {
  it('an HTTP error page: description stripped, cut, signature and SK masked', async () => {
    answer(500, (auth) => ({ resultCode: '0200006', resultDesc: hostileText(auth) }))
    const err = await failure()
    expect(err.code).toBe('http')
    expectSafe(err)
    expect(err.detail.resultDesc).toContain('badexe.txt FORGED LOG LINE')
    expect(err.detail.resultDesc).toContain('you sent auth-v2/***')
  })

  it('an iSales error code: description stripped, cut, signature and SK masked', async () => {
    answer(200, (auth) => ({ resultCode: '0200007', resultDesc: hostileText(auth) }))
    const err = await failure()
    expect(err.code).toBe('isales')
    expectSafe(err)
  })

  it('too frequent (0200022): the same', async () => {
    answer(200, (auth) => ({ resultCode: '0200022', resultDesc: hostileText(auth) }))
    const err = await failure()
    expect(err.code).toBe('rate-limited')
    expectSafe(err)
  })

  it('a reply of the wrong shape: the quoted value stripped and short', async () => {
    answer(200, (auth) => ({ resultCode: '0200000', result: `\u202E${hostileText(auth)}` }))
    const err = await failure()
    expect(err.code).toBe('protocol')
    expectSafe(err)
    expect(err.message.length).toBeLessThan(400)
  })

  it('a long result code is cut too', async () => {
    answer(200, () => ({ resultCode: `9\u202E${'9'.repeat(5000)}` }))
    const err = await failure()
    expectSafe(err)
    expect([...(err.detail.resultCode ?? '')].length).toBeLessThanOrEqual(MAX_SERVER_CODE_CHARS)
  })
})
