import { join } from 'node:path'
import { z } from 'zod'
import { settingsPatchSchema } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import { MAX_REFRESH_INTERVAL_SEC, MIN_REFRESH_INTERVAL_SEC } from '../../shared/limits'
import { DEFAULT_SETTINGS, type Settings } from '../../shared/profile'
import { JsonFileStore } from '../fs/json-file-store'
import type { VersionedFormat } from '../fs/versioned-json'
import { inContext, zodProblem } from '../profiles/zod-problem'

/**
 * App settings in `<userData>/settings.json`: `{ "version": 1, "settings": { …Settings } }`.
 * Settings missing from the file take their default (so adding a setting needs no new version);
 * unknown ones are dropped.
 */

export const SETTINGS_FILE = 'settings.json'
export const SETTINGS_VERSION = 1

export type SettingsPatch = z.input<typeof settingsPatchSchema>

const settingsFileSchema = z.strictObject({
  version: z.literal(SETTINGS_VERSION),
  // Loose: a setting this version does not know is ignored rather than failing the file.
  settings: z.object(settingsPatchSchema.shape),
})

const settingsFormat: VersionedFormat<Settings> = {
  currentVersion: SETTINGS_VERSION,
  // Future versions: { 1: (v1) => v2, … }.
  migrations: {},
  parse(doc) {
    const parsed = settingsFileSchema.safeParse(doc)
    if (!parsed.success) throw new Error(zodProblem(parsed.error, doc).message)
    return withDefaults(parsed.data.settings)
  },
}

export interface OpenedSettingsStore {
  store: SettingsStore
  /** Plain words for the person when the saved settings could not be used. */
  problem?: string
}

export class SettingsStore {
  private constructor(private readonly file: JsonFileStore<Settings>) {}

  static async open(userDataDir: string): Promise<OpenedSettingsStore> {
    const { store, problem } = await JsonFileStore.open<Settings>({
      path: join(userDataDir, SETTINGS_FILE),
      format: settingsFormat,
      empty: () => ({ ...DEFAULT_SETTINGS }),
      toDocument: (settings) => ({ version: SETTINGS_VERSION, settings }),
      what: 'Your settings',
      consequence: 'the default settings are used',
      savedWhat: 'The settings',
      lost: 'the change was not kept',
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

const PLAIN: Readonly<Record<string, string>> = {
  refreshIntervalSec: `The refresh interval must be a whole number of seconds from ${MIN_REFRESH_INTERVAL_SEC} to ${MAX_REFRESH_INTERVAL_SEC}.`,
  notifications: 'The notifications setting must be on or off.',
  locale: 'The language must be system, en or zh-CN.',
  theme: 'The theme must be system, light or dark.',
  csvBom: 'The CSV byte order mark setting must be on or off.',
}

function patchProblem(error: z.ZodError, patch: unknown): AppError {
  const issue = error.issues[0]
  const key = issue?.path[0]
  if (typeof key === 'string' && PLAIN[key]) {
    return new AppError('validation', PLAIN[key], { field: key })
  }
  if (issue?.code === 'unrecognized_keys') {
    return new AppError('validation', `Unknown setting: ${issue.keys.join(', ')}.`, {
      field: issue.keys.join(','),
    })
  }
  const problem = zodProblem(error, patch)
  return new AppError('validation', inContext('The settings are not valid', problem), {
    field: problem.field,
  })
}
