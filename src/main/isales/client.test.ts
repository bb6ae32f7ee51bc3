import { MockAgent } from 'undici'
import { AppError, cancelledError } from '../../shared/errors'
import { parseAuthorization, signRequest } from './c2-signer'
import { authFailedMessage } from './http-errors'
import { IsalesClient, type IsalesClientConfig } from './client'
import { isRetryable } from '../../shared/error-kinds'

const ORIGIN = 'https://10.0.0.1:28443'
const HOST = '10.0.0.1:28443'
const AK = 'testak'
const SK = 'testsk'
const T0 = Date.UTC(2024, 0, 1, 0, 0, 0)
const PATH = '/rest/isales/v1/openapi/campaigns/1/calldatafile/queryDataImportTask/123'
const ID = '164698362894300182038011895728'

interface Captured {
  path: string
  method: string
  headers: Record<string, string>
  body: string | undefined
}

let agent: MockAgent
let pool: ReturnType<MockAgent['get']>
let captured: Captured[]

beforeEach(() => {
  agent = new MockAgent()
  agent.disableNetConnect()
  pool = agent.get(ORIGIN)
  captured = []
})

afterEach(async () => {
  await agent.close()
})

function makeClient(over: Partial<IsalesClientConfig> = {}): IsalesClient {
  return new IsalesClient({
    baseUrl: ORIGIN,
    vdnId: 1,
    ak: AK,
    sk: SK,
    dispatcher: agent,
    now: () => T0,
    ...over,
  })
}

function okBody(count: number | undefined = 1) {
  return {
    resultCode: '0200000',
    resultDesc: 'success',
    returnCode: '0200000',
    returnDesc: 'success',
    result: [
      {
        id: ID,
        status: '2',
        beginTime: '2022-03-11T07:27:09.000+00:00',
        endTime: '2022-03-11T07:27:09.000+00:00',
        succNum: 10,
        repeatNum: 1,
        failNum: 2,
        errMsg: '',
      },
    ],
    ...(count !== undefined ? { count } : {}),
  }
}

type Reply = {
  statusCode: number
  data?: string | object
  responseOptions?: { headers?: Record<string, string> }
}

/** Intercepts one request on `path`, records it, and answers with `reply`. */
function expectRequest(
  reply: Reply,
  path: string | ((p: string) => boolean) = PATH,
  method = 'POST',
) {
  return pool.intercept({ path, method }).reply((opts) => {
    captured.push({
      path: opts.path,
      method: opts.method,
      headers: { ...(opts.headers as Record<string, string>) },
      body: typeof opts.body === 'string' ? opts.body : undefined,
    })
    return {
      ...reply,
      data: typeof reply.data === 'object' ? JSON.stringify(reply.data) : reply.data,
    }
  })
}

async function expectAppError(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => {
      throw new Error('expected the call to fail')
    },
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(AppError)
  const appError = err as AppError
  // Never a secret in what the user or a log sees.
  const shown = JSON.stringify(appError.toPayload())
  expect(shown).not.toContain(SK)
  expect(shown).not.toContain('auth-v2')
  return appError
}

describe('IsalesClient.queryImportTasks: the request', () => {
  it('sends exactly the documented headers, signed over the exact body (reference vector)', async () => {
    expectRequest({ statusCode: 200, data: okBody() })
    const page = await makeClient().queryImportTasks({ campaignId: '123', offset: 0, limit: 10 })

    expect(page.count).toBe(1)
    expect(page.tasks[0]?.id).toBe(ID)
    expect(captured).toHaveLength(1)
    const req = captured[0]!
    expect(req.method).toBe('POST')
    expect(req.path).toBe(PATH)
    expect(req.body).toBe('{"offset":0,"limit":10}')
    expect(Object.keys(req.headers).sort()).toEqual(['Authorization', 'Content-Type', 'Host'])
    expect(req.headers['Content-Type']).toBe('application/json; charset=UTF-8')
    expect(req.headers.Host).toBe(HOST)
    // The test vector of docs/isales-interface.md#test-vector: same AK/SK, time, path, host and body.
    expect(req.headers.Authorization).toBe(
      'auth-v2/testak/2024-01-01T00:00:00Z/host/fe424e5b5e4f81e6f9b5b917640da62ed389c8d772bae46fc762f43aaa42056f',
    )
  })

  it('signs the sent Host and body with the profile’s signing options', async () => {
    expectRequest({ statusCode: 200, data: okBody() }, (p) => p.endsWith('/queryDataImportTask/77'))
    const signing = {
      timestampFormat: 'milliseconds' as const,
      signedHeaders: ['host', 'content-type', 'content-length'],
    }
    await makeClient({ signing, now: () => T0 + 123 }).queryImportTasks({
      campaignId: '77',
      offset: 200,
      limit: 100,
      importTaskIds: [ID],
    })
    const req = captured[0]!
    expect(Object.keys(req.headers).sort()).toEqual([
      'Authorization',
      'Content-Length',
      'Content-Type',
      'Host',
    ])
    const body = `{"offset":200,"limit":100,"importTaskIds":["${ID}"]}`
    expect(req.body).toBe(body)
    expect(req.headers['Content-Length']).toBe(String(Buffer.byteLength(body)))
    // Expected from what must be on the wire, not from what the client handed over (that hid a
    // signed-but-unsent header once; client-signing.integration.test.ts checks the real wire).
    const expected = signRequest({
      ak: AK,
      sk: SK,
      method: 'POST',
      path: '/rest/isales/v1/openapi/campaigns/1/calldatafile/queryDataImportTask/77',
      headers: {
        host: HOST,
        'content-type': 'application/json; charset=UTF-8',
        'content-length': String(Buffer.byteLength(body)),
      },
      body,
      date: new Date(T0 + 123),
      options: signing,
    })
    expect(req.headers.Authorization).toBe(expected.authorization)
    expect(parseAuthorization(req.headers.Authorization!)?.timestamp).toBe(
      '2024-01-01T00:00:00.123Z',
    )
  })

  it('URL-encodes the campaign id in the path and signs the encoded path', async () => {
    const path = '/rest/isales/v1/openapi/campaigns/9999/calldatafile/queryDataImportTask/a%2Fb%20c'
    expectRequest({ statusCode: 200, data: okBody() }, path)
    await makeClient({ vdnId: 9999 }).queryImportTasks({ campaignId: 'a/b c', offset: 0, limit: 1 })
    const req = captured[0]!
    expect(req.path).toBe(path)
    const expected = signRequest({
      ak: AK,
      sk: SK,
      method: 'POST',
      path,
      headers: { host: HOST },
      body: req.body,
      date: new Date(T0),
    })
    expect(req.headers.Authorization).toBe(expected.authorization)
  })

  it('leaves an empty importTaskIds out and sends the locale header when set', async () => {
    expectRequest({ statusCode: 200, data: okBody() })
    await makeClient({ locale: 'en_US' }).queryImportTasks({
      campaignId: '123',
      offset: 0,
      limit: 10,
      importTaskIds: [],
    })
    expect(captured[0]?.body).toBe('{"offset":0,"limit":10}')
    expect(captured[0]?.headers.locale).toBe('en_US')
  })

  it('uses the default Host (no port) for https on 443', async () => {
    const a = agent.get('https://isales.example')
    a.intercept({ path: PATH, method: 'POST' }).reply((opts) => {
      captured.push({
        path: opts.path,
        method: opts.method,
        headers: { ...(opts.headers as Record<string, string>) },
        body: undefined,
      })
      return { statusCode: 200, data: JSON.stringify(okBody()) }
    })
    await makeClient({ baseUrl: 'https://isales.example:443/' }).queryImportTasks({
      campaignId: '123',
      offset: 0,
      limit: 10,
    })
    expect(captured[0]?.headers.Host).toBe('isales.example')
  })
})

describe('IsalesClient: validation', () => {
  it.each([
    ['http://10.0.0.1:28443', 'baseUrl'],
    ['https://10.0.0.1:28443/rest', 'baseUrl'],
    ['https://10.0.0.1:28443/?x=1', 'baseUrl'],
    ['https://user:pw@10.0.0.1:28443', 'baseUrl'],
    ['10.0.0.1:28443', 'baseUrl'],
    ['not a url', 'baseUrl'],
  ])('rejects the address %s', (baseUrl, field) => {
    expect(() => makeClient({ baseUrl })).toThrow(
      expect.objectContaining({ code: 'validation', detail: { field } }),
    )
  })

  it('accepts an address with a trailing slash', () => {
    expect(makeClient({ baseUrl: 'https://10.0.0.1:28443/' }).host).toBe(HOST)
  })

  it.each([0, -1, NaN])('rejects the total deadline %s', (totalMs) => {
    expect(() => makeClient({ timeouts: { totalMs } })).toThrow(
      expect.objectContaining({ code: 'validation', detail: { field: 'timeouts.totalMs' } }),
    )
  })

  it.each([0, 10000, 1.5, NaN])('rejects VDN id %s', (vdnId) => {
    expect(() => makeClient({ vdnId })).toThrow(
      expect.objectContaining({ code: 'validation', detail: { field: 'vdnId' } }),
    )
  })

  it('rejects empty keys and unsendable signed headers, without echoing the SK', () => {
    expect(() => makeClient({ ak: '' })).toThrow(expect.objectContaining({ code: 'validation' }))
    expect(() => makeClient({ sk: '' })).toThrow(expect.objectContaining({ code: 'validation' }))
    expect(() =>
      makeClient({ signing: { timestampFormat: 'seconds', signedHeaders: ['host', 'x-date'] } }),
    ).toThrow(
      expect.objectContaining({ code: 'validation', detail: { field: 'signing.signedHeaders' } }),
    )
  })

  it.each([
    [{ campaignId: '', offset: 0, limit: 10 }, 'campaignId'],
    [{ campaignId: '1', offset: 0, limit: 0 }, 'limit'],
    [{ campaignId: '1', offset: 0, limit: 101 }, 'limit'],
    [{ campaignId: '1', offset: -1, limit: 10 }, 'offset'],
    [{ campaignId: '1', offset: 0.5, limit: 10 }, 'offset'],
  ])('rejects the query %j before sending anything', async (query, field) => {
    const err = await expectAppError(makeClient().queryImportTasks(query))
    expect(err.code).toBe('validation')
    expect(err.detail.field).toBe(field)
    expect(captured).toHaveLength(0)
  })
})

describe('IsalesClient: replies and errors', () => {
  const query = { campaignId: '123', offset: 0, limit: 10 }

  it('maps HTTP 401 to auth with the documented message', async () => {
    expectRequest({ statusCode: 401, data: 'Unauthorized' })
    const err = await expectAppError(makeClient().queryImportTasks(query))
    expect(err.code).toBe('auth')
    expect(err.message).toBe(authFailedMessage())
    expect(err.detail).toEqual({ status: 401 })
  })

  it('maps HTTP 429 to rate-limited with Retry-After in seconds', async () => {
    expectRequest({ statusCode: 429, responseOptions: { headers: { 'retry-after': '7' } } })
    const err = await expectAppError(makeClient().queryImportTasks(query))
    expect(err.code).toBe('rate-limited')
    expect(err.detail).toEqual({ status: 429, retryAfter: 7 })
    expect(err.message).toBe(
      'The server is limiting requests and asked to wait 7 s. Try again after that; if it keeps happening, query less often.',
    )
  })

  it('says so when the server asks to wait longer than the retries wait', async () => {
    expectRequest({ statusCode: 429, responseOptions: { headers: { 'retry-after': '120' } } })
    const err = await expectAppError(makeClient().queryImportTasks(query))
    expect(err.message).toBe(
      'The server is limiting requests and asked to wait 120 s, longer than this tool waits (60 s). Try again after that.',
    )
  })

  it('reads a Retry-After given as an HTTP date', async () => {
    const at = new Date(T0 + 30_000).toUTCString()
    expectRequest({ statusCode: 429, responseOptions: { headers: { 'retry-after': at } } })
    const err = await expectAppError(makeClient().queryImportTasks(query))
    expect(err.detail.retryAfter).toBe(30)
  })

  it('maps HTTP 500 to http with a plain message and the server description', async () => {
    expectRequest({ statusCode: 500, data: { resultCode: '0200006', resultDesc: 'db down' } })
    const err = await expectAppError(makeClient().queryImportTasks(query))
    expect(err.code).toBe('http')
    expect(err.detail).toMatchObject({ status: 500, resultCode: '0200006', resultDesc: 'db down' })
    expect(err.message).toContain('HTTP 500')
    expect(err.message).toContain('the server had an internal problem; try again later')
  })

  it('maps HTTP 404 to http with advice about the address', async () => {
    expectRequest({ statusCode: 404, data: '<html>Not found</html>' })
    const err = await expectAppError(makeClient().queryImportTasks(query))
    expect(err.code).toBe('http')
    expect(err.detail).toEqual({ status: 404 })
    expect(err.message).toMatch(/check the server address/)
  })

  it('maps resultCode 0200022 to rate-limited', async () => {
    expectRequest({ statusCode: 200, data: { resultCode: '0200022', resultDesc: 'too fast' } })
    const err = await expectAppError(makeClient().queryImportTasks(query))
    expect(err.code).toBe('rate-limited')
    expect(err.detail.resultCode).toBe('0200022')
  })

  it('maps resultCode 0200007 to an isales error naming code, meaning and description', async () => {
    expectRequest({
      statusCode: 200,
      data: { resultCode: '0200007', resultDesc: 'no campaign 123' },
    })
    const err = await expectAppError(makeClient().queryImportTasks(query))
    expect(err.code).toBe('isales')
    expect(err.message).toContain('0200007')
    expect(err.message).toContain('The outbound campaign does not exist')
    expect(err.message).toContain('no campaign 123')
  })

  it('maps invalid JSON to protocol, and a cut-off body to a retryable protocol error', async () => {
    expectRequest({ statusCode: 200, data: '<html>login</html>' })
    const bad = await expectAppError(makeClient().queryImportTasks(query))
    expect(bad.code).toBe('protocol')
    expect(bad.detail.cause).toBe('invalid-json')

    expectRequest({ statusCode: 200, data: JSON.stringify(okBody()).slice(0, 40) })
    const cut = await expectAppError(makeClient().queryImportTasks(query))
    expect(cut.code).toBe('protocol')
    expect(cut.detail.cause).toBe('truncated-body')
  })

  it('maps broken JSON that arrived whole (Content-Length met) to invalid-json, not retryable', async () => {
    const broken = JSON.stringify(okBody()).slice(0, 40)
    expectRequest({
      statusCode: 200,
      data: broken,
      responseOptions: { headers: { 'content-length': String(Buffer.byteLength(broken)) } },
    })
    const err = await expectAppError(makeClient().queryImportTasks(query))
    expect(err).toMatchObject({ code: 'protocol', detail: { cause: 'invalid-json' } })
    expect(err.message).not.toMatch(/network|cut off/)
    expect(isRetryable(err)).toBe(false)
  })

  it('maps a wrong shape to protocol naming the field', async () => {
    expectRequest({
      statusCode: 200,
      data: { resultCode: '0200000', result: [{ id: 5, status: '1' }] },
    })
    const err = await expectAppError(makeClient().queryImportTasks(query))
    expect(err.code).toBe('protocol')
    expect(err.detail.field).toBe('result[0].id')
  })

  it('stops reading a reply over the size cap', async () => {
    const big = JSON.stringify({ ...okBody(), pad: 'x'.repeat(5000) })
    expectRequest({ statusCode: 200, data: big })
    const err = await expectAppError(makeClient({ maxResponseBytes: 1024 }).queryImportTasks(query))
    expect(err.code).toBe('protocol')
    expect(err.detail.cause).toBe('reply-too-large')
    expect(err.message).toMatch(/too large/)
  })

  it('refuses a declared Content-Length over the cap before reading', async () => {
    pool
      .intercept({ path: PATH, method: 'POST' })
      .reply(200, 'x'.repeat(2048), { headers: { 'content-length': '2048' } })
    const err = await expectAppError(makeClient({ maxResponseBytes: 1024 }).queryImportTasks(query))
    expect(err.detail.cause).toBe('reply-too-large')
  })

  it('accepts a reply just under the cap', async () => {
    const body = JSON.stringify(okBody())
    expectRequest({ statusCode: 200, data: body })
    const page = await makeClient({ maxResponseBytes: Buffer.byteLength(body) }).queryImportTasks(
      query,
    )
    expect(page.tasks).toHaveLength(1)
  })

  it('maps transport errors through the TLS/transport classifier', async () => {
    pool
      .intercept({ path: PATH, method: 'POST' })
      .replyWithError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))
    const refused = await expectAppError(makeClient().queryImportTasks(query))
    expect(refused.code).toBe('network')
    expect(refused.detail.cause).toBe('ECONNREFUSED')

    pool
      .intercept({ path: PATH, method: 'POST' })
      .replyWithError(
        Object.assign(new Error('self-signed'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }),
      )
    const tls = await expectAppError(makeClient().queryImportTasks(query))
    expect(tls.code).toBe('tls')

    pool
      .intercept({ path: PATH, method: 'POST' })
      .replyWithError(Object.assign(new Error('headers'), { code: 'UND_ERR_HEADERS_TIMEOUT' }))
    expect((await expectAppError(makeClient().queryImportTasks(query))).code).toBe('timeout')
  })

  it('maps an unclassified failure to network', async () => {
    pool.intercept({ path: PATH, method: 'POST' }).replyWithError(new Error('weird'))
    const err = await expectAppError(makeClient().queryImportTasks(query))
    expect(err.code).toBe('network')
  })

  it('keeps a low-level code in detail.cause, out of the message', async () => {
    pool
      .intercept({ path: PATH, method: 'POST' })
      .replyWithError(Object.assign(new Error('odd'), { code: 'UND_ERR_SOMETHING_NEW' }))
    const err = await expectAppError(makeClient().queryImportTasks(query))
    expect(err).toMatchObject({ code: 'network', detail: { cause: 'UND_ERR_SOMETHING_NEW' } })
    expect(err.message).toBe(
      'The request to the server failed. Check your network or VPN connection and try again.',
    )
  })

  it('maps an abort to cancelled', async () => {
    pool.intercept({ path: PATH, method: 'POST' }).reply(200, JSON.stringify(okBody())).delay(5_000)
    const ac = new AbortController()
    const p = makeClient().queryImportTasks(query, { signal: ac.signal })
    ac.abort()
    const err = await expectAppError(p)
    expect(err.toPayload()).toEqual(cancelledError().toPayload())
  })

  it('does not send anything when the signal is already aborted', async () => {
    const ac = new AbortController()
    ac.abort()
    const err = await expectAppError(makeClient().queryImportTasks(query, { signal: ac.signal }))
    expect(err.code).toBe('cancelled')
    expect(captured).toHaveLength(0)
  })
})

describe('IsalesClient: clock offset', () => {
  const query = { campaignId: '123', offset: 0, limit: 10 }
  const TWO_HOURS = 2 * 3600_000

  function unauthorizedAt(serverMs: number): Reply {
    return {
      statusCode: 401,
      responseOptions: { headers: { date: new Date(serverMs).toUTCString() } },
    }
  }

  it('learns the server time from a 401 and retries once on it', async () => {
    expectRequest(unauthorizedAt(T0 + TWO_HOURS))
    expectRequest({ statusCode: 200, data: okBody() })
    const client = makeClient()
    const page = await client.queryImportTasks(query)

    expect(page.tasks).toHaveLength(1)
    // The header's whole second plus half a second: the middle of the second it stands for.
    expect(client.clockOffsetMs).toBe(TWO_HOURS + 500)
    expect(captured.map((c) => parseAuthorization(c.headers.Authorization!)?.timestamp)).toEqual([
      '2024-01-01T00:00:00Z',
      '2024-01-01T02:00:00Z',
    ])
    // Both requests carry the same body, and the retry is correctly signed for it.
    expect(captured[1]?.body).toBe(captured[0]?.body)
    expect(captured[1]?.headers.Authorization).toBe(
      signRequest({
        ak: AK,
        sk: SK,
        method: 'POST',
        path: PATH,
        headers: { host: HOST },
        body: captured[1]?.body,
        date: new Date(T0 + TWO_HOURS + 500),
      }).authorization,
    )

    // Later requests start on server time.
    expectRequest({ statusCode: 200, data: okBody() })
    await client.queryImportTasks(query)
    expect(parseAuthorization(captured[2]!.headers.Authorization!)?.timestamp).toBe(
      '2024-01-01T02:00:00Z',
    )
  })

  it('retries only once: a second 401 is an auth error', async () => {
    expectRequest(unauthorizedAt(T0 - TWO_HOURS))
    expectRequest(unauthorizedAt(T0 - TWO_HOURS))
    expectRequest({ statusCode: 200, data: okBody() })
    const client = makeClient()
    const err = await expectAppError(client.queryImportTasks(query))
    expect(err.code).toBe('auth')
    expect(captured).toHaveLength(2)
    expect(client.clockOffsetMs).toBe(-TWO_HOURS + 500)
  })

  it('does not retry a 401 when the clocks agree within 2 s', async () => {
    expectRequest(unauthorizedAt(T0 + 1_999))
    expectRequest({ statusCode: 200, data: okBody() })
    const client = makeClient()
    const err = await expectAppError(client.queryImportTasks(query))
    expect(err.code).toBe('auth')
    expect(captured).toHaveLength(1)
    expect(client.clockOffsetMs).toBe(0)
  })

  it('does not retry a 401 without a Date header', async () => {
    expectRequest({ statusCode: 401 })
    expectRequest({ statusCode: 200, data: okBody() })
    await expectAppError(makeClient().queryImportTasks(query))
    expect(captured).toHaveLength(1)
  })
})

describe('IsalesClient.listCampaigns', () => {
  const CAMPAIGNS = '/rest/isales/v1/openapi/campaigns/1'

  it('GETs the list with a signed query string', async () => {
    expectRequest(
      {
        statusCode: 200,
        data: {
          resultCode: '0200000',
          resultDesc: 'success',
          curPage: 2,
          rowsPerPage: 50,
          totalSize: 51,
          data: [{ id: 7, name: 'Spring promo & more' }],
        },
      },
      (p) => p.startsWith(CAMPAIGNS + '?'),
      'GET',
    )
    const page = await makeClient().listCampaigns({
      curPage: 2,
      rowsPerPage: 50,
      name: 'Spring promo & more',
      status: 2,
    })
    expect(page).toEqual({
      campaigns: [{ id: '7', name: 'Spring promo & more', extra: {} }],
      total: 51,
    })

    const req = captured[0]!
    expect(req.method).toBe('GET')
    const url = new URL(ORIGIN + req.path)
    expect(url.pathname).toBe(CAMPAIGNS)
    const query = Object.fromEntries(url.searchParams)
    expect(query).toEqual({
      curPage: '2',
      rowsPerPage: '50',
      name: 'Spring promo & more',
      status: '2',
    })
    expect(req.headers.Host).toBe(HOST)
    expect(req.headers.Authorization).toBe(
      signRequest({
        ak: AK,
        sk: SK,
        method: 'GET',
        path: CAMPAIGNS,
        query,
        headers: { host: HOST },
        date: new Date(T0),
      }).authorization,
    )
  })

  // undici sends no Content-Length without a body, so signing one made every GET a 401.
  it('leaves content-length out of the signature of a GET, which has no body', async () => {
    expectRequest(
      { statusCode: 200, data: { resultCode: '0200000', totalSize: 0, data: [] } },
      (p) => p.startsWith(CAMPAIGNS + '?'),
      'GET',
    )
    const signing = {
      timestampFormat: 'milliseconds' as const,
      signedHeaders: ['content-length', 'content-type', 'host'],
    }
    await makeClient({ signing }).listCampaigns({ curPage: 1, rowsPerPage: 10 })
    const req = captured[0]!
    expect(Object.keys(req.headers).sort()).toEqual(['Authorization', 'Content-Type', 'Host'])
    expect(parseAuthorization(req.headers.Authorization!)?.signedHeaders).toEqual([
      'content-type',
      'host',
    ])
    expect(req.headers.Authorization).toBe(
      signRequest({
        ak: AK,
        sk: SK,
        method: 'GET',
        path: CAMPAIGNS,
        query: { curPage: '1', rowsPerPage: '10' },
        headers: { host: HOST, 'content-type': 'application/json; charset=UTF-8' },
        date: new Date(T0),
        options: { timestampFormat: 'milliseconds', signedHeaders: ['content-type', 'host'] },
      }).authorization,
    )
  })

  it('validates rowsPerPage and status', async () => {
    expect(
      (await expectAppError(makeClient().listCampaigns({ rowsPerPage: 101 }))).detail.field,
    ).toBe('rowsPerPage')
    expect(
      (await expectAppError(makeClient().listCampaigns({ status: 1 as 0 }))).detail.field,
    ).toBe('status')
  })
})
