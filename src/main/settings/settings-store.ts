import { join } from 'node:path'
import { z } from 'zod'
import { settingsPatchSchema } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import { MAX_REFRESH_INTERVAL_SEC, MIN_REFRESH_INTERVAL_SEC } from '../../shared/limits'
import { DEFAULT_SETTINGS, type Settings } from '../../shared/profile'
import {
  describeSetAside,
  loadVersionedJson,
  saveVersionedJson,
  type VersionedFormat,
} from '../profiles/versioned-json'
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
  private settings: Settings
  private queue: Promise<unknown> = Promise.resolve()

  private constructor(
    readonly path: string,
    settings: Settings,
    /** Set when an unreadable file could not be moved aside: saving would replace it. */
    private readonly blocked: string | null,
  ) {
    this.settings = settings
  }

  static async open(userDataDir: string): Promise<OpenedSettingsStore> {
    const path = join(userDataDir, SETTINGS_FILE)
    const outcome = await loadVersionedJson(path, settingsFormat)
    switch (outcome.kind) {
      case 'missing':
        return { store: new SettingsStore(path, { ...DEFAULT_SETTINGS }, null) }
      case 'ok':
        return { store: new SettingsStore(path, outcome.value, null) }
      case 'set-aside': {
        const problem = describeSetAside('Your settings', outcome, 'the default settings are used')
        return {
          store: new SettingsStore(
            path,
            { ...DEFAULT_SETTINGS },
            outcome.keptAs === null ? problem : null,
          ),
          problem,
        }
      }
    }
  }

  get(): Settings {
    return { ...this.settings }
  }

  /** Checks the patch (AppError('validation') naming the setting), saves, returns all settings. */
  async update(patch: SettingsPatch): Promise<Settings> {
    const parsed = settingsPatchSchema.safeParse(patch)
    if (!parsed.success) throw patchProblem(parsed.error, patch)
    const run = async (): Promise<Settings> => {
      if (this.blocked !== null) throw new AppError('internal', this.blocked)
      const next = withDefaults({ ...this.settings, ...parsed.data })
      try {
        await saveVersionedJson(this.path, { version: SETTINGS_VERSION, settings: next })
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code
        throw new AppError(
          'internal',
          `The settings could not be saved to ${this.path}${code ? ` (${code})` : ''}. ` +
            'Check the free disk space and the permissions of that folder; the change was not kept.',
          code ? { cause: code } : {},
        )
      }
      this.settings = next
      return { ...next }
    }
    const done = this.queue.then(run, run)
    this.queue = done.catch(() => undefined)
    return done
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
