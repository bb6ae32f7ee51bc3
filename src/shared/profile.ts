/** Server profiles and app settings: what the renderer may see (never a secret key). */

export type TimestampFormat = 'seconds' | 'milliseconds'
export type SignableHeader = 'host' | 'content-type' | 'content-length'

export interface SigningSettings {
  timestampFormat: TimestampFormat
  signedHeaders: SignableHeader[]
}

/** How this profile trusts the server's certificate. There is no "ignore certificates" mode. */
export type TlsSettings =
  | { mode: 'system' }
  | { mode: 'ca'; caPem: string; caLabel: string }
  | { mode: 'pin'; fingerprint256: string; subject: string; trustedAt: string }

export interface WatchedCampaign {
  id: string
  label: string
  /** No desktop notification for this campaign's alerts (main/alerts). */
  muted?: boolean
}

/** The id of the built-in demo profile: reserved, no other profile may use it. */
export const DEMO_PROFILE_ID = 'demo'

export interface ServerProfile {
  id: string
  name: string
  /** https://ip:port, no path. */
  serverUrl: string
  vdnId: number
  ak: string
  signing: SigningSettings
  tls: TlsSettings
  campaigns: WatchedCampaign[]
  /** The built-in demo profile (its server is the simulator main starts). */
  demo?: boolean
}

/**
 * Where a profile's SK is kept: the OS keychain, main-process memory for this session, or nowhere
 * (for its saved address and AK); 'unavailable' when the keychain cannot be read right now (locked,
 * restarted locked, not answering), so whether a key is there is unknown.
 */
export type SecretStorage = 'keychain' | 'session' | 'none' | 'unavailable'

export interface ProfileView extends ServerProfile {
  hasSecret: boolean
  secretStorage: SecretStorage
}

// The settings live in settings.ts (one table); re-exported for the modules that read them here.
export { DEFAULT_SETTINGS, type LocaleSetting, type Settings, type ThemeSetting } from './settings'
