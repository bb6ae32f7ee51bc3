// Over 400 lines: the profiles file, the export format's checks and the save rules are one store.
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { z } from 'zod'
import { profileInputSchema, tlsSchema, watchedCampaignSchema } from '../../shared/contract'
import type { ImportProfilesResult, ProfileInput } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import { msg, type MainText, type MessageRef } from '../../shared/messages'
import {
  MAX_PROFILES_FILE_BYTES,
  MAX_PROFILES_IN_FILE,
  MAX_WATCHED_CAMPAIGNS,
} from '../../shared/limits'
import {
  DEMO_PROFILE_ID,
  type ServerProfile,
  type TlsSettings,
  type WatchedCampaign,
} from '../../shared/profile'
import { parseServerUrl } from '../../shared/server-url'
import { normalizeFingerprint, validateCaPem } from '../tls/trust'
import { JsonFileStore } from '../fs/json-file-store'
import { parseKeepingUnknown, withUnknown, type UnknownField } from '../fs/unknown-fields'
import { UnusableDocument, upgradeDocument, type VersionedFormat } from '../fs/versioned-json'
import { inContext, zodProblem } from './zod-problem'

/**
 * Server profiles in `<userData>/profiles.json`: `{ "version": 1, "profiles": [ServerProfile…] }`.
 * No secret is ever part of a profile (the SK lives in the keychain, see ../secrets), so neither
 * this file nor an export can carry one.
 */

export const PROFILES_FILE = 'profiles.json'
export const PROFILES_VERSION = 1
export const EXPORT_FORMAT = 'isales-import-monitor.profiles'
export const EXPORT_VERSION = 1

const storedProfileSchema = profileInputSchema.extend({
  id: z.string().trim().min(1).max(200),
  demo: z.boolean().optional(),
})

const profilesFileSchema = z.strictObject({
  version: z.literal(PROFILES_VERSION),
  profiles: z
    .array(storedProfileSchema)
    .refine(
      (list) => new Set(list.map((p) => p.id)).size === list.length,
      'two profiles have the same id',
    ),
})

/**
 * The file's format. Fields a newer version added (to the file, a profile, its signing or trust,
 * a watched campaign) are ignored for use but land in `kept`, and are written back with the
 * profile they belong to (unknown-fields.ts): one such field never sets the file aside.
 */
function profilesFormat(kept: UnknownField[]): VersionedFormat<ServerProfile[]> {
  return {
    currentVersion: PROFILES_VERSION,
    // Future versions: { 1: (v1) => v2, 2: (v2) => v3, … }.
    migrations: {},
    parse(doc) {
      const { result, unknown } = parseKeepingUnknown(profilesFileSchema, doc)
      if (!result.success) throw new UnusableDocument('broken', zodProblem(result.error, doc).ref)
      kept.splice(0, kept.length, ...unknown)
      return result.data.profiles.map(copyProfile)
    },
  }
}

const exportFileSchema = z.strictObject({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  profiles: z.array(z.unknown()).max(MAX_PROFILES_IN_FILE),
})

const exportFormat: VersionedFormat<unknown[]> = {
  currentVersion: EXPORT_VERSION,
  migrations: {},
  parse(doc) {
    const parsed = exportFileSchema.safeParse(doc)
    if (!parsed.success) {
      throw invalid(inContext(msg('invalidProfilesFile'), zodProblem(parsed.error, doc)))
    }
    return parsed.data.profiles
  },
}

/** Fields that hold or describe secrets: dropped from imported profiles, never read. */
const SECRET_KEYS = ['sk', 'SK', 'secret', 'secretKey', 'hasSecret', 'secretStorage'] as const

export interface OpenedProfileStore {
  store: ProfileStore
  /** What to tell the person when the saved profiles could not be used. */
  problem?: MainText
}

export interface SaveOptions {
  /** Marks the profile as the built-in demo; allows creating it under a chosen id. */
  demo?: boolean
  /** A new profile's id as prepare() gave it (its SK was written under it first). */
  newId?: string
}

export class ProfileStore {
  private constructor(
    private readonly file: JsonFileStore<ServerProfile[]>,
    /** A newer version's fields, kept on disk only (never used, exported or shown). */
    private readonly kept: UnknownField[],
  ) {}

  static async open(userDataDir: string): Promise<OpenedProfileStore> {
    const kept: UnknownField[] = []
    const { store, problem } = await JsonFileStore.open<ServerProfile[]>({
      path: join(userDataDir, PROFILES_FILE),
      format: profilesFormat(kept),
      empty: () => [],
      toDocument: (profiles) => withUnknown({ version: PROFILES_VERSION, profiles }, kept),
      what: msg('storeWhatProfiles'),
      consequence: msg('storeNoProfiles'),
      savedWhat: msg('storeSavedProfiles'),
      lost: msg('storeLostLastChange'),
    })
    return { store: new ProfileStore(store, kept), ...(problem !== undefined ? { problem } : {}) }
  }

  get path(): string {
    return this.file.path
  }

  private get profiles(): readonly ServerProfile[] {
    return this.file.value
  }

  list(): ServerProfile[] {
    return this.profiles.map(copyProfile)
  }

  find(id: string): ServerProfile | undefined {
    const found = this.profiles.find((p) => p.id === id)
    return found ? copyProfile(found) : undefined
  }

  /** The profile, or AppError('validation') when there is none with this id. */
  get(id: string): ServerProfile {
    const found = this.find(id)
    if (!found) throw noSuchProfile()
    return found
  }

  /**
   * The profile as save() would store it, without storing it: checked, normalized, and with the
   * id a new one will get (pass it back as `newId`). AppError('validation') as save().
   */
  prepare(input: ProfileInput, opts: SaveOptions = {}): ServerProfile {
    return copyProfile(planSave(this.profiles, input, opts))
  }

  /** Creates (no id) or replaces (existing id) a profile after checking and normalizing it. */
  async save(input: ProfileInput, opts: SaveOptions = {}): Promise<ServerProfile> {
    return this.mutate((list) => {
      const profile = planSave(list, input, opts)
      const existing = list.some((p) => p.id === profile.id)
      const next = existing
        ? list.map((p) => (p.id === profile.id ? profile : p))
        : [...list, profile]
      return { next, result: profile }
    })
  }

  /** Removes the profile; false when there was none. The caller clears its secret. */
  async delete(id: string): Promise<boolean> {
    const deleted = await this.mutate((list) => {
      const next = list.filter((p) => p.id !== id)
      return { next, result: next.length !== list.length }
    })
    // A later profile with this id (the demo's) must not inherit the deleted one's fields.
    const place = (f: UnknownField) => f.path[1]
    for (let i = this.kept.length - 1; i >= 0; i--) {
      const at = place(this.kept[i]!)
      if (typeof at === 'object' && at.id === id) this.kept.splice(i, 1)
    }
    return deleted
  }

  async setTls(id: string, tls: TlsSettings): Promise<ServerProfile> {
    return this.update(id, (p) => ({ ...p, tls: normalizeTls(tls) }))
  }

  async setCampaigns(id: string, campaigns: WatchedCampaign[]): Promise<ServerProfile> {
    return this.update(id, (p) => ({ ...p, campaigns: normalizeCampaigns(campaigns) }))
  }

  /** Every profile except the demo, as a versioned export document (there are no secrets in it). */
  exportJson(): string {
    const doc = {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      profiles: this.profiles.filter((p) => !p.demo).map(({ demo: _demo, ...p }) => copyProfile(p)),
    }
    return `${JSON.stringify(doc, null, 2)}\n`
  }

  /**
   * Adds the profiles of an export file. All of them are checked first; one invalid profile
   * rejects the file with AppError('validation') naming it. Profiles whose id already exists (or
   * repeats in the file), exact copies of a profile already here and demo profiles are skipped.
   * Secret fields in the file are ignored, and each added profile gets a new id: a keychain entry
   * left under the file's id (a deleted profile's, say) never becomes its key (issue 11).
   */
  async importJson(text: string): Promise<ImportProfilesResult> {
    const incoming = parseExport(text)
    return this.mutate((list) => {
      const ids = new Set(list.map((p) => p.id))
      const settings = new Set(list.map(settingsOf))
      const added: ServerProfile[] = []
      let skipped = 0
      for (const profile of incoming) {
        const same = settingsOf(profile)
        if (
          ids.has(profile.id) ||
          settings.has(same) ||
          profile.demo ||
          profile.id === DEMO_PROFILE_ID
        ) {
          skipped++
          continue
        }
        ids.add(profile.id)
        settings.add(same)
        added.push({ ...profile, id: randomUUID() })
      }
      return { next: [...list, ...added], result: { imported: added.length, skipped } }
    })
  }

  private async update(
    id: string,
    change: (profile: ServerProfile) => ServerProfile,
  ): Promise<ServerProfile> {
    return this.mutate((list) => {
      const existing = list.find((p) => p.id === id)
      if (!existing) throw noSuchProfile()
      const profile = change(existing)
      return { next: list.map((p) => (p.id === id ? profile : p)), result: profile }
    })
  }

  /** Applies a change to a copy; the file store writes it, then makes it the current state. */
  private mutate<R>(
    change: (list: ServerProfile[]) => { next: ServerProfile[]; result: R },
  ): Promise<R> {
    return this.file.update((current) => {
      const { next, result } = change(current.map(copyProfile))
      return { next, result: copyResult(result) }
    })
  }
}

// ---- checking and normalizing ------------------------------------------------------------------

/** The profile a save of `input` into `list` stores; AppError('validation') when it may not. */
function planSave(
  list: readonly ServerProfile[],
  input: ProfileInput,
  opts: SaveOptions,
): ServerProfile {
  const existing = input.id === undefined ? undefined : list.find((p) => p.id === input.id)
  if (input.id === DEMO_PROFILE_ID && !opts.demo && !existing?.demo) {
    throw new AppError('validation', msg('demoNotReplaceable'))
  }
  if (input.id !== undefined && !existing && !opts.demo) throw noSuchProfile()
  const newId =
    opts.newId !== undefined && !list.some((p) => p.id === opts.newId) ? opts.newId : undefined
  const id = existing?.id ?? input.id ?? newId ?? randomUUID()
  const demo = opts.demo ?? existing?.demo ?? false
  return normalizeProfile(input, id, demo)
}

/** A profile's settings without its id, to recognise a copy. */
function settingsOf(profile: ServerProfile): string {
  const { id: _id, demo: _demo, ...settings } = profile
  return JSON.stringify(settings)
}

/** Checks a profile as entered and returns it in stored form; AppError('validation') otherwise. */
export function normalizeProfile(input: ProfileInput, id: string, demo = false): ServerProfile {
  const parsed = profileInputSchema.safeParse(input)
  if (!parsed.success) {
    const problem = zodProblem(parsed.error, input)
    // The address rule's own sentence stands alone, as parseServerUrl's does.
    const said = problem.wholeSentence ? problem.ref : inContext(msg('invalidProfile'), problem)
    throw invalid(said, problem.field)
  }
  const p = parsed.data
  const profile: ServerProfile = {
    id,
    name: p.name,
    serverUrl: parseServerUrl(p.serverUrl, 'serverUrl').origin,
    vdnId: p.vdnId,
    ak: p.ak,
    signing: {
      timestampFormat: p.signing.timestampFormat,
      signedHeaders: [...new Set(p.signing.signedHeaders)],
    },
    tls: normalizeTls(p.tls),
    campaigns: normalizeCampaigns(p.campaigns),
  }
  return demo ? { ...profile, demo: true } : profile
}

export function normalizeTls(tls: TlsSettings): TlsSettings {
  const parsed = tlsSchema.safeParse(tls)
  if (!parsed.success) {
    const problem = zodProblem(parsed.error, tls)
    throw invalid(inContext(msg('invalidTls'), problem), problem.field || 'tls')
  }
  const t = parsed.data
  switch (t.mode) {
    case 'system':
      return { mode: 'system' }
    case 'ca':
      return { mode: 'ca', caPem: validateCaPem(t.caPem), caLabel: t.caLabel.trim() }
    case 'pin':
      return {
        mode: 'pin',
        fingerprint256: normalizeFingerprint(t.fingerprint256),
        subject: t.subject,
        trustedAt: t.trustedAt,
      }
  }
}

/** Checks campaigns and drops repeated ids (the first one wins). */
export function normalizeCampaigns(campaigns: WatchedCampaign[]): WatchedCampaign[] {
  const parsed = z.array(watchedCampaignSchema).max(MAX_WATCHED_CAMPAIGNS).safeParse(campaigns)
  if (!parsed.success) {
    const problem = zodProblem(parsed.error, campaigns)
    throw invalid(inContext(msg('invalidCampaigns'), problem), problem.field || 'campaigns')
  }
  const seen = new Set<string>()
  return parsed.data.filter((c) => !seen.has(c.id) && seen.add(c.id))
}

function parseExport(text: string): (ServerProfile & { demo?: boolean })[] {
  // Characters, not bytes: the file was read with at most this many bytes (compose.ts).
  if (text.length > MAX_PROFILES_FILE_BYTES) {
    throw invalid(msg('importTooLarge'))
  }
  let data: unknown
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch {
    throw invalid(msg('importNotJson'))
  }
  if (typeof data !== 'object' || data === null || !('format' in data)) {
    throw invalid(msg('importNoFormat'))
  }
  if (data.format !== EXPORT_FORMAT) {
    throw invalid(
      msg('importWrongFormat', {
        format: String(JSON.stringify(data.format)),
        expected: EXPORT_FORMAT,
      }),
    )
  }
  let raw: unknown[]
  try {
    raw = upgradeDocument(data, exportFormat)
  } catch (err) {
    if (err instanceof AppError) throw err
    if (err instanceof UnusableDocument && err.reason === 'newer') {
      throw invalid(msg('importNewer', { version: String(err.version), current: EXPORT_VERSION }))
    }
    const why = err instanceof UnusableDocument ? err.ref : (err as Error).message
    throw invalid(msg('problemInContext', { context: msg('invalidProfilesFile'), problem: why }))
  }
  return raw.map((item, i) => {
    const where = whereInFile(i, item)
    const candidate = withoutSecrets(item)
    const parsed = storedProfileSchema.safeParse(candidate)
    if (!parsed.success) {
      const problem = zodProblem(parsed.error, candidate)
      throw invalid(inContext(where, problem), problem.field)
    }
    const { id, demo, ...input } = parsed.data
    try {
      return { ...normalizeProfile(input, id), ...(demo ? { demo: true } : {}) }
    } catch (err) {
      if (err instanceof AppError) {
        const problem = err.ref ?? err.message
        throw new AppError(
          'validation',
          msg('problemInContextSentence', { context: where, problem }),
          err.detail,
        )
      }
      throw err
    }
  })
}

function withoutSecrets(item: unknown): unknown {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return item
  const copy: Record<string, unknown> = { ...(item as Record<string, unknown>) }
  for (const key of SECRET_KEYS) delete copy[key]
  return copy
}

/** "Profile 2 ("Lab") in the file is not valid": the number, and the name when it has one. */
function whereInFile(index: number, item: unknown): MessageRef {
  const name = (item as { name?: unknown } | null)?.name
  if (typeof name === 'string' && name.trim() !== '') {
    return msg('invalidNamedProfileInFile', { number: index + 1, name: name.trim().slice(0, 100) })
  }
  return msg('invalidProfileInFile', { number: index + 1 })
}

// ---- helpers -----------------------------------------------------------------------------------

function copyProfile<P extends ServerProfile>(p: P): P {
  return structuredClone(p)
}

function copyResult<R>(result: R): R {
  return typeof result === 'object' && result !== null ? structuredClone(result) : result
}

function invalid(said: MessageRef, field?: string): AppError {
  return new AppError('validation', said, field ? { field } : {})
}

function noSuchProfile(): AppError {
  return new AppError('validation', msg('profileNotFound'), { field: 'profileId' })
}
