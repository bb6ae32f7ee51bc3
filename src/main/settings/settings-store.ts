import { join } from 'node:path'
import { z } from 'zod'
import { settingsPatchSchema } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import {
  MAX_IDLE_CHECK_INTERVAL_SEC,
  MAX_REFRESH_INTERVAL_SEC,
  MIN_IDLE_CHECK_INTERVAL_SEC,
  MIN_REFRESH_INTERVAL_SEC,
} from '../../shared/limits'
import { msg, type MainText, type MessageRef } from '../../shared/messages'
import { DEFAULT_SETTINGS, type Settings } from '../../shared/profile'
import { JsonFileStore } from '../fs/json-file-store'
import { parseKeepingUnknown, withUnknown, type UnknownField } from '../fs/unknown-fields'
import { UnusableDocument, type VersionedFormat } from '../fs/versioned-json'
import { inContext, zodProblem } from '../profiles/zod-problem'

/**
 * App settings in `<userData>/settings.json`: `{ "version": 1, "settings": { …Settings } }`.
 * Settings missing from the file take their default (so adding a setting needs no new version);
 * unknown ones (a newer version's) are ignored but kept in the file across saves (unknown-fields.ts).
 */

export const SETTINGS_FILE = 'settings.json'
export const SETTINGS_VERSION = 1

export type SettingsPatch = z.input<typeof settingsPatchSchema>

// Strict: what this version does not know is taken out and kept by parseKeepingUnknown.
const settingsFileSchema = z.strictObject({
  version: z.literal(SETTINGS_VERSION),
  settings: z.strictObject(settingsPatchSchema.shape),
})

/** The file's format; what a newer version added lands in `kept`, for the next write. */
function settingsFormat(kept: UnknownField[]): VersionedFormat<Settings> {
  return {
    currentVersion: SETTINGS_VERSION,
    // Future versions: { 1: (v1) => v2, … }.
    migrations: {},
    parse(doc) {
      const { result, unknown } = parseKeepingUnknown(settingsFileSchema, doc)
      if (!result.success) throw new UnusableDocument('broken', zodProblem(result.error, doc).ref)
      kept.splice(0, kept.length, ...unknown)
      return withDefaults(result.data.settings)
    },
  }
}

export interface OpenedSettingsStore {
  store: SettingsStore
  /** What to tell the person when the saved settings could not be used. */
  problem?: MainText
}

export class SettingsStore {
  private constructor(private readonly file: JsonFileStore<Settings>) {}

  static async open(userDataDir: string): Promise<OpenedSettingsStore> {
    const kept: UnknownField[] = []
    const { store, problem } = await JsonFileStore.open<Settings>({
      path: join(userDataDir, SETTINGS_FILE),
      format: settingsFormat(kept),
      empty: () => ({ ...DEFAULT_SETTINGS }),
      toDocument: (settings) => withUnknown({ version: SETTINGS_VERSION, settings }, kept),
      what: msg('storeWhatSettings'),
      consequence: msg('storeDefaultSettings'),
      savedWhat: msg('storeSavedSettings'),
      lost: msg('storeLostChange'),
    })
    return { store: new SettingsStore(store), ...(problem !== undefined ? { problem } : {}) }
  }

  get path(): string {
    return this.file.path
  }

  get(): Settings {
    return { ...this.file.value }
  }

  /** Checks the patch (AppError('validation') naming the setting), saves, returns all settings. */
  async update(patch: SettingsPatch): Promise<Settings> {
    const parsed = settingsPatchSchema.safeParse(patch)
    if (!parsed.success) throw patchProblem(parsed.error, patch)
    return this.file.update((current) => {
      const next = withDefaults({ ...current, ...parsed.data })
      return { next, result: { ...next } }
    })
  }
}

function withDefaults(partial: Partial<Settings>): Settings {
  const defined = Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined))
  return { ...DEFAULT_SETTINGS, ...defined }
}

/** The settings with a rule of their own say it in a sentence; the rest get zod's words. */
const PLAIN: Readonly<Record<string, MessageRef>> = {
  refreshIntervalSec: msg('settingRefreshInterval', {
    min: MIN_REFRESH_INTERVAL_SEC,
    max: MAX_REFRESH_INTERVAL_SEC,
  }),
  notifications: msg('settingNotifications'),
  locale: msg('settingLocale'),
  theme: msg('settingTheme'),
  csvBom: msg('settingCsvBom'),
  idleCheckIntervalSec: msg('settingIdleCheckInterval', {
    min: MIN_IDLE_CHECK_INTERVAL_SEC,
    max: MAX_IDLE_CHECK_INTERVAL_SEC,
  }),
}

function patchProblem(error: z.ZodError, patch: unknown): AppError {
  const issue = error.issues[0]
  const key = issue?.path[0]
  const plain = typeof key === 'string' && Object.hasOwn(PLAIN, key) ? PLAIN[key] : undefined
  if (typeof key === 'string' && plain) return new AppError('validation', plain, { field: key })
  if (issue?.code === 'unrecognized_keys') {
    return new AppError('validation', msg('settingUnknown', { keys: issue.keys.join(', ') }), {
      field: issue.keys.join(','),
    })
  }
  const problem = zodProblem(error, patch)
  return new AppError('validation', inContext(msg('invalidSettings'), problem), {
    field: problem.field,
  })
}
