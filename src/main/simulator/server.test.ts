import { connect } from 'node:tls'
import { Agent, request } from 'undici'
import { fingerprintOfPem } from '../tls/trust'
import { generateCaAndLeaf, generateCertificate, type GeneratedCertificate } from './certificate'
import { campaignsPath, importTasksPath } from './handlers'
import { startSimulator, type Simulator } from './server'
import { callSimulator, type CallOptions } from '../testing/simulator-client'

const CLOCK = Date.parse('2024-06-01T08:00:00Z')
const ENCODED_ID = 'Q3 camp/ü'

let cert: GeneratedCertificate
let sim: Simulator
let agent: Agent

function peerFingerprint(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
      const fingerprint = socket.getPeerX509Certificate()?.fingerprint256 ?? ''
      socket.destroy()
      resolve(fingerprint)
    })
    socket.on('error', reject)
  })
}

function call(options: CallOptions, target: Simulator = sim, dispatcher: Agent = agent) {
  return callSimulator(target, dispatcher, { date: new Date(CLOCK), ...options })
}

function tasks(
  body: unknown,
  campaign = '1001',
  vdn: number | string = 1,
  extra: Partial<CallOptions> = {},
) {
  return call({ path: importTasksPath(vdn, campaign), body, ...extra })
}

beforeAll(async () => {
  cert = await generateCertificate()
  sim = await startSimulator({
    certificate: cert,
    now: () => CLOCK,
    campaigns: [
      { id: '1001', name: 'Spring Renewal Offers 2024', taskCount: 250, live: true, seed: 1 },
      { id: '1002', name: 'Card Activation', taskCount: 40, withBlackNum: true, seed: 2 },
      { id: '1004', name: 'Survey', taskCount: 12, omitCount: true, status: 4, seed: 4 },
      { id: ENCODED_ID, name: 'Encoded id', taskCount: 5, vdnId: 2, seed: 5 },
    ],
  })
  agent = new Agent({ connect: { ca: sim.certPem } })
})

afterAll(async () => {
  await agent.close()
  await sim.close()
})

afterEach(() => sim.setFaults({}))

describe('import-task query', () => {
  it('answers a correctly signed request with the first page', async () => {
    const res = await tasks({ offset: 0, limit: 10 })
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expect(res.headers.date).toBe(new Date(CLOCK).toUTCString())
    const body = res.json()
    expect(body).toMatchObject({
      count: 250,
      resultCode: '0200000',
      resultDesc: 'success',
      returnCode: '0200000',
      returnDesc: 'success',
    })
    expect(body.result).toEqual(sim.campaigns[0]!.tasks.slice(0, 10))
  })

  it('pages with offset and limit through every task, newest first', async () => {
    const seen: unknown[] = []
    for (let offset = 0; ; offset += 100) {
      const body = (await tasks({ offset, limit: 100 })).json()
      const page = body.result as unknown[]
      seen.push(...page)
      if (page.length < 100) break
    }
    expect(seen).toEqual(sim.campaigns[0]!.tasks)
    expect(seen).toHaveLength(250)
    const last = (await tasks({ offset: 245, limit: 100 })).json()
    expect(last.result).toHaveLength(5)
    expect((await tasks({ offset: 900, limit: 5 })).json().result).toEqual([])
  })

  it('filters by importTaskIds before paging', async () => {
    const all = sim.campaigns[0]!.tasks
    const ids = [all[20]!.id, all[3]!.id, all[100]!.id, '999999999999999999999999999999']
    const body = (await tasks({ offset: 0, limit: 2, importTaskIds: ids })).json()
    expect(body.count).toBe(3)
    expect(body.result).toEqual([all[3], all[20]])
    const next = (await tasks({ offset: 2, limit: 2, importTaskIds: ids })).json()
    expect(next.result).toEqual([all[100]])
  })

  it('decodes a percent-encoded campaign id and serves other VDNs', async () => {
    const body = (await tasks({ offset: 0, limit: 100 }, ENCODED_ID, 2)).json()
    expect(body.resultCode).toBe('0200000')
    expect(body.count).toBe(5)
    expect((await tasks({ offset: 0, limit: 1 }, ENCODED_ID, 1)).json().resultCode).toBe('0200007')
  })

  it('omits count for an omitCount campaign and sends blackNum for a withBlackNum one', async () => {
    const survey = (await tasks({ offset: 0, limit: 5 }, '1004')).json()
    expect(survey).not.toHaveProperty('count')
    expect(survey.result).toHaveLength(5)
    const cards = (await tasks({ offset: 0, limit: 100 }, '1002')).json()
    expect(
      (cards.result as Record<string, unknown>[]).every((t) => typeof t.blackNum === 'number'),
    ).toBe(true)
  })

  it.each([
    ['vdnId 0', { vdn: 0 }, '02000005'],
    ['vdnId 10000', { vdn: 10000 }, '02000005'],
    ['vdnId not a number', { vdn: 'abc' }, '02000005'],
    ['unknown VDN', { vdn: 7 }, '0200001'],
    ['wrong Content-Type', { headers: { 'content-type': 'text/plain' } }, '0200001'],
    ['body not JSON', { body: '{offset:0' }, '0200001'],
    ['body an array', { body: [1, 2] }, '0200001'],
    ['offset missing', { body: { limit: 10 } }, '02000001'],
    ['limit missing', { body: { offset: 0 } }, '02000001'],
    ['offset a string', { body: { offset: '0', limit: 10 } }, '02000006'],
    ['limit not an integer', { body: { offset: 0, limit: 1.5 } }, '02000006'],
    ['offset negative', { body: { offset: -1, limit: 10 } }, '02000005'],
    ['limit 0', { body: { offset: 0, limit: 0 } }, '02000005'],
    ['limit 101', { body: { offset: 0, limit: 101 } }, '02000005'],
    [
      'importTaskIds not a list',
      { body: { offset: 0, limit: 10, importTaskIds: 'x' } },
      '02000006',
    ],
    [
      'importTaskIds numbers',
      { body: { offset: 0, limit: 10, importTaskIds: [1, 2] } },
      '02000006',
    ],
    [
      'more than 100 importTaskIds',
      {
        body: {
          offset: 0,
          limit: 10,
          importTaskIds: Array.from({ length: 101 }, (_, i) => `${i}`),
        },
      },
      '02000011',
    ],
    ['unknown campaign', { campaign: '424242' }, '0200007'],
  ] as const)('rejects %s with HTTP 200 and %s', async (_label, c, code) => {
    const input = c as {
      vdn?: number | string
      campaign?: string
      body?: unknown
      headers?: Record<string, string>
    }
    const res = await tasks(
      input.body ?? { offset: 0, limit: 10 },
      input.campaign ?? '1001',
      input.vdn ?? 1,
      {
        ...(input.headers ? { headers: input.headers } : {}),
      },
    )
    expect(res.status).toBe(200)
    const body = res.json()
    expect(body.resultCode).toBe(code)
    expect(body.returnCode).toBe(code)
    expect(typeof body.resultDesc).toBe('string')
    expect(body).not.toHaveProperty('result')
  })

  it('says which campaign is missing in Huawei words', async () => {
    const body = (await tasks({ offset: 0, limit: 10 }, 'nope')).json()
    expect(body.resultDesc).toBe('The outbound campaign does not exist')
  })
})

describe('campaign list', () => {
  it('lists the campaigns of a VDN with paging and a signed query string', async () => {
    const res = await call({
      method: 'GET',
      path: campaignsPath(1),
      query: { name: '', status: '0', deviceType: '0', curPage: '1', rowsPerPage: '2' },
    })
    expect(res.status).toBe(200)
    const body = res.json()
    expect(body).toMatchObject({ resultCode: '0200000', curPage: 1, totalSize: 3, rowsPerPage: 2 })
    expect(body.data).toEqual([
      expect.objectContaining({ id: 1001, name: 'Spring Renewal Offers 2024', status: 2 }),
      expect.objectContaining({ id: 1002, name: 'Card Activation' }),
    ])
  })

  it('filters by name substring and status, and sends non-numeric ids as strings', async () => {
    const byName = (
      await call({ method: 'GET', path: campaignsPath(1), query: { name: 'activ' } })
    ).json()
    expect((byName.data as { name: string }[]).map((c) => c.name)).toEqual(['Card Activation'])
    const completed = (
      await call({ method: 'GET', path: campaignsPath(1), query: { status: '4' } })
    ).json()
    expect(completed.data).toEqual([expect.objectContaining({ id: 1004 })])
    const vdn2 = (await call({ method: 'GET', path: campaignsPath(2) })).json()
    expect(vdn2.data).toEqual([expect.objectContaining({ id: ENCODED_ID })])
  })

  it('validates rowsPerPage', async () => {
    const tooMany = await call({
      method: 'GET',
      path: campaignsPath(1),
      query: { rowsPerPage: '101' },
    })
    expect(tooMany.json().resultCode).toBe('02000005')
    const notNumber = await call({
      method: 'GET',
      path: campaignsPath(1),
      query: { rowsPerPage: 'ten' },
    })
    expect(notNumber.json().resultCode).toBe('02000006')
  })

  it('rejects a request whose query string differs from the signed one', async () => {
    const res = await call({
      method: 'GET',
      path: campaignsPath(1) + '?name=evil',
      query: { name: 'spring' },
    })
    expect(res.status).toBe(401)
  })
})

describe('other paths', () => {
  it('answers 404 JSON with description instead of resultDesc', async () => {
    const res = await call({ method: 'GET', path: '/rest/isales/v1/openapi/nothing' })
    expect(res.status).toBe(404)
    expect(res.json()).toEqual({
      resultCode: '0200404',
      description: expect.stringContaining('nothing'),
    })
    const wrongMethod = await call({ method: 'GET', path: importTasksPath(1, '1001') })
    expect(wrongMethod.status).toBe(404)
  })
})

describe('C2 authentication', () => {
  const body = { offset: 0, limit: 1 }

  it.each([
    ['missing', { auth: 'none' }, 'missing-authorization'],
    ['malformed', { headers: { authorization: 'Bearer abc' } }, 'malformed-authorization'],
    ['for another AK', { ak: 'someone-else' }, 'unknown-ak'],
    ['with the wrong SK', { sk: 'wrong-sk' }, 'signature-mismatch'],
    ['older than the skew window', { date: new Date(CLOCK - 301_000) }, 'clock-skew'],
    ['newer than the skew window', { date: new Date(CLOCK + 301_000) }, 'clock-skew'],
    ['with another body than signed', { sentBody: '{"offset":0,"limit":2}' }, 'signature-mismatch'],
    ['with another host than sent', { signedHost: 'localhost:1' }, 'signature-mismatch'],
    [
      'without host among the signed headers',
      { signing: { timestampFormat: 'seconds', signedHeaders: ['content-type'] } },
      'required-header-unsigned',
    ],
  ] as const)('answers 401 to a request signed %s', async (_label, extra, reason) => {
    const res = await tasks(body, '1001', 1, extra as Partial<CallOptions>)
    expect(res.status).toBe(401)
    expect(res.json()).toEqual({ resultCode: '0200401', resultDesc: 'authentication failed' })
    expect(res.headers['x-simulator-reason']).toBe(reason)
  })

  it('accepts a timestamp inside the window and the millisecond / multi-header variant', async () => {
    expect((await tasks(body, '1001', 1, { date: new Date(CLOCK - 299_000) })).status).toBe(200)
    const variant = await tasks(body, '1001', 1, {
      date: new Date(CLOCK + 1234),
      signing: {
        timestampFormat: 'milliseconds',
        signedHeaders: ['content-length', 'content-type', 'host'],
      },
    })
    expect(variant.status).toBe(200)
    expect(variant.json().resultCode).toBe('0200000')
    expect(sim.requestLog.at(-1)?.headers.authorization).toMatch(
      /^auth-v2\/[^/]+\/2024-06-01T08:00:01\.234Z\/content-length;content-type;host\//,
    )
  })

  it('checks auth before validation', async () => {
    expect((await tasks({ offset: 0 }, '1001', 0, { auth: 'none' })).status).toBe(401)
  })
})

describe('faults', () => {
  const body = { offset: 0, limit: 3 }

  it('http500 answers 500 once, then the normal reply', async () => {
    sim.setFaults({ http500: 1 })
    expect((await tasks(body)).status).toBe(500)
    expect((await tasks(body)).status).toBe(200)
    expect(sim.pendingFaults()).toEqual({})
  })

  it('http429 sets Retry-After', async () => {
    sim.setFaults({ http429: 1, retryAfterSeconds: 7 })
    const res = await tasks(body)
    expect(res.status).toBe(429)
    expect(res.headers['retry-after']).toBe('7')
  })

  it('tooFrequent answers HTTP 200 with 0200022', async () => {
    sim.setFaults({ tooFrequent: 1 })
    const res = await tasks(body)
    expect(res.status).toBe(200)
    expect(res.json().resultCode).toBe('0200022')
  })

  it('applies several faults in precedence order, one per request', async () => {
    sim.setFaults({ http429: 1, http500: 2 })
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await tasks(body)).status)
    expect(statuses).toEqual([500, 500, 429, 200])
  })

  it('dropConnection closes the socket without a reply', async () => {
    sim.setFaults({ dropConnection: 1 })
    await expect(tasks(body)).rejects.toThrow()
    expect((await tasks(body)).status).toBe(200)
  })

  it('malformedJson sends a 200 whose body does not parse', async () => {
    sim.setFaults({ malformedJson: 1 })
    const res = await tasks(body)
    expect(res.status).toBe(200)
    expect(res.text.startsWith('{"result":[')).toBe(true)
    expect(() => res.json()).toThrow(SyntaxError)
  })

  it('truncatedBody ends the connection before Content-Length bytes', async () => {
    sim.setFaults({ truncatedBody: 1 })
    await expect(tasks(body)).rejects.toThrow()
    expect((await tasks(body)).status).toBe(200)
  })

  it('slowBody sends headers at once and the body over slowBodyMs', async () => {
    sim.resetStats()
    sim.setFaults({ slowBody: 1, slowBodyMs: 600 })
    const res = await request(`${sim.url}${importTasksPath(1, '1001')}`, {
      method: 'POST',
      dispatcher: agent,
      headers: { 'content-type': 'application/json' },
      body: '{}',
    })
    // Events, not clocks: the headers are here while the server is still sending the body.
    const record = sim.requestLog.at(-1)!
    expect(record.fault).toBe('slowBody')
    expect(res.statusCode).toBe(401)
    expect(record.status).toBeNull()
    expect(sim.stats.inFlight).toBe(1)
    const text = await res.body.text()
    expect(JSON.parse(text)).toEqual({ resultCode: '0200401', resultDesc: 'authentication failed' })
    // The last byte ends the reply: no empty trailing piece keeps it in flight.
    expect(record.status).toBe(401)
    expect(sim.stats.inFlight).toBe(0)
  })

  it('hugeBody streams a valid-looking chunked reply of hugeBodyBytes', async () => {
    sim.setFaults({ hugeBody: 1, hugeBodyBytes: 3_000_000 })
    const res = await tasks(body)
    expect(res.headers['content-length']).toBeUndefined()
    expect(res.text.length).toBeGreaterThanOrEqual(2_900_000)
    const parsed = res.json()
    expect((parsed.result as unknown[]).length).toBe(parsed.count)
    expect(parsed.resultCode).toBe('0200000')
  })

  it('hugeBody at the default size can be abandoned by the client', async () => {
    sim.setFaults({ hugeBody: 1 })
    const res = await request(`${sim.url}/x`, { method: 'GET', dispatcher: agent }).catch(
      () => null,
    )
    // 404s are not fault targets: the reply is the normal, small one.
    expect(res?.statusCode).toBe(404)
    await res?.body.text()
    const controller = new AbortController()
    const big = await request(`${sim.url}${importTasksPath(1, '1001')}`, {
      method: 'POST',
      dispatcher: agent,
      signal: controller.signal,
      body: '{}',
    })
    let received = 0
    await expect(
      (async () => {
        for await (const chunk of big.body) {
          received += (chunk as Buffer).length
          if (received > 2_000_000) controller.abort()
        }
      })(),
    ).rejects.toThrow()
    expect(received).toBeGreaterThan(2_000_000)
    expect((await tasks(body)).status).toBe(200)
  })

  it('latency delays the reply and counts as in flight', async () => {
    sim.resetStats()
    sim.setFaults({ latency: 1, latencyMs: 500 })
    const order: string[] = []
    const delayed = tasks(body).then((res) => {
      order.push('delayed')
      return res
    })
    // Only once the server holds the delayed request, send one the fault does not apply to.
    await vi.waitFor(() => expect(sim.stats.requests).toBe(1))
    const prompt = await tasks(body)
    order.push('prompt')
    expect(prompt.status).toBe(200)
    // The delayed request is still being held, and counted, while the later one got its reply.
    expect(sim.stats.inFlight).toBe(1)
    expect((await delayed).status).toBe(200)
    expect(order).toEqual(['prompt', 'delayed'])
    expect(sim.stats.inFlight).toBe(0)
  })

  /** Statuses of `n` sequential requests under a fresh fault plan. */
  async function statusesWith(faults: Parameters<Simulator['setFaults']>[0], n: number) {
    sim.setFaults(faults)
    const statuses: number[] = []
    for (let i = 0; i < n; i++) statuses.push((await tasks(body)).status)
    return statuses
  }

  it('fires by probability with a seeded draw: the same seed repeats, another differs', async () => {
    const fair = (seed: number) => ({ http500: { probability: 0.5 }, seed })
    const first = await statusesWith(fair(7), 24)
    // A real probability: both outcomes occur.
    expect(first).toContain(500)
    expect(first).toContain(200)
    expect(first.every((s) => s === 200 || s === 500)).toBe(true)
    expect(await statusesWith(fair(7), 24)).toEqual(first)
    expect(await statusesWith(fair(8), 24)).not.toEqual(first)
  })

  it('probability 1 always fires and 0 never does', async () => {
    expect(await statusesWith({ http500: { probability: 1 } }, 3)).toEqual([500, 500, 500])
    expect(await statusesWith({ http500: { probability: 0 } }, 3)).toEqual([200, 200, 200])
  })
})

describe('concurrency stats', () => {
  const page = {
    path: importTasksPath(1, '1001'),
    body: { offset: 0, limit: 1 },
    date: new Date(CLOCK),
  }

  it('measures the most requests in flight at once, latency included', async () => {
    sim.resetStats()
    sim.setFaults({ latencyMs: 200 })
    const results = await Promise.all(
      Array.from({ length: 12 }, () => callSimulator(sim, agent, page)),
    )
    expect(results.every((r) => r.status === 200)).toBe(true)
    expect(sim.stats).toMatchObject({ requests: 12, maxInFlight: 12, inFlight: 0 })
    expect(sim.stats.byRoute.tasks).toBe(12)
    expect(sim.stats.byStatus['200']).toBe(12)
  })

  it('never counts more than the client sends at once', async () => {
    sim.resetStats()
    sim.setFaults({ latencyMs: 100 })
    const limited = new Agent({ connect: { ca: sim.certPem }, connections: 4 })
    try {
      await Promise.all(Array.from({ length: 12 }, () => callSimulator(sim, limited, page)))
    } finally {
      await limited.close()
    }
    expect(sim.stats).toMatchObject({ requests: 12, maxInFlight: 4, inFlight: 0 })
  })

  it('refuses at once with HTTP 429, no Retry-After, a request beyond maxInFlight being served', async () => {
    sim.resetStats()
    sim.setFaults({ latencyMs: 300, maxInFlight: 3 })
    const results = await Promise.all(
      Array.from({ length: 5 }, () => callSimulator(sim, agent, page)),
    )
    const statuses = results.map((r) => r.status).sort()
    expect(statuses).toEqual([200, 200, 200, 429, 429])
    const refused = results.find((r) => r.status === 429)
    expect(refused?.headers['retry-after']).toBeUndefined()
    expect(refused?.json().resultCode).toBe('0200022')
    expect(sim.stats).toMatchObject({ overLimit: 2, maxServed: 3, inFlight: 0 })
    // Served requests leaving free their places: the next ones are served.
    expect((await callSimulator(sim, agent, page)).status).toBe(200)
  })

  it('refuses beyond maxInFlight with iSales 0200022 on HTTP 200 when asked', async () => {
    sim.resetStats()
    sim.setFaults({ latencyMs: 300, maxInFlight: 1, overLimitReply: 'tooFrequent' })
    const results = await Promise.all(
      Array.from({ length: 2 }, () => callSimulator(sim, agent, page)),
    )
    const codes = results.map((r) => r.json().resultCode as string).sort()
    expect(results.map((r) => r.status)).toEqual([200, 200])
    expect(codes).toEqual(['0200000', '0200022'])
    expect(sim.stats.overLimit).toBe(1)
  })

  it('releases a slot before the client sees the reply, so back-to-back calls count as one', async () => {
    sim.resetStats()
    for (let i = 0; i < 20; i++) await callSimulator(sim, agent, page)
    expect(sim.stats).toMatchObject({ requests: 20, maxInFlight: 1 })
  })
})

describe('live world', () => {
  it('serves added tasks first and reflects status changes and ticks', async () => {
    const added = sim.addTask('1001')
    let body = (await tasks({ offset: 0, limit: 1 })).json()
    expect(body.count).toBe(sim.campaigns[0]!.tasks.length)
    expect(body.result).toEqual([
      expect.objectContaining({ id: added.id, status: '0', endTime: '' }),
    ])

    sim.tick()
    body = (await tasks({ offset: 0, limit: 100, importTaskIds: [added.id] })).json()
    expect(body.result).toEqual([expect.objectContaining({ id: added.id, status: '1' })])

    sim.setTaskStatus('1001', added.id, '3')
    body = (await tasks({ offset: 0, limit: 100, importTaskIds: [added.id] })).json()
    const [task] = body.result as Record<string, unknown>[]
    expect(task).toMatchObject({ status: '3', errMsg: expect.stringMatching(/\w/) })
    expect(task?.endTime).not.toBe('')
  })
})

describe('TLS', () => {
  it('is refused by a client that does not trust the self-signed certificate', async () => {
    const strict = new Agent()
    try {
      await expect(request(`${sim.url}/`, { dispatcher: strict })).rejects.toMatchObject({
        code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
      })
    } finally {
      await strict.close()
    }
  })

  it('rotateCertificate presents a new certificate to new connections', async () => {
    const before = await peerFingerprint(sim.port)
    expect(before).toBe(cert.fingerprint256)
    const rotated = await sim.rotateCertificate()
    expect(rotated).not.toBe(before)
    expect(sim.fingerprint256).toBe(rotated)
    expect(rotated).toBe(fingerprintOfPem(sim.certPem))
    expect(await peerFingerprint(sim.port)).toBe(rotated)
    const fresh = new Agent({ connect: { ca: sim.certPem } })
    try {
      const res = await callSimulator(sim, fresh, {
        path: importTasksPath(1, '1001'),
        body: { offset: 0, limit: 1 },
        date: new Date(CLOCK),
      })
      expect(res.status).toBe(200)
    } finally {
      await fresh.close()
    }
  })

  it('serves a CA-signed leaf that verifies against the custom CA only', async () => {
    const pair = await generateCaAndLeaf()
    const caSim = await startSimulator({
      certificate: pair,
      campaigns: [{ id: '1', name: 'a', taskCount: 1 }],
    })
    const trusting = new Agent({ connect: { ca: pair.caPem } })
    const other = new Agent({ connect: { ca: cert.certPem } })
    try {
      expect(caSim.caPem).toBe(pair.caPem)
      expect(caSim.fingerprint256).toBe(pair.fingerprint256)
      const ok = await callSimulator(caSim, trusting, {
        path: importTasksPath(1, '1'),
        body: { offset: 0, limit: 1 },
      })
      expect(ok.json().count).toBe(1)
      await expect(
        callSimulator(caSim, other, {
          path: importTasksPath(1, '1'),
          body: { offset: 0, limit: 1 },
        }),
      ).rejects.toMatchObject({ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' })
    } finally {
      await trusting.close()
      await other.close()
      await caSim.close()
    }
  })
})

describe('options', () => {
  it('describes business errors with `description` when asked to', async () => {
    const quirky = await startSimulator({
      certificate: cert,
      errorDescriptionField: 'description',
      campaigns: [{ id: '1', name: 'a', taskCount: 1 }],
    })
    const client = new Agent({ connect: { ca: cert.certPem } })
    try {
      const res = await callSimulator(quirky, client, {
        path: importTasksPath(1, '2'),
        body: { offset: 0, limit: 1 },
      })
      expect(res.json()).toEqual({
        resultCode: '0200007',
        returnCode: '0200007',
        description: 'The outbound campaign does not exist',
      })
    } finally {
      await client.close()
      await quirky.close()
    }
  })

  it('close() ends open connections promptly', async () => {
    const doomed = await startSimulator({
      certificate: cert,
      campaigns: [],
      // Longer than the test timeout: if close() waited for the reply, the test would time out.
      faults: { latencyMs: 120_000 },
    })
    const client = new Agent({ connect: { ca: cert.certPem } })
    try {
      const pending = callSimulator(doomed, client, {
        path: importTasksPath(1, '1'),
        body: { offset: 0, limit: 1 },
      })
      await vi.waitFor(() => expect(doomed.stats.inFlight).toBe(1))
      await doomed.close()
      await expect(pending).rejects.toThrow()
    } finally {
      await client.close()
    }
  })
})
