import { SUCCESS_CODE, TOO_FREQUENT_CODE } from '../../shared/errors'
import { MAX_PAGE_SIZE, MAX_VDN_ID, MIN_PAGE_SIZE, MIN_VDN_ID } from '../../shared/limits'
import type { SimCampaign, SimWorld } from './world'

/**
 * The three iSales routes (a campaign's imports, the VDN's blacklist imports, the campaign list) as pure functions from a parsed request to a reply, so the HTTP layer
 * (server.ts) only deals with sockets, auth and faults.
 *
 * Error-body quirk: the 404 reply always carries `description` instead of `resultDesc`; business
 * errors do too when the simulator runs with errorDescriptionField 'description'.
 * Campaign-list quirk: a campaign `id` made only of digits is sent as a JSON number (other iSales
 * interfaces type it Integer); any other id is sent as a string.
 */

export type DescriptionField = 'resultDesc' | 'description'

export interface Reply {
  status: number
  body: Record<string, unknown>
  headers?: Record<string, string>
}

export type RouteMatch =
  | { route: 'tasks'; vdnText: string; campaignText: string }
  | { route: 'blacklist'; vdnText: string }
  | { route: 'campaigns'; vdnText: string }
  | { route: 'unknown' }

// The paths are built in one place for client and simulator; re-exported for the simulator's tests.
export { blacklistTasksPath, campaignsPath, importTasksPath } from '../isales/api-paths'

const TASKS_RE =
  /^\/rest\/isales\/v1\/openapi\/campaigns\/([^/]+)\/calldatafile\/queryDataImportTask\/([^/]+)$/
const BLACKLIST_RE =
  /^\/rest\/isales\/v1\/openapi\/campaigns\/([^/]+)\/blackfile\/queryDataImportTask$/
const CAMPAIGNS_RE = /^\/rest\/isales\/v1\/openapi\/campaigns\/([^/]+)$/

export function matchRoute(method: string, rawPath: string): RouteMatch {
  const tasks = TASKS_RE.exec(rawPath)
  if (tasks && method === 'POST')
    return { route: 'tasks', vdnText: tasks[1]!, campaignText: tasks[2]! }
  const blacklist = BLACKLIST_RE.exec(rawPath)
  if (blacklist && method === 'POST') return { route: 'blacklist', vdnText: blacklist[1]! }
  const campaigns = CAMPAIGNS_RE.exec(rawPath)
  if (campaigns && method === 'GET') return { route: 'campaigns', vdnText: campaigns[1]! }
  return { route: 'unknown' }
}

export interface HandlerContext {
  world: SimWorld
  knownVdnIds: ReadonlySet<number>
  descriptionField: DescriptionField
}

const SUCCESS = {
  resultCode: SUCCESS_CODE,
  resultDesc: 'success',
  returnCode: SUCCESS_CODE,
  returnDesc: 'success',
}

export function businessError(code: string, desc: string, field: DescriptionField): Reply {
  const body: Record<string, unknown> =
    field === 'description'
      ? { resultCode: code, returnCode: code, description: desc }
      : { resultCode: code, resultDesc: desc, returnCode: code, returnDesc: desc }
  return { status: 200, body }
}

export function notFound(method: string, rawPath: string): Reply {
  return {
    status: 404,
    body: { resultCode: '0200404', description: `No such interface: ${method} ${rawPath}` },
  }
}

export function authFailed(): Reply {
  return { status: 401, body: { resultCode: '0200401', resultDesc: 'authentication failed' } }
}

export function tooFrequent(): Reply {
  const desc = 'The interface is called too frequently'
  return {
    status: 200,
    body: {
      resultCode: TOO_FREQUENT_CODE,
      resultDesc: desc,
      returnCode: TOO_FREQUENT_CODE,
      returnDesc: desc,
    },
  }
}

class Invalid extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

function vdnOf(text: string, ctx: HandlerContext): number {
  const vdn = /^\d{1,4}$/.test(text) ? Number(text) : Number.NaN
  if (!(vdn >= MIN_VDN_ID && vdn <= MAX_VDN_ID))
    throw new Invalid('02000005', `vdnId must be an integer from ${MIN_VDN_ID} to ${MAX_VDN_ID}`)
  if (!ctx.knownVdnIds.has(vdn)) throw new Invalid('0200001', `VDN ${vdn} does not exist`)
  return vdn
}

function intField(body: Record<string, unknown>, name: string, min: number, max: number): number {
  const value = body[name]
  if (value === undefined || value === null) throw new Invalid('02000001', `${name} is empty`)
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new Invalid('02000006', `${name} must be an integer`)
  }
  if (value < min || value > max) throw new Invalid('02000005', `${name} is out of range`)
  return value
}

function taskIdsField(body: Record<string, unknown>): string[] | null {
  const ids = body.importTaskIds
  if (ids === undefined || ids === null) return null
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) {
    throw new Invalid('02000006', 'importTaskIds must be a list of strings')
  }
  if (ids.length > 100) throw new Invalid('02000011', 'importTaskIds has more than 100 items')
  // An empty list filters nothing, like an absent one.
  return ids.length > 0 ? (ids as string[]) : null
}

function withInvalid(ctx: HandlerContext, run: () => Reply): Reply {
  try {
    return run()
  } catch (e) {
    if (e instanceof Invalid) return businessError(e.code, e.message, ctx.descriptionField)
    throw e
  }
}

/** POST .../campaigns/{vdnId}/calldatafile/queryDataImportTask/{campaignId} */
export function queryImportTasks(
  ctx: HandlerContext,
  match: { vdnText: string; campaignText: string },
  contentType: string | undefined,
  bodyText: string,
): Reply {
  return withInvalid(ctx, () => {
    const vdn = vdnOf(match.vdnText, ctx)
    let campaignId: string
    try {
      campaignId = decodeURIComponent(match.campaignText)
    } catch {
      throw new Invalid('02000002', 'campaignId contains invalid characters')
    }
    const query = pageQuery(contentType, bodyText)
    const campaign = ctx.world.find(vdn, campaignId)
    if (!campaign) throw new Invalid('0200007', 'The outbound campaign does not exist')
    return pageReply(campaign, query)
  })
}

/** POST .../campaigns/{vdnId}/blackfile/queryDataImportTask: the same body, paging and reply. */
export function queryBlacklistTasks(
  ctx: HandlerContext,
  match: { vdnText: string },
  contentType: string | undefined,
  bodyText: string,
): Reply {
  return withInvalid(ctx, () => {
    const vdn = vdnOf(match.vdnText, ctx)
    const query = pageQuery(contentType, bodyText)
    const blacklist = ctx.world.findBlacklist(vdn)
    // A known VDN always has a blacklist (maybe empty); this is only a guard.
    if (!blacklist) throw new Invalid('0200001', `VDN ${vdn} does not exist`)
    return pageReply(blacklist, query)
  })
}

interface PageQuery {
  offset: number
  limit: number
  ids: string[] | null
}

/** The body both task routes take: offset, limit, optional importTaskIds. */
function pageQuery(contentType: string | undefined, bodyText: string): PageQuery {
  if (!/^application\/json\b/i.test((contentType ?? '').trim())) {
    throw new Invalid('0200001', 'Content-Type must be application/json')
  }
  let body: unknown
  try {
    body = JSON.parse(bodyText)
  } catch {
    throw new Invalid('0200001', 'The request body is not valid JSON')
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new Invalid('0200001', 'The request body must be a JSON object')
  }
  const fields = body as Record<string, unknown>
  return {
    offset: intField(fields, 'offset', 0, Number.MAX_SAFE_INTEGER),
    limit: intField(fields, 'limit', MIN_PAGE_SIZE, MAX_PAGE_SIZE),
    ids: taskIdsField(fields),
  }
}

function pageReply(campaign: SimCampaign, { offset, limit, ids }: PageQuery): Reply {
  const wanted = ids ? new Set(ids) : null
  const tasks = wanted ? campaign.tasks.filter((t) => wanted.has(t.id)) : campaign.tasks
  const start = campaign.ignoreOffset ? 0 : offset
  const result = tasks.slice(start, start + limit)
  const count = campaign.inflateCount ?? tasks.length
  const reply: Record<string, unknown> = { result, count, ...SUCCESS }
  if (campaign.omitCount) delete reply.count
  return { status: 200, body: reply }
}

/** The reply of a matched API route (after auth). */
export function routeReply(
  ctx: HandlerContext,
  match: Exclude<RouteMatch, { route: 'unknown' }>,
  contentType: string | undefined,
  bodyText: string,
  query: Record<string, string>,
): Reply {
  switch (match.route) {
    case 'tasks':
      return queryImportTasks(ctx, match, contentType, bodyText)
    case 'blacklist':
      return queryBlacklistTasks(ctx, match, contentType, bodyText)
    case 'campaigns':
      return listCampaigns(ctx, match, query)
  }
}

function queryInt(
  query: Record<string, string>,
  name: string,
  fallback: number,
  max: number,
): number {
  const text = query[name]
  if (text === undefined || text === '') return fallback
  if (!/^-?\d+$/.test(text)) throw new Invalid('02000006', `${name} must be an integer`)
  const value = Number(text)
  if (value < 1 || value > max) throw new Invalid('02000005', `${name} is out of range`)
  return value
}

/** GET .../campaigns/{vdnId}?name=&status=&deviceType=&beginTime=&endTime=&curPage=&rowsPerPage= */
export function listCampaigns(
  ctx: HandlerContext,
  match: { vdnText: string },
  query: Record<string, string>,
): Reply {
  return withInvalid(ctx, () => {
    const vdn = vdnOf(match.vdnText, ctx)
    const curPage = queryInt(query, 'curPage', 1, Number.MAX_SAFE_INTEGER)
    const rowsPerPage = queryInt(query, 'rowsPerPage', 10, MAX_PAGE_SIZE)
    const status = query.status ?? ''
    if (!['', '0', '2', '3', '4'].includes(status)) {
      throw new Invalid('02000007', 'status must be 0, 2, 3 or 4')
    }
    const name = (query.name ?? '').toLowerCase()
    // deviceType, beginTime and endTime are accepted and ignored.
    const matching = ctx.world.campaigns.filter(
      (c) =>
        c.vdnId === vdn &&
        (status === '' || status === '0' || String(c.status) === status) &&
        c.name.toLowerCase().includes(name),
    )
    const data = matching.slice((curPage - 1) * rowsPerPage, curPage * rowsPerPage).map((c) => ({
      id: /^\d{1,15}$/.test(c.id) ? Number(c.id) : c.id,
      name: c.name,
      status: c.status,
      deviceType: 1,
      beginTime: c.beginTime,
      endTime: c.endTime,
      vdnId: c.vdnId,
    }))
    return {
      status: 200,
      body: { ...SUCCESS, curPage, totalSize: matching.length, rowsPerPage, data },
    }
  })
}
