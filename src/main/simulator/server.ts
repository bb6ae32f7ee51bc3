import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import { createServer, type Server } from 'node:https'
import type { Socket } from 'node:net'
import type { TaskStatus } from '../../shared/import-task'
import { fingerprintOfPem } from '../tls/trust'
import { timerDelay } from '../timer-delay'
import { verifyC2, type AuthFailure, type SigningPolicy } from './auth'
import { generateCertificate } from './certificate'
import { generateCredentials, readBody, splitUrl } from './request-parts'
import type { RawTask } from './dataset'
import { trackConnectionLoad } from './connection-load'
import { JSON_TYPE, writeHugeBody, writeSlowly, type BodyIo } from './fault-bodies'
import { FaultPlan, type FaultName, type FaultOptions, type RouteName } from './faults'
import {
  authFailed,
  matchRoute,
  notFound,
  routeReply,
  tooFrequent,
  type DescriptionField,
  type HandlerContext,
  type Reply,
} from './handlers'
import { DEFAULT_CAMPAIGNS, SimWorld, type CampaignSpec, type SimCampaign } from './world'

/**
 * The iSales simulator: a real HTTPS server on 127.0.0.1 speaking the import-task and
 * campaign-list interfaces with C2 verification, live progression and fault injection.
 *
 * Over 400 lines: one closure holds the server's shared state (sockets, timers, stats, the
 * certificate that rotates); what needs none of it lives apart (handlers.ts routes, world.ts data,
 * faults.ts plans, fault-bodies.ts streamed fault replies, auth.ts C2 checks, request-parts.ts
 * credentials, bodies and URLs).
 */

export const SIMULATOR_HOST = '127.0.0.1'
/** Allowed difference between a signature's timestamp and the simulator clock, by default. */
export const DEFAULT_SKEW_WINDOW_SECONDS = 300

export interface SimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number
  /** Default: random AK/SK. */
  credentials?: { ak: string; sk: string }
  /** Allowed difference between the signature timestamp and the simulator clock (default 300 s). */
  skewWindowSeconds?: number
  signing?: SigningPolicy
  /** Default: DEFAULT_CAMPAIGNS (world.ts). */
  campaigns?: CampaignSpec[]
  /** VDNs that exist (default: the campaigns' VDNs plus 1). Others get 0200001. */
  vdnIds?: number[]
  /** Default: a fresh self-signed localhost certificate. */
  certificate?: { certPem: string; keyPem: string; caPem?: string }
  /** Simulator clock (epoch ms) for the skew check, the Date header, datasets and ticks. */
  now?: () => number
  /** Seed for progression and default campaign seeds (default 42). */
  seed?: number
  faults?: FaultOptions
  /** Blacklist imports of each VDN (default DEFAULT_BLACKLIST_TASKS, world.ts). */
  blacklistTasks?: number
  /** Which field business-error replies describe the error in (quirk; default resultDesc). */
  errorDescriptionField?: DescriptionField
  /** Request bodies above this get HTTP 413 (default 1 MB). */
  maxRequestBytes?: number
}

export interface SimulatorStats {
  requests: number
  inFlight: number
  /** Most requests being handled at once (from arrival to the reply's end, latency included). */
  maxInFlight: number
  /** Requests in flight plus connections not carrying one yet: see connection-load.ts. */
  inUse: number
  /** Most of inUse at once: what a per-server limit holds down (test-facing). */
  maxInUse: number
  byRoute: Record<RouteName, number>
  byStatus: Record<string, number>
  faults: Partial<Record<FaultName, number>>
  /** Requests refused because maxInFlight were being served (faults.ts). */
  overLimit: number
  /** Most requests served at once, refused ones not counted: at most maxInFlight. */
  maxServed: number
  authFailures: Partial<Record<AuthFailure, number>>
}

export interface RequestRecord {
  method: string
  /** Raw path as sent (percent-encoded), without the query. */
  path: string
  query: Record<string, string>
  headers: IncomingHttpHeaders
  body: string
  route: RouteName
  status: number | null
  fault: FaultName | null
  authFailure: AuthFailure | null
}

export interface Simulator {
  readonly url: string
  readonly host: string
  readonly port: number
  readonly ak: string
  readonly sk: string
  readonly fingerprint256: string
  readonly certPem: string
  /** Set when started with a CA-signed certificate (until rotateCertificate). */
  readonly caPem: string | undefined
  readonly campaigns: readonly SimCampaign[]
  /** The VDN's blacklist imports, newest first (the live array): empty for an unknown VDN. */
  blacklistTasks(vdnId?: number): readonly RawTask[]
  /** Live counters; see resetStats. */
  readonly stats: SimulatorStats
  /** TCP connections open now, idle kept-alive ones included (test-facing: leak checks). */
  readonly openSockets: number
  /** The last 200 requests, oldest first. */
  readonly requestLog: readonly RequestRecord[]
  tick(n?: number): number
  startTicking(intervalMs?: number): void
  stopTicking(): void
  /** Replaces the fault set; counts start afresh. */
  setFaults(faults: FaultOptions): void
  pendingFaults(): Partial<Record<FaultName | 'latency', number>>
  /** New self-signed certificate for new TLS connections; returns its fingerprint. */
  rotateCertificate(): Promise<string>
  setTaskStatus(campaignId: string, taskId: string, status: TaskStatus): RawTask
  addTask(campaignId: string, partial?: Partial<RawTask>): RawTask
  /** Moves one of the VDN's blacklist imports (default VDN 1) to a status. */
  setBlacklistTaskStatus(taskId: string, status: TaskStatus, vdnId?: number): RawTask
  resetStats(): void
  close(): Promise<void>
}

export { generateCredentials }

const LOG_SIZE = 200

function emptyStats(): SimulatorStats {
  return {
    requests: 0,
    inFlight: 0,
    maxInFlight: 0,
    inUse: 0,
    maxInUse: 0,
    byRoute: { tasks: 0, blacklist: 0, campaigns: 0, unknown: 0 },
    byStatus: {},
    faults: {},
    overLimit: 0,
    maxServed: 0,
    authFailures: {},
  }
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const now = options.now ?? Date.now
  const credentials = options.credentials ?? generateCredentials()
  const skewWindowSeconds = options.skewWindowSeconds ?? DEFAULT_SKEW_WINDOW_SECONDS
  const maxRequestBytes = options.maxRequestBytes ?? 1024 * 1024
  const specs = options.campaigns ?? DEFAULT_CAMPAIGNS
  const knownVdnIds = new Set(options.vdnIds ?? [1, ...specs.map((c) => c.vdnId ?? 1)])
  const world = new SimWorld(
    specs,
    now,
    options.seed ?? 42,
    options.blacklistTasks !== undefined ? { taskCount: options.blacklistTasks } : {},
    [...knownVdnIds],
  )
  const ctx: HandlerContext = {
    world,
    knownVdnIds,
    descriptionField: options.errorDescriptionField ?? 'resultDesc',
  }
  let cert = options.certificate ?? (await generateCertificate())
  // One way to compute it, for a given certificate and after every rotation alike.
  let fingerprint = fingerprintOfPem(cert.certPem)
  let caPem = options.certificate?.caPem
  let faults = new FaultPlan(options.faults)
  let stats = emptyStats()
  // Requests being served (not refused as over the limit): what maxInFlight bounds.
  let served = 0
  const log: RequestRecord[] = []
  const sockets = new Set<Socket>()
  const timers = new Map<NodeJS.Timeout, () => void>()
  let ticker: NodeJS.Timeout | undefined
  let closed = false

  /** setTimeout that close() can cancel; resolves early (to false) on close. */
  function wait(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer)
        resolve(true)
      }, timerDelay(ms))
      timers.set(timer, () => resolve(false))
    })
  }

  function compute(
    req: IncomingMessage,
    rawPath: string,
    query: Record<string, string>,
    body: string,
  ) {
    const method = req.method ?? 'GET'
    const match = matchRoute(method, rawPath)
    if (match.route === 'unknown') return { reply: notFound(method, rawPath), authFailure: null }
    const auth = verifyC2(
      { method, rawPath, query, headers: req.headers, body },
      {
        ak: credentials.ak,
        sk: credentials.sk,
        skewWindowSeconds,
        nowMs: now(),
        policy: options.signing ?? {},
      },
    )
    if (!auth.ok) return { reply: authFailed(), authFailure: auth.reason }
    return {
      reply: routeReply(ctx, match, req.headers['content-type'], body, query),
      authFailure: null,
    }
  }

  // A request stops counting as in flight the moment its reply is complete on our side: waiting
  // for 'close' would lag behind a client that already has the reply and sends the next request.
  const releases = new WeakMap<ServerResponse, () => void>()

  function endReply(res: ServerResponse, chunk?: string | Buffer): void {
    releases.get(res)?.()
    res.end(chunk)
  }

  const bodyIo: BodyIo = { wait, endReply, isClosed: () => closed }

  function send(res: ServerResponse, reply: Reply): void {
    const text = JSON.stringify(reply.body)
    res.writeHead(reply.status, {
      'Content-Type': JSON_TYPE,
      'Content-Length': Buffer.byteLength(text),
      ...reply.headers,
    })
    endReply(res, text)
  }

  async function deliverFault(
    fault: FaultName,
    req: IncomingMessage,
    res: ServerResponse,
    reply: Reply,
    plan: FaultPlan,
  ): Promise<void> {
    const text = JSON.stringify(reply.body)
    switch (fault) {
      case 'dropConnection':
        releases.get(res)?.()
        req.socket.destroy()
        return
      case 'http500':
        return send(res, {
          status: 500,
          body: {
            timestamp: new Date(now()).toISOString(),
            status: 500,
            error: 'Internal Server Error',
            path: req.url ?? '',
          },
        })
      case 'http429':
        return send(res, {
          status: 429,
          headers: { 'Retry-After': String(plan.retryAfterSeconds) },
          body: tooFrequent().body,
        })
      case 'tooFrequent':
        return send(res, tooFrequent())
      case 'malformedJson': {
        // Half of a JSON object never parses: its closing brace is gone.
        const broken = text.slice(0, Math.max(1, Math.floor(text.length / 2)))
        res.writeHead(200, {
          'Content-Type': JSON_TYPE,
          'Content-Length': Buffer.byteLength(broken),
        })
        endReply(res, broken)
        return
      }
      case 'truncatedBody': {
        const buffer = Buffer.from(text)
        res.writeHead(reply.status, {
          'Content-Type': JSON_TYPE,
          'Content-Length': buffer.length + 512,
        })
        res.write(buffer.subarray(0, Math.ceil(buffer.length / 2)), () => {
          releases.get(res)?.()
          res.socket?.end()
        })
        return
      }
      case 'slowBody':
        return writeSlowly(res, reply.status, Buffer.from(text), plan.slowBodyMs, bodyIo)
      case 'hugeBody': {
        const sample = world.campaigns.find((c) => c.tasks.length > 0)?.tasks[0] ?? {}
        return writeHugeBody(res, plan.hugeBodyBytes, sample, bodyIo)
      }
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    stats.requests++
    stats.inFlight++
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight)
    const counted = stats
    const releaseLoad = load.request(req.socket, counted)
    const { rawPath, query } = splitUrl(req.url ?? '/')
    const route = matchRoute(req.method ?? 'GET', rawPath).route
    stats.byRoute[route]++
    const record: RequestRecord = {
      method: req.method ?? 'GET',
      path: rawPath,
      query,
      headers: { ...req.headers },
      body: '',
      route,
      status: null,
      fault: null,
      authFailure: null,
    }
    let released = false
    const release = (): void => {
      if (released) return
      released = true
      counted.inFlight--
      releaseLoad()
      if (res.headersSent) {
        record.status = res.statusCode
        counted.byStatus[res.statusCode] = (counted.byStatus[res.statusCode] ?? 0) + 1
      }
    }
    releases.set(res, release)
    res.once('close', release)
    res.setHeader('Date', new Date(now()).toUTCString())

    const body = await readBody(req, maxRequestBytes)
    if (body === null) {
      send(res, {
        status: 413,
        body: { resultCode: '0200001', description: 'Request body too large' },
      })
      return
    }
    record.body = body
    log.push(record)
    if (log.length > LOG_SIZE) log.shift()
    const plan = faults
    if (route !== 'unknown' && served >= plan.maxInFlight) {
      stats.overLimit++
      record.fault = plan.overLimitReply
      const refusal = tooFrequent()
      return send(res, plan.overLimitReply === 'http429' ? { ...refusal, status: 429 } : refusal)
    }
    served++
    stats.maxServed = Math.max(stats.maxServed, served)
    let servedDone = false
    const leave = (): void => {
      if (servedDone) return
      servedDone = true
      served--
    }
    const releaseLoadAndServed = releases.get(res)
    releases.set(res, () => {
      leave()
      releaseLoadAndServed?.()
    })
    res.once('close', leave)
    const decision = plan.next(route)
    record.fault = decision.fault
    if (decision.latencyMs > 0 && !(await wait(decision.latencyMs))) return
    if (res.destroyed) return

    const { reply, authFailure } = compute(req, rawPath, query, body)
    if (authFailure) {
      record.authFailure = authFailure
      stats.authFailures[authFailure] = (stats.authFailures[authFailure] ?? 0) + 1
      res.setHeader('X-Simulator-Reason', authFailure)
    }

    if (decision.fault) {
      stats.faults[decision.fault] = (stats.faults[decision.fault] ?? 0) + 1
      await deliverFault(decision.fault, req, res, reply, plan)
    } else {
      send(res, reply)
    }
  }

  const server: Server = createServer({ cert: cert.certPem, key: cert.keyPem }, (req, res) => {
    handle(req, res).catch((e: unknown) => {
      // A simulator bug must show up as a 500 in the test, not a hang.
      if (!res.headersSent) send(res, { status: 500, body: { description: String(e) } })
      else res.destroy()
    })
  })
  const load = trackConnectionLoad(server, () => stats)
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  // Handshake failures (a client rejecting our certificate) are expected in tests.
  server.on('tlsClientError', () => {})

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, SIMULATOR_HOST, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address()
  if (address === null || typeof address === 'string')
    throw new Error('Simulator has no TCP address')
  const port = address.port

  const sim: Simulator = {
    url: `https://${SIMULATOR_HOST}:${port}`,
    host: SIMULATOR_HOST,
    port,
    ak: credentials.ak,
    sk: credentials.sk,
    get fingerprint256() {
      return fingerprint
    },
    get certPem() {
      return cert.certPem
    },
    get caPem() {
      return caPem
    },
    get campaigns() {
      return world.campaigns
    },
    blacklistTasks: (vdnId = 1) => world.findBlacklist(vdnId)?.tasks ?? [],
    get stats() {
      return stats
    },
    get openSockets() {
      return sockets.size
    },
    get requestLog() {
      return log
    },
    tick: (n = 1) => world.tick(n),
    startTicking(intervalMs = 2000) {
      sim.stopTicking()
      ticker = setInterval(() => world.tick(1), timerDelay(intervalMs))
      ticker.unref()
    },
    stopTicking() {
      if (ticker) clearInterval(ticker)
      ticker = undefined
    },
    setFaults(next) {
      faults = new FaultPlan(next)
    },
    pendingFaults: () => faults.remaining(),
    async rotateCertificate() {
      const next = await generateCertificate()
      server.setSecureContext({ cert: next.certPem, key: next.keyPem })
      cert = next
      fingerprint = fingerprintOfPem(next.certPem)
      caPem = undefined
      return fingerprint
    },
    setTaskStatus: (campaignId, taskId, status) => world.setTaskStatus(campaignId, taskId, status),
    setBlacklistTaskStatus: (taskId, status, vdnId = 1) =>
      world.setBlacklistTaskStatus(vdnId, taskId, status),
    addTask: (campaignId, partial) => world.addTask(campaignId, partial),
    resetStats() {
      // In-flight requests keep decrementing their own (old) counters.
      stats = emptyStats()
    },
    async close() {
      if (closed) return
      closed = true
      sim.stopTicking()
      for (const [timer, cancel] of timers) {
        clearTimeout(timer)
        cancel()
      }
      timers.clear()
      const done = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeAllConnections()
      for (const socket of sockets) socket.destroy()
      await done
    },
  }
  return sim
}
