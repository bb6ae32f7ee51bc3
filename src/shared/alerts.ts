/**
 * Alerts: what main/alerts decides from the monitor's events, listed in the window for the day
 * (since local midnight) and acknowledged there. Their texts are catalogue messages.
 */
import type { MainText } from './messages'
import type { SettingKey } from './settings'

export const ALERT_KINDS = ['importFailed', 'importStuck', 'serverOffline', 'certChanged'] as const
export type AlertKind = (typeof ALERT_KINDS)[number]

/** The settings row that switches each kind on or off (settings.ts). */
export const ALERT_KIND_SETTING = {
  importFailed: 'alertImportFailed',
  importStuck: 'alertImportStuck',
  serverOffline: 'alertServerOffline',
  certChanged: 'alertCertChanged',
} as const satisfies Record<AlertKind, SettingKey>

export interface Alert {
  /** Unique for the app's run. */
  id: string
  kind: AlertKind
  /** When main raised it (epoch ms). */
  at: number
  profileId: string
  /** The campaign; null for a server-wide alert (offline, certificate). */
  campaignId: string | null
  title: MainText
  body: MainText
  acknowledged: boolean
}
