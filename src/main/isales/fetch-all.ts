import { setMaxListeners } from 'node:events'
import { AppError, cancelledError, isAppError } from '../../shared/errors'
import { msg } from '../../shared/messages'
import type { IncompleteReason } from '../../shared/contract'
import type { ImportTask } from '../../shared/import-task'
import type { IsalesClient } from './client'
import {
  DEFAULT_PAGE_SIZE,
  MAX_IN_FLIGHT_PER_SERVER,
  MAX_PAGE_SIZE,
  MIN_PAGE_SIZE,
} from '../../shared/limits'
import { withRetry, type RetryOptions } from './retry'
import { AdaptiveLimit, fixedLimit, outcomeOfError, type ConcurrencyLimit } from './adaptive-limit'
import { isBlacklist } from '../../shared/blacklist'

/**
 * Fetches every import task of a campaign: the first page gives the total, the rest are fetched
 * with bounded concurrency (iSales allows at most 10 concurrent requests), each page retried on
 * transient failures. Without a total the pages are walked one by one until a short page.
 * How many pages are in flight adapts to the server (adaptive-limit.ts): it starts at 3, grows
 * while replies stay fast and clean, and shrinks at once on flow control, 5xx or rising latency,
 * never above `concurrency`. Each request still goes through the caller's source, so in the app
 * the per-server gate (server-slots.ts) stays the outer bound.
 *
 * The list moves while it is paged: the server lists newest first, so a task created mid-fetch
 * shifts every later task down one position, and with pages in flight at once a task on a page
 * boundary can land in neither page. So a pass is only trusted when every page reported the same
 * total and the distinct tasks seen reach that total; otherwise the whole list is read again, at
 * most MAX_EXTRA_PASSES more times. The passes are merged by id (see FetchAllResult.tasks), and a
 * result that is still inconsistent comes back flagged `incomplete` rather than silently short.
 *
 * The total is only a claim: a pass ends at the first short or empty page and at a page whose
 * tasks were all seen already (a server ignoring offset), whatever the total says. No page past
 * that end is asked for; only pages already in flight come back (kept: nothing seen is dropped,
 * but they launch nothing), so a pass asks at most one window of `concurrency` pages beyond the
 * real end. Such an early end with a steady total is not re-read (a re-read would end
 * the same way); the result comes back `incomplete` with the reason.
 */

export type ImportTaskSource = Pick<IsalesClient, 'queryImportTasks'>

/**
 * The blacklist interface as a page source, so its tasks are paged with the same passes, limits
 * and protections as a campaign's: the query's campaign id is dropped (the interface has none).
 */
export function blacklistSource(
  client: Pick<IsalesClient, 'queryBlacklistTasks'>,
): ImportTaskSource {
  return {
    queryImportTasks: ({ offset, limit, importTaskIds }, opts) =>
      client.queryBlacklistTasks(
        { offset, limit, ...(importTaskIds ? { importTaskIds } : {}) },
        opts,
      ),
  }
}

/** Both task interfaces of a client: what the monitor's pooled clients offer. */
export type TaskSources = Pick<IsalesClient, 'queryImportTasks' | 'queryBlacklistTasks'>

/** The page source for a campaign id: the blacklist's reserved id (shared/blacklist.ts) or a campaign. */
export function taskSourceFor(client: TaskSources, campaignId: string): ImportTaskSource {
  return isBlacklist(campaignId) ? blacklistSource(client) : client
}

export interface FetchProgress {
  /** Pages fetched so far, over all passes. */
  pagesDone: number
  /**
   * Pages expected: earlier passes' pages plus this pass's total (a re-read after the list moved
   * raises it). null while the server gives no total.
   */
  pagesTotal: number | null
  /** Distinct tasks received so far, over all passes. */
  tasksSoFar: number
}

export interface FetchAllOptions {
  campaignId: string
  importTaskIds?: readonly string[]
  /** MIN_PAGE_SIZE–MAX_PAGE_SIZE (shared/limits.ts). Default DEFAULT_PAGE_SIZE. */
  pageSize?: number
  /**
   * The most pages in flight at once, clamped to 1–MAX_IN_FLIGHT_PER_SERVER. Default
   * MAX_IN_FLIGHT_PER_SERVER. Adaptive fetches start at min(3, this) and stay at or under it.
   */
  concurrency?: number
  /** Default true; false pins the pages in flight at `concurrency` (the fixed way). */
  adaptive?: boolean
  /** Called whenever the adaptive limit moves (diagnostics, tests, the benchmark). */
  onConcurrency?: (limit: number) => void
  signal?: AbortSignal
  onProgress?: (p: FetchProgress) => void
  retry?: Omit<RetryOptions, 'signal'>
}

export interface FetchAllResult {
  /**
   * Each id once. With one pass: server order (a task repeated by a shifted page keeps its first
   * place). After re-reads: the server order of the last pass, then any task seen only in earlier
   * passes, in the order it was first seen (newest earlier pass first); each task carries the data
   * of the newest pass that returned it. Nothing seen is dropped.
   */
  tasks: ImportTask[]
  /** The largest total the last pass reported, or null when it never sent one. */
  count: number | null
  /** Pages fetched, over all passes. */
  pages: number
  /**
   * Set (true) only when the list kept moving through every pass: the pages disagreed about the
   * total, or fewer distinct tasks than the total were seen. The tasks are all that was seen, but
   * some may be missing: show the result as possibly incomplete and fetch again later.
   */
  incomplete?: true
  /** Why the result is incomplete; set exactly when `incomplete` is. */
  incompleteReason?: IncompleteReason
}

/**
 * - count-inflated: the pages ran out (a short or empty page) before the total the server claimed;
 * - offset-ignored: the server sent a page of tasks already seen (it ignores offset);
 * - list-moving: the list kept changing through every pass.
 */
export type { IncompleteReason }

/** The default cap: the server's own limit; the adaptive limit decides how much of it is used. */
export const DEFAULT_CONCURRENCY = MAX_IN_FLIGHT_PER_SERVER
export { DEFAULT_PAGE_SIZE }
/** Re-reads of the whole list after an inconsistent pass. */
export const MAX_EXTRA_PASSES = 2

function clampConcurrency(n: number | undefined): number {
  if (n === undefined || !Number.isFinite(n)) return DEFAULT_CONCURRENCY
  return Math.min(MAX_IN_FLIGHT_PER_SERVER, Math.max(1, Math.floor(n)))
}

interface PassResult {
  /** Tasks of the pass in server order, each id once (first occurrence). */
  tasks: ImportTask[]
  /** Every total the pass's pages reported (null: the page had none). */
  counts: (number | null)[]
  pages: number
  /**
   * Why the pass ended before the total it was given: 'repeat' (a page of tasks already seen),
   * 'short' (a short or empty page before the last page the total implies), or null.
   */
  endedEarly: 'repeat' | 'short' | null
}

interface PassContext {
  client: ImportTaskSource
  campaignId: string
  importTaskIds: readonly string[] | undefined
  pageSize: number
  limit: ConcurrencyLimit
  /** Called after a reply moved the limit. */
  onLimit: () => void
  retry: Omit<RetryOptions, 'signal'> | undefined
  /** Aborted on the caller's cancel and on a hard failure. */
  signal: AbortSignal
  abort: () => void
  /** After each page, with this pass's page total (null while unknown). */
  onPage: (tasks: ImportTask[], totalPages: number | null, distinctInPass: number) => void
}

/** One read of the whole list, pages in parallel once the first page gave the total. */
function runPass(ctx: PassContext): Promise<PassResult> {
  const { client, campaignId, importTaskIds, pageSize, limit, signal } = ctx
  return new Promise<PassResult>((resolve, reject) => {
    const pages: ImportTask[][] = []
    const counts: (number | null)[] = []
    const seen = new Set<string>()
    let next = 0
    // Pages launched and not yet done (a page waiting to retry holds its place)...
    let inFlight = 0
    // ...and requests on the wire now: what the server feels, reported with each reply.
    let sending = 0
    let pagesDone = 0
    let firstDone = false
    let totalPages: number | null = null
    // The first page known to end the list (short, empty, or all seen): nothing past it is asked
    // for; pages past it already in flight still land but launch nothing.
    let endIndex: number | null = null
    let repeated = false
    let finished = false

    const onAbort = () => fail(cancelledError())
    if (signal.aborted) return reject(cancelledError())
    signal.addEventListener('abort', onAbort, { once: true })

    function settle(): void {
      finished = true
      signal.removeEventListener('abort', onAbort)
    }

    function fail(err: unknown): void {
      if (finished) return
      settle()
      ctx.abort() // no page outlives the result
      reject(err)
    }

    function canSchedule(): boolean {
      if (finished || inFlight >= limit.limit) return false
      if (next === 0) return true
      if (!firstDone) return false // the first page tells how many there are
      if (endIndex !== null) return false // pages launch in order: all below it are out already
      if (totalPages !== null) return next < totalPages
      return inFlight === 0 // without a total, one page at a time until the end shows
    }

    function onPage(index: number, tasks: ImportTask[], pageCount: number | null): void {
      if (finished) return
      inFlight--
      pagesDone++
      if (index === 0) firstDone = true
      pages[index] = tasks
      counts.push(pageCount)
      if (pageCount !== null) {
        totalPages = Math.max(totalPages ?? 0, Math.max(1, Math.ceil(pageCount / pageSize)))
      }
      // One hash operation per id (add, then the size tells whether it was new): at 100,000 ids
      // this set is one of the fetch's larger costs.
      const before = seen.size
      for (const t of tasks) seen.add(t.id)
      const fresh = seen.size - before
      const repeat = index > 0 && tasks.length > 0 && fresh === 0
      if (repeat || tasks.length < pageSize) {
        endIndex = Math.min(endIndex ?? index, index)
        repeated ||= repeat
      }
      try {
        ctx.onPage(tasks, totalPages, seen.size)
      } catch (err) {
        return fail(err)
      }
      pump()
    }

    function launch(index: number): void {
      inFlight++
      withRetry(
        async () => {
          // Every attempt is a sample: a throttled page's retry tells whether the server recovered.
          const ticket = limit.ticket(++sending)
          const sentAt = performance.now()
          try {
            const page = await client.queryImportTasks(
              { campaignId, offset: index * pageSize, limit: pageSize, importTaskIds },
              { signal },
            )
            const rttMs = performance.now() - sentAt
            limit.record(ticket, { outcome: 'ok', rttMs, inFlight: sending })
            return page
          } catch (err) {
            const outcome = signal.aborted ? 'ignore' : outcomeOfError(err)
            limit.record(ticket, { outcome, rttMs: 0, inFlight: sending })
            throw err
          } finally {
            sending--
            ctx.onLimit()
          }
        },
        { ...ctx.retry, signal },
      ).then(
        (page) => onPage(index, page.tasks, page.count),
        (err: unknown) => fail(err),
      )
    }

    function pump(): void {
      while (canSchedule()) launch(next++)
      if (!finished && inFlight === 0) {
        settle()
        const short = totalPages !== null && endIndex !== null && endIndex + 1 < totalPages
        resolve({
          // Without a repeat (the usual case) the pages in order are each id once already.
          tasks: seen.size === pagesTasks(pages) ? pages.flat() : uniqueInOrder(pages.flat()),
          counts,
          pages: pagesDone,
          endedEarly: repeated ? 'repeat' : short ? 'short' : null,
        })
      }
    }

    pump()
  })
}

function pagesTasks(pages: readonly (ImportTask[] | undefined)[]): number {
  let n = 0
  for (const p of pages) n += p?.length ?? 0
  return n
}

function uniqueInOrder(tasks: readonly ImportTask[]): ImportTask[] {
  const ids = new Set<string>()
  return tasks.filter((t) => !ids.has(t.id) && (ids.add(t.id), true))
}

/** The last pass's order, then tasks only earlier passes saw (newest pass first), newest data. */
function mergePasses(passes: readonly PassResult[]): ImportTask[] {
  if (passes.length === 1) return passes[0]!.tasks // each id once already
  return uniqueInOrder(passes.toReversed().flatMap((p) => p.tasks))
}

function largestCount(pass: PassResult): number | null {
  const known = pass.counts.filter((c): c is number => c !== null)
  return known.length > 0 ? Math.max(...known) : null
}

/** Every page of the pass that sent a total sent the same one. */
function totalHeldStill(pass: PassResult): boolean {
  const known = pass.counts.filter((c): c is number => c !== null)
  return known.every((c) => c === known[0])
}

/** A pass is trusted when its total held still and the distinct tasks seen reach it. */
function isConsistent(pass: PassResult, distinctSeen: number): boolean {
  const total = largestCount(pass)
  if (total === null) return true // no total to check against
  return totalHeldStill(pass) && distinctSeen >= total
}

/**
 * Why a pass that ended early cannot be completed by reading again, or null. With a moving total
 * the early end may be the list moving, which a re-read can fix.
 */
function lyingServerReason(pass: PassResult): IncompleteReason | null {
  if (pass.endedEarly === null || !totalHeldStill(pass)) return null
  return pass.endedEarly === 'repeat' ? 'offset-ignored' : 'count-inflated'
}

export async function fetchAllImportTasks(
  client: ImportTaskSource,
  options: FetchAllOptions,
): Promise<FetchAllResult> {
  const { campaignId, importTaskIds, signal, onProgress } = options
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE
  if (!Number.isInteger(pageSize) || pageSize < MIN_PAGE_SIZE || pageSize > MAX_PAGE_SIZE) {
    throw new AppError(
      'validation',
      msg('pageSizeRange', { min: MIN_PAGE_SIZE, max: MAX_PAGE_SIZE }),
      {
        field: 'pageSize',
      },
    )
  }
  const concurrency = clampConcurrency(options.concurrency)
  if (signal?.aborted) throw cancelledError()
  // One limit for every pass: a re-read starts from what the server was found to take.
  const limit =
    options.adaptive === false ? fixedLimit(concurrency) : new AdaptiveLimit({ max: concurrency })
  let shownLimit = limit.limit
  options.onConcurrency?.(shownLimit)
  const onLimit = () => {
    if (limit.limit === shownLimit) return
    shownLimit = limit.limit
    options.onConcurrency?.(shownLimit)
  }

  // Aborted on the caller's cancel and on the first hard failure, so no page outlives the result.
  const inner = new AbortController()
  // Each page in flight (and each retry wait) listens on it: up to the in-flight cap, with room.
  setMaxListeners(4 * MAX_IN_FLIGHT_PER_SERVER, inner.signal)
  const onAbort = () => inner.abort()
  signal?.addEventListener('abort', onAbort, { once: true })

  const passes: PassResult[] = []
  // Distinct tasks over all passes: the first pass's own count, and a set only once a re-read
  // starts (a 100,000-id set costs a tenth of a second; most fetches are one pass).
  let seenIds: Set<string> | null = null
  let distinct = 0
  let pagesBefore = 0
  let pagesDone = 0
  try {
    for (let pass = 0; pass <= MAX_EXTRA_PASSES; pass++) {
      const result = await runPass({
        client,
        campaignId,
        importTaskIds,
        pageSize,
        limit,
        onLimit,
        retry: options.retry,
        signal: inner.signal,
        abort: () => inner.abort(),
        onPage: (tasks, totalPages, distinctInPass) => {
          pagesDone++
          if (seenIds === null) distinct = distinctInPass
          else {
            for (const t of tasks) seenIds.add(t.id)
            distinct = seenIds.size
          }
          onProgress?.({
            pagesDone,
            pagesTotal: totalPages === null ? null : pagesBefore + totalPages,
            tasksSoFar: distinct,
          })
        },
      })
      passes.push(result)
      pagesBefore += result.pages
      const lying = lyingServerReason(result)
      if (lying !== null) {
        return {
          tasks: mergePasses(passes),
          count: largestCount(result),
          pages: pagesDone,
          incomplete: true,
          incompleteReason: lying,
        }
      }
      if (isConsistent(result, distinct)) {
        return { tasks: mergePasses(passes), count: largestCount(result), pages: pagesDone }
      }
      seenIds ??= new Set(result.tasks.map((t) => t.id)) // the re-read counts on from here
    }
    const last = passes[passes.length - 1]!
    return {
      tasks: mergePasses(passes),
      count: largestCount(last),
      pages: pagesDone,
      incomplete: true,
      incompleteReason: 'list-moving',
    }
  } catch (err) {
    inner.abort()
    if (signal?.aborted) throw cancelledError()
    throw isAppError(err) ? err : new AppError('internal', msg('fetchFailed'), {}, { cause: err })
  } finally {
    signal?.removeEventListener('abort', onAbort)
  }
}
