/**
 * Every number range the app enforces, in one place, so the window's forms, the bridge contract,
 * main's stores and clients and the CLI cannot drift apart. Plain data: no imports.
 */

// ---- from the iSales interface (its documented parameter ranges and concurrency) -----------

/** A VDN id is a whole number in this range (the server answers 02000005 outside it). */
export const MIN_VDN_ID = 1
export const MAX_VDN_ID = 9999

/** Rows per page, for the import-task query (`limit`) and the campaign list (`rowsPerPage`). */
export const MIN_PAGE_SIZE = 1
export const MAX_PAGE_SIZE = 100
/** The largest page: fewest requests for a campaign's tasks. */
export const DEFAULT_PAGE_SIZE = MAX_PAGE_SIZE

/** iSales allows at most 10 concurrent requests: the cap on sockets and on pages in flight. */
export const MAX_IN_FLIGHT_PER_SERVER = 10

/** A server's Retry-After longer than this is not waited out by default (see isales/retry.ts). */
export const DEFAULT_MAX_RETRY_AFTER_MS = 60_000

// ---- settings -------------------------------------------------------------------------------

/** Auto-refresh interval (seconds): short enough to follow an import, long enough to be polite. */
export const MIN_REFRESH_INTERVAL_SEC = 5
export const MAX_REFRESH_INTERVAL_SEC = 3600

// Issue 9 (always watching): the check of a watched campaign with nothing in progress.
/** Idle-check interval (seconds): a server going down shows within one of these. */
export const MIN_IDLE_CHECK_INTERVAL_SEC = 30
export const MAX_IDLE_CHECK_INTERVAL_SEC = 3600

// ---- profiles ---------------------------------------------------------------------------------

/** Campaigns one profile may watch. */
export const MAX_WATCHED_CAMPAIGNS = 200
/** Profiles one export file may hold. */
export const MAX_PROFILES_IN_FILE = 10_000

// ---- file sizes -------------------------------------------------------------------------------

/** A CA certificate file (PEM text): far above any real chain, far below memory trouble. */
export const MAX_CA_FILE_BYTES = 200_000
/** A profiles export file; larger ones are refused before parsing. */
export const MAX_PROFILES_FILE_BYTES = 10_000_000

// ---- export -----------------------------------------------------------------------------------

/** Task ids one CSV export request may name (the rows on screen). */
export const MAX_EXPORT_TASK_IDS = 200_000

// ---- trust boundary (issue 11) ---------------------------------------------------------------

/**
 * Text a server chose (its error descriptions, a value quoted from a reply, a certificate's
 * names) is cut to this many characters, the ellipsis included, before it is logged or shown:
 * longer than any real iSales description, short enough for one line of a dialog.
 */
export const MAX_SERVER_TEXT_CHARS = 500
/** A server's result code (iSales codes are 7 or 8 digits), cut the same way. */
export const MAX_SERVER_CODE_CHARS = 40

/**
 * Calls of one kind one window may have in flight: certificate probes ("Test connection",
 * "Trust this certificate") and server campaign lists. Each opens a connection; more than the
 * window's one dialog can use is refused at once (src/main/ipc/in-flight-caps.ts).
 */
export const MAX_PROBES_IN_FLIGHT_PER_WINDOW = 4
export const MAX_LISTS_IN_FLIGHT_PER_WINDOW = 4
