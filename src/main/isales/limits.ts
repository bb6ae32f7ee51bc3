/**
 * Limits that come from the iSales interface itself (see isales-api.md §2), shared by the
 * transport (tls/agent-factory.ts) and the pager (fetch-all.ts) so they cannot drift apart.
 */

/** iSales allows at most 10 concurrent requests: the cap on sockets and on pages in flight. */
export const MAX_IN_FLIGHT_PER_SERVER = 10

/** A server's Retry-After longer than this is not waited out by default (see retry.ts). */
export const DEFAULT_MAX_RETRY_AFTER_MS = 60_000
