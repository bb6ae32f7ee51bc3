import { AppError, isAppError } from '../../shared/errors'
import type { ImportTask } from '../../shared/import-task'
import type { IsalesClient } from './client'
import { withRetry, type RetryOptions } from './retry'

/**
 * Fetches every import task of a campaign: the first page gives the total, the rest are fetched
 * with bounded concurrency (iSales allows at most 10 concurrent requests), each page retried on
 * transient failures. The total may move while paging (imports start and finish): pages are added
 * when it grows, duplicates from shifted pages are dropped, and without a total the pages are
 * walked one by one until a short page.
 */

export type ImportTaskSource = Pick<IsalesClient, 'queryImportTasks'>

export interface FetchProgress {
  pagesDone: number
  /** null while the server gives no total. */
  pagesTotal: number | null
  /** Distinct tasks received so far. */
  tasksSoFar: number
}

export interface FetchAllOptions {
  campaignId: string
  importTaskIds?: readonly string[]
  /** 1–100. Default 100. */
  pageSize?: number
  /** Pages in flight at once, clamped to 1–10. Default 4. */
  concurrency?: number
  signal?: AbortSignal
  onProgress?: (p: FetchProgress) => void
  retry?: Omit<RetryOptions, 'signal'>
}

export interface FetchAllResult {
  /** In server order, each id once (its first occurrence). */
  tasks: ImportTask[]
  /** The largest total the server reported, or null when it never sent one. */
  count: number | null
  /** Pages fetched. */
  pages: number
}

export const MAX_CONCURRENCY = 10
export const DEFAULT_CONCURRENCY = 4
export const DEFAULT_PAGE_SIZE = 100

function clampConcurrency(n: number | undefined): number {
  if (n === undefined || !Number.isFinite(n)) return DEFAULT_CONCURRENCY
  return Math.min(MAX_CONCURRENCY, Math.max(1, Math.floor(n)))
}

function cancelled(): AppError {
  return new AppError('cancelled', 'The request was cancelled.')
}

export function fetchAllImportTasks(
  client: ImportTaskSource,
  options: FetchAllOptions,
): Promise<FetchAllResult> {
  const { campaignId, importTaskIds, signal, onProgress } = options
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) {
    return Promise.reject(
      new AppError('validation', 'The page size must be a whole number from 1 to 100.', {
        field: 'pageSize',
      }),
    )
  }
  const concurrency = clampConcurrency(options.concurrency)
  if (signal?.aborted) return Promise.reject(cancelled())

  // Aborted on the caller's cancel and on the first hard failure, so no page outlives the result.
  const inner = new AbortController()

  return new Promise<FetchAllResult>((resolve, reject) => {
    const pages: ImportTask[][] = []
    const seen = new Set<string>()
    let next = 0
    let inFlight = 0
    let pagesDone = 0
    let firstDone = false
    let totalPages: number | null = null
    let count: number | null = null
    // Without a total: whether the newest page was full and brought new tasks. A server that
    // ignores offset returns the same full page forever; no new tasks ends that.
    let wantMore = true
    let finished = false

    const onAbort = () => fail(cancelled())
    signal?.addEventListener('abort', onAbort, { once: true })

    function settle(): void {
      finished = true
      signal?.removeEventListener('abort', onAbort)
    }

    function fail(err: unknown): void {
      if (finished) return
      settle()
      inner.abort()
      if (signal?.aborted) return reject(cancelled())
      reject(
        isAppError(err)
          ? err
          : new AppError(
              'internal',
              'Fetching the import tasks failed unexpectedly.',
              {},
              { cause: err },
            ),
      )
    }

    function canSchedule(): boolean {
      if (finished || inFlight >= concurrency) return false
      if (next === 0) return true
      if (!firstDone) return false // the first page tells how many there are
      if (totalPages !== null) return next < totalPages
      return inFlight === 0 && wantMore
    }

    function onPage(index: number, tasks: ImportTask[], pageCount: number | null): void {
      if (finished) return
      inFlight--
      pagesDone++
      if (index === 0) firstDone = true
      pages[index] = tasks
      if (pageCount !== null) {
        count = Math.max(count ?? 0, pageCount)
        totalPages = Math.max(totalPages ?? 0, Math.max(1, Math.ceil(pageCount / pageSize)))
      }
      let fresh = 0
      for (const t of tasks) {
        if (!seen.has(t.id)) {
          seen.add(t.id)
          fresh++
        }
      }
      wantMore = tasks.length >= pageSize && fresh > 0
      try {
        onProgress?.({ pagesDone, pagesTotal: totalPages, tasksSoFar: seen.size })
      } catch (err) {
        return fail(err)
      }
      pump()
    }

    function launch(index: number): void {
      inFlight++
      withRetry(
        () =>
          client.queryImportTasks(
            { campaignId, offset: index * pageSize, limit: pageSize, importTaskIds },
            { signal: inner.signal },
          ),
        { ...options.retry, signal: inner.signal },
      ).then(
        (page) => onPage(index, page.tasks, page.count),
        (err: unknown) => fail(err),
      )
    }

    function pump(): void {
      while (canSchedule()) launch(next++)
      if (!finished && inFlight === 0) {
        settle()
        resolve({ tasks: assemble(), count, pages: pagesDone })
      }
    }

    function assemble(): ImportTask[] {
      const ids = new Set<string>()
      const out: ImportTask[] = []
      for (const page of pages) {
        for (const t of page ?? []) {
          if (ids.has(t.id)) continue
          ids.add(t.id)
          out.push(t)
        }
      }
      return out
    }

    pump()
  })
}
