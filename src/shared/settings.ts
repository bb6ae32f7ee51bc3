/**
 * Every app setting in one table: its kind, its range or choices, and its default. The Settings
 * type, the defaults, the bridge's patch schema (contract.ts) and the settings file's schema
 * (main/settings) all come from it, so a new setting is one row here plus its control and labels
 * in the window. No zod here: the window imports the defaults without the schema library.
 */
import {
  MAX_IDLE_CHECK_INTERVAL_SEC,
  MAX_REFRESH_INTERVAL_SEC,
  MIN_IDLE_CHECK_INTERVAL_SEC,
  MIN_REFRESH_INTERVAL_SEC,
} from './limits'

export type SettingDescriptor =
  | { kind: 'boolean'; default: boolean }
  | { kind: 'integer'; default: number; min: number; max: number }
  | { kind: 'choice'; default: string; values: readonly [string, ...string[]] }

export const SETTINGS = {
  /** Auto-refresh interval for campaigns with imports in progress (seconds). */
  refreshIntervalSec: {
    kind: 'integer',
    default: 15,
    min: MIN_REFRESH_INTERVAL_SEC,
    max: MAX_REFRESH_INTERVAL_SEC,
  },
  /** Desktop notifications: imports that finish, and the alerts of main/alerts. */
  notifications: { kind: 'boolean', default: true },
  locale: { kind: 'choice', default: 'system', values: ['system', 'en', 'zh-CN'] },
  theme: { kind: 'choice', default: 'system', values: ['system', 'light', 'dark'] },
  /** Start exported CSV files with a UTF-8 BOM so Excel reads them right. */
  csvBom: { kind: 'boolean', default: true },
  // Issue 9 (always watching).
  /** Check interval for watched campaigns with nothing preparing or importing (seconds). */
  idleCheckIntervalSec: {
    kind: 'integer',
    default: 120,
    min: MIN_IDLE_CHECK_INTERVAL_SEC,
    max: MAX_IDLE_CHECK_INTERVAL_SEC,
  },
  // ---- alerts (main/alerts) and the day's health (day-health.ts) ----
  /** An import preparing or importing longer than this (minutes) is stuck. */
  stuckMinutes: { kind: 'integer', default: 60, min: 1, max: 1440 },
  /** Today's failed records above this share (percent) makes a campaign "failing". */
  failureRatePct: { kind: 'integer', default: 10, min: 0, max: 100 },
  /** Each kind of alert on or off (off: neither listed nor notified). */
  alertImportFailed: { kind: 'boolean', default: true },
  alertImportStuck: { kind: 'boolean', default: true },
  alertServerOffline: { kind: 'boolean', default: true },
  alertCertChanged: { kind: 'boolean', default: true },
  // ---- the window's layout ----
  /** The sidebar folded away, giving its width to the task table (remembered across starts). */
  sidebarCollapsed: { kind: 'boolean', default: false },
  /** The "Failures by cause" panel folded to its title line (the table gets the height). */
  triageFolded: { kind: 'boolean', default: false },
} as const satisfies Record<string, SettingDescriptor>

export type SettingKey = keyof typeof SETTINGS

type ValueOf<D> = D extends { kind: 'boolean' }
  ? boolean
  : D extends { kind: 'integer' }
    ? number
    : D extends { values: readonly (infer V)[] }
      ? V
      : never

export type Settings = { [K in SettingKey]: ValueOf<(typeof SETTINGS)[K]> }

export type LocaleSetting = Settings['locale']
export type ThemeSetting = Settings['theme']

export const DEFAULT_SETTINGS: Settings = Object.fromEntries(
  Object.entries(SETTINGS).map(([key, d]) => [key, d.default]),
) as Settings
