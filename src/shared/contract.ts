/**
 * The one bridge contract between the window and the main process. Every channel is named
 * `domain:verb`, takes one argument parsed by its zod schema in main, and answers a Result.
 * Main → window events are listed in EVENTS with their payload types.
 */
import { z } from 'zod'
import type { ErrorPayload } from './errors'
import {
  MAX_CA_FILE_BYTES,
  MAX_EXPORT_TASK_IDS,
  MAX_SERVER_TEXT_CHARS,
  MAX_VDN_ID,
  MAX_WATCHED_CAMPAIGNS,
  MIN_VDN_ID,
} from './limits'
import { isServerUrl, SERVER_URL_MESSAGE, SERVER_URL_REF } from './server-url'
import { ownSentence } from './zod-issue'
import type { MainText } from './messages'
import type { Campaign, CertificateInfo, ImportTask } from './import-task'
import type { OverviewSnapshot } from './overview'
import type { ProfileView } from './profile'
import type { Alert } from './alerts'
import { SETTINGS, type SettingDescriptor, type SettingKey, type Settings } from './settings'

export type Result<T> = { ok: true; data: T } | { ok: false; error: ErrorPayload }

// ---- argument schemas -------------------------------------------------------------------------

const id = z.string().trim().min(1).max(200)
/** Campaign ids are strings (other iSales interfaces type them as integers): any non-empty text. */
const campaignId = z.string().trim().min(1).max(64)
const taskId = z.string().regex(/^\d{1,64}$/)
/**
 * The window's refresh ids (UUIDs): word characters and '-' only, so the monitor's own ids (which
 * contain ':') can never collide with one, and no NUL or control character reaches the logs.
 */
const requestId = z.string().regex(/^[\w-]{1,100}$/)
/** The shared address rule (server-url.ts), with its own sentence for the person. */
const serverUrl = z
  .string()
  .trim()
  .min(1)
  .max(300)
  .refine(isServerUrl, { message: SERVER_URL_MESSAGE, params: ownSentence(SERVER_URL_REF) })
const pem = z.string().min(1).max(MAX_CA_FILE_BYTES)

export const signingSchema = z.strictObject({
  timestampFormat: z.enum(['seconds', 'milliseconds']),
  signedHeaders: z
    .array(z.enum(['host', 'content-type', 'content-length']))
    .min(1)
    .refine((h) => h.includes('host'), 'the host header must be signed'),
})

export const tlsSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('system') }),
  z.strictObject({ mode: z.literal('ca'), caPem: pem, caLabel: z.string().max(300) }),
  z.strictObject({
    mode: z.literal('pin'),
    fingerprint256: z.string().min(1).max(200),
    subject: z.string().max(1000),
    trustedAt: z.string().max(64),
  }),
])

export const watchedCampaignSchema = z.strictObject({
  id: campaignId,
  label: z.string().trim().max(200),
  /** No desktop notification for this campaign's alerts (main/alerts). */
  muted: z.boolean().optional(),
})

/** A profile as the edit dialog sends it; `id` is absent for a new one. */
export const profileInputSchema = z.strictObject({
  id: id.optional(),
  name: z.string().trim().min(1).max(100),
  serverUrl,
  vdnId: z.number().int().min(MIN_VDN_ID).max(MAX_VDN_ID),
  ak: z.string().trim().min(1).max(200),
  signing: signingSchema,
  tls: tlsSchema,
  campaigns: z.array(watchedCampaignSchema).max(MAX_WATCHED_CAMPAIGNS),
})
export type ProfileInput = z.infer<typeof profileInputSchema>

export const secretInputSchema = z.strictObject({
  sk: z.string().min(1).max(500),
  /** Keep the SK in main-process memory only (when no keychain is usable, or by choice). */
  sessionOnly: z.boolean(),
})

function settingSchema(d: SettingDescriptor): z.ZodType {
  switch (d.kind) {
    case 'boolean':
      return z.boolean()
    case 'integer':
      return z.number().int().min(d.min).max(d.max)
    case 'choice':
      return z.enum(d.values)
  }
}

/** One schema per row of SETTINGS (settings.ts), typed by the Settings it describes. */
const settingsShape = Object.fromEntries(
  Object.entries(SETTINGS).map(([key, d]) => [key, settingSchema(d)]),
) as { [K in SettingKey]: z.ZodType<Settings[K]> }

export const settingsPatchSchema = z.strictObject(settingsShape).partial()

/** One cause group of the Summary sheet: texts bounded, counts whole, times ISO. */
const triageRow = z.strictObject({
  cause: z.string().max(MAX_SERVER_TEXT_CHARS),
  fix: z.string().max(MAX_SERVER_TEXT_CHARS).optional(),
  imports: z.number().int().min(0),
  failedRecords: z.number().int().min(0),
  firstSeen: z.iso.datetime().optional(),
  lastSeen: z.iso.datetime().optional(),
})
const MAX_EXPORT_GROUPS = 5000

const campaignRef = { profileId: id, campaignId }

// ---- server setup before saving (issue 9) -------------------------------------------------------

/**
 * A server as the profile dialog has it before saving: enough for one signed request. `sk` is the
 * key typed in the form; without it, main uses the stored key of `profileId` only when the
 * address, AK and trust are those saved (a stored key never goes to another server or AK).
 */
export const serverDraftSchema = z.strictObject({
  profileId: id.optional(),
  serverUrl,
  vdnId: z.number().int().min(MIN_VDN_ID).max(MAX_VDN_ID),
  ak: z.string().trim().min(1).max(200),
  signing: signingSchema,
  tls: tlsSchema,
  sk: secretInputSchema.shape.sk.optional(),
})
export type ServerDraft = z.infer<typeof serverDraftSchema>

export const CHANNELS = {
  'app:info': z.strictObject({}),
  'app:openLogFolder': z.strictObject({}),
  'settings:get': z.strictObject({}),
  'settings:update': settingsPatchSchema,
  'profiles:list': z.strictObject({}),
  'profiles:save': z.strictObject({
    profile: profileInputSchema,
    secret: secretInputSchema.optional(),
  }),
  'profiles:delete': z.strictObject({ profileId: id }),
  'profiles:export': z.strictObject({}),
  'profiles:import': z.strictObject({}),
  'demo:start': z.strictObject({}),
  'secrets:clear': z.strictObject({ profileId: id }),
  'tls:probe': z.strictObject({ serverUrl, caPem: pem.optional() }),
  'tls:trust': z.strictObject({ profileId: id, fingerprint256: z.string().min(1).max(200) }),
  'tls:pickCaFile': z.strictObject({}),
  'campaigns:listRemote': z.strictObject({
    profileId: id,
    name: z.string().max(200).optional(),
  }),
  'profiles:test': z.strictObject({ server: serverDraftSchema }),
  'campaigns:listDraft': z.strictObject({
    server: serverDraftSchema,
    name: z.string().max(200).optional(),
  }),
  'tasks:cached': z.strictObject(campaignRef),
  'tasks:refresh': z.strictObject({ ...campaignRef, requestId }),
  'tasks:cancel': z.strictObject({ requestId }),
  /** Stops the campaign's refresh in flight, automatic or not; its last good tasks stay. */
  'tasks:stop': z.strictObject(campaignRef),
  /** The campaign the window shows (null: none): probed every few seconds while its server is down. */
  'tasks:open': z.strictObject({ campaign: z.strictObject(campaignRef).nullable() }),
  'export:csv': z.strictObject({
    ...campaignRef,
    /** The rows on screen, in screen order; null exports every cached task of the campaign. */
    taskIds: z.array(taskId).max(MAX_EXPORT_TASK_IDS).nullable(),
    /** csv (default) or an Excel workbook; the extension of the path chosen in the dialog wins. */
    format: z.enum(['csv', 'xlsx']).optional(),
    /** The window's filter in words, for the workbook's Summary sheet. */
    filter: z.string().max(1000).optional(),
    /** The exported rows' failures by cause, titled in the window's language (Summary sheet). */
    groups: z.array(triageRow).max(MAX_EXPORT_GROUPS).optional(),
  }),
  'export:showInFolder': z.strictObject({ path: z.string().min(1).max(4096) }),
  // ---- alerts (main/alerts) ----
  'alerts:list': z.strictObject({}),
  /** The alerts named, or every alert of today when `ids` is absent. */
  'alerts:acknowledge': z.strictObject({
    ids: z.array(z.string().min(1).max(100)).max(1000).optional(),
  }),
  'alerts:mute': z.strictObject({ ...campaignRef, muted: z.boolean() }),
  // ---- overview ----
  'overview:get': z.strictObject({}),
} as const

export type Channel = keyof typeof CHANNELS
export type ArgsOf<C extends Channel> = z.input<(typeof CHANNELS)[C]>
export type ParsedArgsOf<C extends Channel> = z.output<(typeof CHANNELS)[C]>

// ---- results ----------------------------------------------------------------------------------

export interface KeychainStatus {
  available: boolean
  /** Plain words for the settings screen, e.g. "Secret Service (GNOME Keyring)". */
  backend: string
  /** Why it cannot be used, when it cannot (the window shows it in its language). */
  problem?: MainText
}

export interface AppInfo {
  version: string
  platform: string
  userDataDir: string
  logFile: string
  keychain: KeychainStatus
  /** Problems met at start-up (a settings file that could not be read, ...), for the window. */
  notices: MainText[]
}

export const INCOMPLETE_REASONS = ['count-inflated', 'offset-ignored', 'list-moving'] as const
export type IncompleteReason = (typeof INCOMPLETE_REASONS)[number]

/** A campaign's tasks as last fetched; `stale` when they come from the cache after a failure. */
export interface TaskSnapshot {
  profileId: string
  campaignId: string
  tasks: ImportTask[]
  /** The server's total, null when it sends none. */
  count: number | null
  /** ISO time of the fetch that produced these tasks. */
  fetchedAt: string
  stale: boolean
  /** Some tasks may be missing: the server's list moved while paged, or its replies lied. */
  incomplete: boolean
  /**
   * Why `incomplete` (from this session's fetch; a snapshot from the cache may lack it): the
   * server claimed more tasks than it returned, ignored the offset, or its list kept moving.
   */
  incompleteReason?: IncompleteReason
  /** The failure that made this snapshot stale. */
  error?: ErrorPayload
  /**
   * Automatic refreshes of this campaign stopped: a failure that needs the user, or
   * `failures` identical failures in a row. A refresh from the window starts them again.
   */
  halted?: boolean
  /** How many times in a row the campaign's refresh failed with this same error. */
  failures?: number
  /** Whether the blackNum column exists for this campaign. */
  hasBlackNum: boolean
}

/** A snapshot without its tasks: what a delta and a refresh's reply carry. */
export type TaskSnapshotMeta = Omit<TaskSnapshot, 'tasks'>

/**
 * Where a campaign's list stands in main's window feed (main/monitor/window-feed.ts): `version`
 * grows by one per change of the campaign's snapshot; `epoch` is new with every main process, so
 * a window holding versions of an earlier one knows it must start again from a full list.
 */
export interface FeedVersion {
  epoch: string
  version: number
}

/** A campaign's whole list at one version. */
export interface VersionedSnapshot extends FeedVersion {
  snapshot: TaskSnapshot
}

/**
 * What the window is sent when a campaign's tasks change: the whole list the first time (or when
 * the window may not hold the version before), otherwise only the tasks that changed or appeared
 * (by id) and the ids that went, on top of `baseVersion`, with the snapshot's other fields.
 */
export type TasksChange =
  | ({ kind: 'full' } & VersionedSnapshot)
  | (FeedVersion & {
      kind: 'delta'
      baseVersion: number
      meta: TaskSnapshotMeta
      upserted: ImportTask[]
      removed: string[]
    })

/** The reply to a refresh: the version it produced and the snapshot's fields, never the tasks. */
export interface TasksReceipt extends FeedVersion {
  meta: TaskSnapshotMeta
}

export interface ExportResult {
  path: string
  rowCount: number
}

export interface ImportProfilesResult {
  imported: number
  /** Profiles in the file whose id already existed: kept as they were. */
  skipped: number
}

export interface CaFile {
  pem: string
  label: string
}

/** What the signed request of "Test connection" found, once the certificate was read. */
export type ConnectionOutcome =
  /** Signed and accepted: the server lists this many campaigns for the VDN. */
  | { kind: 'ok'; campaignCount: number }
  /** The form's trust does not accept the certificate presented: nothing was signed or sent. */
  | { kind: 'untrusted' }
  | { kind: 'failed'; error: ErrorPayload }

export interface ConnectionTest {
  certificate: CertificateInfo
  outcome: ConnectionOutcome
}

export interface ChannelResults {
  'app:info': AppInfo
  'app:openLogFolder': null
  'settings:get': Settings
  'settings:update': Settings
  'profiles:list': ProfileView[]
  'profiles:save': ProfileView
  'profiles:delete': null
  /** null: the user closed the dialog. */
  'profiles:export': ExportResult | null
  'profiles:import': ImportProfilesResult | null
  'demo:start': ProfileView
  'secrets:clear': ProfileView
  'tls:probe': CertificateInfo
  'tls:trust': ProfileView
  'tls:pickCaFile': CaFile | null
  'campaigns:listRemote': Campaign[]
  'profiles:test': ConnectionTest
  'campaigns:listDraft': Campaign[]
  /** The whole list, versioned: what the window builds on (and repairs a gap with). */
  'tasks:cached': VersionedSnapshot | null
  /** Only the outcome: the tasks themselves reach the window once, as 'tasks:changed'. */
  'tasks:refresh': TasksReceipt
  'tasks:cancel': null
  'tasks:stop': null
  'tasks:open': null
  'export:csv': ExportResult | null
  'export:showInFolder': null
  'alerts:list': Alert[]
  'alerts:acknowledge': Alert[]
  'alerts:mute': ProfileView
  // ---- overview ----
  'overview:get': OverviewSnapshot
}

// ---- events (main → window) -------------------------------------------------------------------

export type ConnectivityState = 'online' | 'offline' | 'error'

export interface ConnectivityEvent {
  profileId: string
  state: ConnectivityState
  error?: ErrorPayload
  /** When the next automatic attempt is due (epoch ms), while offline. */
  nextRetryAt?: number
  /** When the server was last checked (epoch ms): the state is that check's outcome. */
  checkedAt?: number
}

export interface ProgressEvent {
  requestId: string
  profileId: string
  campaignId: string
  pagesDone: number
  pagesTotal: number | null
  tasksSoFar: number
}

export interface RefreshScheduleEvent {
  profileId: string
  campaignId: string
  /** Next automatic refresh (epoch ms); null when nothing is in progress. */
  nextAt: number | null
}

/** A campaign's refresh started (running) or ended, whoever started it: the window may stop it. */
export interface RefreshRunningEvent {
  profileId: string
  campaignId: string
  running: boolean
}

export interface EventPayloads {
  /**
   * Main-internal: a campaign's new snapshot, seen by the overview and the alert service on its
   * way out. It never reaches the window: the window feed turns it into 'tasks:changed'.
   */
  'tasks:updated': TaskSnapshot
  /** To the window: a campaign's tasks changed (a full list or a delta, see TasksChange). */
  'tasks:changed': TasksChange
  'tasks:progress': ProgressEvent
  'connectivity:changed': ConnectivityEvent
  'refresh:scheduled': RefreshScheduleEvent
  'refresh:running': RefreshRunningEvent
  'profiles:changed': ProfileView[]
  /** Today's alerts, newest first, after each change. */
  'alerts:changed': Alert[]
  // ---- overview ----
  'overview:updated': OverviewSnapshot
}

export type EventName = keyof EventPayloads

/**
 * Sends one contract event to the window. The monitor and the composition root only send (R =
 * void); the Electron sender also answers whether it could (R = boolean, ipc/electron-ipc.ts).
 */
export type Emit<R = void> = <E extends EventName>(event: E, payload: EventPayloads[E]) => R
