/**
 * What a keychain entry of ours holds: the SK together with the server origin and AK it was given
 * for (issue 11). The binding lives in the value, not in the account name (which stays the profile
 * id), because:
 * - one entry per profile keeps "forget", delete and the start-up sweep a matter of one account;
 * - a save can write the new key beside the previous one in a single keychain write, so a crash
 *   between that write and the profile file's leaves a key for whichever profile the file holds
 *   (SecretStore.stage), with no second account to lose or leave behind;
 * - the check is made where every SK is read (SecretStore.get), so no caller can skip it.
 * Values written before this format are a bare SK: bound on first read to the profile as it is then.
 */
import type { ServerProfile } from '../../shared/profile'
import { checkServerUrl } from '../../shared/server-url'

export interface SecretBinding {
  /** scheme://host:port of the server the SK may be sent to. */
  origin: string
  ak: string
}

export interface BoundKey extends SecretBinding {
  sk: string
}

const FORMAT = 'isales-import-monitor.sk'
const VERSION = 1

/** What a profile's key is bound to: its server's origin and its AK. */
export function bindingOf(profile: Pick<ServerProfile, 'serverUrl' | 'ak'>): SecretBinding {
  return { origin: checkServerUrl(profile.serverUrl)?.origin ?? profile.serverUrl, ak: profile.ak }
}

export function sameBinding(a: SecretBinding, b: SecretBinding): boolean {
  return a.origin === b.origin && a.ak === b.ak
}

/** The keychain value for these keys (the first is the newest). */
export function encodeKeys(keys: readonly BoundKey[]): string {
  return JSON.stringify({
    format: FORMAT,
    version: VERSION,
    keys: keys.map(({ origin, ak, sk }) => ({ origin, ak, sk })),
  })
}

export type StoredValue =
  | { kind: 'bound'; keys: BoundKey[] }
  /** Written before keys were bound: a bare SK. */
  | { kind: 'legacy'; sk: string }

/** A keychain value read back; a value of our format that is damaged holds no usable key. */
export function decodeValue(value: string): StoredValue {
  let doc: unknown
  try {
    doc = JSON.parse(value)
  } catch {
    return { kind: 'legacy', sk: value }
  }
  if (typeof doc !== 'object' || doc === null || (doc as { format?: unknown }).format !== FORMAT) {
    return { kind: 'legacy', sk: value }
  }
  const keys = (doc as { keys?: unknown }).keys
  if (!Array.isArray(keys)) return { kind: 'bound', keys: [] }
  return { kind: 'bound', keys: keys.filter(isBoundKey) }
}

function isBoundKey(k: unknown): k is BoundKey {
  if (typeof k !== 'object' || k === null) return false
  const { origin, ak, sk } = k as Record<string, unknown>
  return typeof origin === 'string' && typeof ak === 'string' && typeof sk === 'string' && sk !== ''
}

/** The SK stored for this binding (the newest if several), or null. */
export function keyFor(keys: readonly BoundKey[], binding: SecretBinding): string | null {
  return keys.find((k) => sameBinding(k, binding))?.sk ?? null
}
