import type { Dispatcher } from 'undici'
import { AppError, cancelledError, isAppError } from '../../shared/errors'
import { msg, type MessageRef } from '../../shared/messages'
import type { Campaign, ImportTask } from '../../shared/import-task'
import { MAX_PAGE_SIZE, MIN_PAGE_SIZE } from '../../shared/limits'
import { redactAppError } from '../log/redact'
import { classifyTransportError } from '../tls/classify-error'
import { timerDelay } from '../timer-delay'
import { blacklistTasksPath, campaignsPath, importTasksPath } from './api-paths'
import { canonicalQuery, DEFAULT_SIGNING, signRequest, type SigningOptions } from './c2-signer'
import { httpStatusError, type ServerSays } from './http-errors'
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  parseJsonReply,
  readCappedBody,
  readCappedText,
  type ReadableBody,
} from './read-body'
import {
  parseCampaignPage,
  parseImportTaskPage,
  type CampaignPageResult,
  type ImportTaskPageResult,
} from './schemas'
import { readImportTaskReply } from './task-row-reader'
import { learnClockOffset } from './server-time'
import { parseServerUrl } from '../../shared/server-url'

/**
 * The CC-iSales client: builds, signs and sends requests, and turns every outcome into either
 * parsed data or an AppError. Transport (TLS trust, connect timeout, pool size) belongs to the
 * injected dispatcher (see ../tls/agent-factory.ts).
 *
 * Over 400 lines: the three calls share one private send/sign/read path (#call), which must stay in
 * this class with the SK it guards; parsing, body reading and HTTP errors already live apart.
 */

export type Locale = 'zh_CN' | 'en_US'

export interface IsalesClientConfig {
  /** https://ip:port, nothing else. */
  baseUrl: string
  /** 1–9999. */
  vdnId: number
  ak: string
  sk: string
  signing?: SigningOptions
  dispatcher: Dispatcher
  /**
   * headersMs: wait for the reply headers (default 15 s); bodyMs: longest silence while the body
   * streams (undici's bodyTimeout, default 30 s); totalMs: deadline for the whole call, from
   * sending to the last byte of the reply, a clock-offset resend included (default 60 s): a server
   * trickling bytes never trips bodyMs, this cuts it off. The connect timeout belongs to the agent.
   */
  timeouts?: { headersMs?: number; bodyMs?: number; totalMs?: number }
  maxResponseBytes?: number
  locale?: Locale
  now?: () => number
}

export interface ImportTaskQuery {
  campaignId: string
  offset: number
  /** MIN_PAGE_SIZE–MAX_PAGE_SIZE (shared/limits.ts). */
  limit: number
  /** Server-side filter; an empty list means no filter (the key is left out). */
  importTaskIds?: readonly string[]
}

/** The blacklist interface's query: a campaign query without the campaign. */
export type BlacklistTaskQuery = Omit<ImportTaskQuery, 'campaignId'>

export interface ImportTaskPage {
  tasks: ImportTask[]
  count: number | null
}

/** 0 all, 2 started, 3 suspended, 4 completed. */
export type CampaignStatusFilter = 0 | 2 | 3 | 4

export interface CampaignQuery {
  curPage?: number
  /** ≤ 100. */
  rowsPerPage?: number
  name?: string
  status?: CampaignStatusFilter
}

export interface CampaignPage {
  campaigns: Campaign[]
  total: number | null
}

export interface CallOptions {
  signal?: AbortSignal
}

export const CONTENT_TYPE = 'application/json; charset=UTF-8'
export const DEFAULT_HEADERS_TIMEOUT_MS = 15_000
export const DEFAULT_BODY_TIMEOUT_MS = 30_000
export const DEFAULT_TOTAL_TIMEOUT_MS = 60_000
/**
 * The headers this client sends and can therefore sign. Content-Length is only sent (by undici)
 * with a body, so a request without one (the campaign-list GET) leaves it out of the signed set
 * even when the profile lists it: a signature must only cover headers that are on the wire.
 */
const SIGNABLE = new Set(['host', 'content-type', 'content-length'])
/** Error bodies are only read for a description; a little is enough. */
const ERROR_BODY_BYTES = 64 * 1024

function invalid(field: string, ref: MessageRef): AppError {
  return new AppError('validation', ref, { field })
}

function checkVdnId(vdnId: number): void {
  if (!Number.isInteger(vdnId) || vdnId < 1 || vdnId > 9999) {
    throw invalid('vdnId', msg('vdnIdRange'))
  }
}

function checkSigning(signing: SigningOptions): void {
  const names = signing.signedHeaders.map((h) => h.toLowerCase())
  const unknown = names.find((h) => !SIGNABLE.has(h))
  if (names.length === 0 || unknown !== undefined) {
    throw invalid(
      'signing.signedHeaders',
      unknown !== undefined
        ? msg('signedHeadersUnknown', { header: unknown })
        : msg('signedHeadersChoice'),
    )
  }
  if (signing.timestampFormat !== 'seconds' && signing.timestampFormat !== 'milliseconds') {
    throw invalid('signing.timestampFormat', msg('timestampFormat'))
  }
}

function positive(value: number | undefined, fallback: number, field: string): number {
  if (value === undefined) return fallback
  if (!Number.isFinite(value) || value <= 0) throw invalid(field, msg('positiveNumber', { field }))
  return value
}

function firstHeader(headers: Record<string, string | string[] | undefined>, name: string) {
  const v = headers[name]
  return Array.isArray(v) ? v[0] : v
}

interface OutgoingRequest {
  method: 'GET' | 'POST'
  path: string
  query?: Record<string, string>
  body?: string
}

export class IsalesClient {
  readonly origin: string
  /** Host header value, port included: the signed value and the sent one are this same string. */
  readonly host: string
  readonly vdnId: number
  readonly #ak: string
  readonly #sk: string
  readonly #signing: SigningOptions
  readonly #dispatcher: Dispatcher
  readonly #headersTimeout: number
  readonly #bodyTimeout: number
  readonly #totalTimeout: number
  readonly #maxResponseBytes: number
  readonly #locale: Locale | undefined
  readonly #now: () => number
  #clockOffsetMs = 0

  constructor(config: IsalesClientConfig) {
    const url = parseServerUrl(config.baseUrl, 'baseUrl')
    checkVdnId(config.vdnId)
    if (typeof config.ak !== 'string' || config.ak === '' || /[\s/]/.test(config.ak)) {
      throw invalid('ak', msg('akRequired'))
    }
    if (typeof config.sk !== 'string' || config.sk === '') {
      throw invalid('sk', msg('skRequired'))
    }
    const signing = config.signing ?? DEFAULT_SIGNING
    checkSigning(signing)
    if (config.locale !== undefined && config.locale !== 'zh_CN' && config.locale !== 'en_US') {
      throw invalid('locale', msg('requestLocale'))
    }
    this.origin = url.origin
    this.host = url.host
    this.vdnId = config.vdnId
    this.#ak = config.ak
    this.#sk = config.sk
    this.#signing = signing
    this.#dispatcher = config.dispatcher
    this.#headersTimeout = positive(
      config.timeouts?.headersMs,
      DEFAULT_HEADERS_TIMEOUT_MS,
      'timeouts.headersMs',
    )
    this.#bodyTimeout = positive(
      config.timeouts?.bodyMs,
      DEFAULT_BODY_TIMEOUT_MS,
      'timeouts.bodyMs',
    )
    this.#totalTimeout = positive(
      config.timeouts?.totalMs,
      DEFAULT_TOTAL_TIMEOUT_MS,
      'timeouts.totalMs',
    )
    this.#maxResponseBytes = positive(
      config.maxResponseBytes,
      DEFAULT_MAX_RESPONSE_BYTES,
      'maxResponseBytes',
    )
    this.#locale = config.locale
    this.#now = config.now ?? Date.now
  }

  /** Server time minus local time, learnt from a 401's Date header; 0 until then. */
  get clockOffsetMs(): number {
    return this.#clockOffsetMs
  }

  /** One page of the campaign's import tasks (queryDataImportTask). */
  async queryImportTasks(query: ImportTaskQuery, opts: CallOptions = {}): Promise<ImportTaskPage> {
    const { campaignId } = query
    if (typeof campaignId !== 'string' || campaignId.trim() === '') {
      throw invalid('campaignId', msg('campaignIdRequired'))
    }
    return this.#queryTasks(importTasksPath(this.vdnId, campaignId), query, opts)
  }

  /**
   * One page of the VDN's blacklist file imports (blackfile/queryDataImportTask): the same body,
   * limits and task shape as queryImportTasks, without a campaign.
   */
  async queryBlacklistTasks(
    query: BlacklistTaskQuery,
    opts: CallOptions = {},
  ): Promise<ImportTaskPage> {
    return this.#queryTasks(blacklistTasksPath(this.vdnId), query, opts)
  }

  async #queryTasks(
    path: string,
    query: BlacklistTaskQuery,
    opts: CallOptions,
  ): Promise<ImportTaskPage> {
    const { offset, limit, importTaskIds } = query
    if (!Number.isInteger(limit) || limit < MIN_PAGE_SIZE || limit > MAX_PAGE_SIZE) {
      throw invalid('limit', msg('pageSizeRange', { min: MIN_PAGE_SIZE, max: MAX_PAGE_SIZE }))
    }
    if (!Number.isSafeInteger(offset) || offset < 0) {
      throw invalid('offset', msg('offsetRange'))
    }
    if (importTaskIds?.some((id) => typeof id !== 'string' || id === '')) {
      throw invalid('importTaskIds', msg('taskIdsText'))
    }
    // Serialized once: this exact text is both signed and sent.
    const body = JSON.stringify({
      offset,
      limit,
      ...(importTaskIds && importTaskIds.length > 0 ? { importTaskIds } : {}),
    })
    const page = await this.#call({ method: 'POST', path, body }, opts, parseTaskReply)
    return { tasks: page.tasks, count: page.count }
  }

  /** One page of the VDN's campaigns. */
  async listCampaigns(query: CampaignQuery = {}, opts: CallOptions = {}): Promise<CampaignPage> {
    const { curPage = 1, rowsPerPage = MAX_PAGE_SIZE, name, status } = query
    if (!Number.isSafeInteger(curPage) || curPage < 1) {
      throw invalid('curPage', msg('pageNumberRange'))
    }
    if (
      !Number.isInteger(rowsPerPage) ||
      rowsPerPage < MIN_PAGE_SIZE ||
      rowsPerPage > MAX_PAGE_SIZE
    ) {
      throw invalid('rowsPerPage', msg('pageSizeRange', { min: MIN_PAGE_SIZE, max: MAX_PAGE_SIZE }))
    }
    if (status !== undefined && ![0, 2, 3, 4].includes(status)) {
      throw invalid('status', msg('campaignStatusFilter'))
    }
    const q: Record<string, string> = { curPage: String(curPage), rowsPerPage: String(rowsPerPage) }
    if (name !== undefined && name !== '') q.name = name
    if (status !== undefined) q.status = String(status)
    const path = campaignsPath(this.vdnId)
    const page = await this.#call({ method: 'GET', path, query: q }, opts, parseCampaignReply)
    return { campaigns: page.campaigns, total: page.total }
  }

  /** Sends, reads and parses one call; every failure, the reply's own included, as an AppError. */
  async #call<T>(
    req: OutgoingRequest,
    opts: CallOptions,
    parse: (json: unknown) => T | Promise<T>,
  ): Promise<T> {
    const { signal } = opts
    if (signal?.aborted) throw cancelledError()
    // One signal for undici: the caller's cancel or this call's total deadline, whichever first.
    const controller = new AbortController()
    let deadlinePassed = false
    const onCancel = () => controller.abort(signal?.reason)
    const deadline = setTimeout(() => {
      deadlinePassed = true
      controller.abort(new Error('total deadline passed'))
    }, timerDelay(this.#totalTimeout))
    signal?.addEventListener('abort', onCancel, { once: true })
    try {
      const sentMs = this.#now()
      let res = await this.#send(req, controller.signal)
      if (res.statusCode === 401 && this.#learnClock(res, sentMs)) {
        await res.body.dump()
        res = await this.#send(req, controller.signal) // once, on server time
      }
      return await parse(await this.#readReply(res))
    } catch (err) {
      // A server can quote back what it was sent: its error text never carries the SK.
      throw redactAppError(this.#toAppError(err, signal, deadlinePassed), [this.#sk])
    } finally {
      clearTimeout(deadline)
      signal?.removeEventListener('abort', onCancel)
    }
  }

  #send(req: OutgoingRequest, signal: AbortSignal): Promise<Dispatcher.ResponseData> {
    const headers: Record<string, string> = { 'Content-Type': CONTENT_TYPE, Host: this.host }
    const hasBody = req.body !== undefined
    // Without a body undici sends no Content-Length, so it cannot be signed (see SIGNABLE).
    const signedHeaders = hasBody
      ? this.#signing.signedHeaders
      : this.#signing.signedHeaders.filter((h) => h.toLowerCase() !== 'content-length')
    if (signedHeaders.some((h) => h.toLowerCase() === 'content-length')) {
      headers['Content-Length'] = String(Buffer.byteLength(req.body ?? '', 'utf8'))
    }
    const { authorization } = signRequest({
      ak: this.#ak,
      sk: this.#sk,
      method: req.method,
      path: req.path,
      query: req.query,
      headers,
      body: req.body,
      date: new Date(this.#now() + this.#clockOffsetMs),
      options: { ...this.#signing, signedHeaders },
    })
    headers.Authorization = authorization
    if (this.#locale !== undefined) headers.locale = this.#locale
    // The signer's encoding is also a valid wire encoding, so the server decodes what was signed.
    const qs = req.query && Object.keys(req.query).length > 0 ? '?' + canonicalQuery(req.query) : ''
    // Straight to the dispatcher with the origin already known: undici's request(url) would parse
    // the URL again for every page (a URL object and its origin, 1,000 times at 100,000 tasks), and
    // the path goes out exactly as signed.
    return this.#dispatcher.request({
      origin: this.origin,
      path: req.path + qs,
      method: req.method,
      headers,
      body: req.body,
      signal,
      headersTimeout: this.#headersTimeout,
      bodyTimeout: this.#bodyTimeout,
    })
  }

  /** True (and the offset updated) when the server's clock disagrees enough to explain a 401. */
  #learnClock(res: Dispatcher.ResponseData, sentMs: number): boolean {
    const sample = { dateHeader: firstHeader(res.headers, 'date'), sentMs, receivedMs: this.#now() }
    const offset = learnClockOffset(sample, this.#clockOffsetMs)
    if (offset === null) return false
    this.#clockOffsetMs = offset
    return true
  }

  async #readReply(res: Dispatcher.ResponseData): Promise<unknown> {
    const { statusCode, headers, body } = res
    if (statusCode < 200 || statusCode >= 300) {
      // Read a little of the error page (it may carry an iSales description), which also frees the socket.
      const says = await readServerSays(body)
      throw httpStatusError(statusCode, firstHeader(headers, 'retry-after'), this.#now(), says)
    }
    const lengthHeader = firstHeader(headers, 'content-length')
    const declared = lengthHeader === undefined ? NaN : Number(lengthHeader)
    const length = Number.isSafeInteger(declared) && declared >= 0 ? declared : undefined
    const { text, bytes } = await readCappedBody(body, this.#maxResponseBytes, length)
    // undici fails the read (a socket error) when a declared length or a chunked body is cut
    // short, so reaching here with either means the whole reply arrived; only a reply ended by
    // the connection closing can be cut off unnoticed.
    const chunked = /\bchunked\b/i.test(firstHeader(headers, 'transfer-encoding') ?? '')
    return parseJsonReply(text, { complete: length !== undefined ? bytes === length : chunked })
  }

  #toAppError(err: unknown, signal: AbortSignal | undefined, deadlinePassed: boolean): AppError {
    if (signal?.aborted) return cancelledError()
    if (isAppError(err)) return err
    if (deadlinePassed) {
      return new AppError(
        'timeout',
        msg('totalTimeout', { seconds: Math.round(this.#totalTimeout / 1000) }),
        { cause: 'TOTAL_TIMEOUT' },
        { cause: err },
      )
    }
    const classified = classifyTransportError(err)
    if (classified) return classified
    const code = (err as { code?: unknown } | null)?.code
    const cause = typeof code === 'string' ? code : undefined
    if (err instanceof TypeError || cause === 'UND_ERR_INVALID_ARG') {
      return new AppError('internal', msg('requestNotBuilt'), cause ? { cause } : {}, {
        cause: err,
      })
    }
    return new AppError('network', msg('requestFailed'), cause ? { cause } : {}, { cause: err })
  }
}

/*
 * Plainly valid task pages, nearly all of them, are read by the field table's own reader
 * (task-row-reader.ts); the zod schemas read the rest and the campaign lists. (Loading the schemas
 * lazily with import() saved the CLI a tenth of a second but broke every runner that loads the
 * TypeScript sources as CommonJS: the e2e harness's main-process services.)
 */
async function parseTaskReply(json: unknown): Promise<ImportTaskPageResult> {
  return readImportTaskReply(json) ?? parseImportTaskPage(json)
}

async function parseCampaignReply(json: unknown): Promise<CampaignPageResult> {
  return parseCampaignPage(json)
}

/** Best effort: an error page may still carry an iSales code and description worth showing. */
async function readServerSays(body: ReadableBody): Promise<ServerSays> {
  try {
    const json = JSON.parse(await readCappedText(body, ERROR_BODY_BYTES)) as Record<string, unknown>
    const says: ServerSays = {}
    const code = json.resultCode ?? json.returnCode
    const desc = json.resultDesc ?? json.description ?? json.returnDesc
    if (typeof code === 'string') says.resultCode = code
    if (typeof desc === 'string' && desc !== '') says.resultDesc = desc
    return says
  } catch {
    return {}
  }
}
