import { AppError } from '../../shared/errors'
import { msg } from '../../shared/messages'
import type { TlsSettings } from '../../shared/profile'
import type { ServerGate } from '../isales/server-slots'
import { probeCertificate } from './probe'
import { normalizeFingerprint } from './trust'

export type PinSettings = Extract<TlsSettings, { mode: 'pin' }>

/**
 * The pin for "Trust this certificate": trust what the server presents now, and only if it is what
 * the person saw and approved (AppError('cert-changed') with both fingerprints otherwise).
 */
export async function approvePin(
  serverUrl: string,
  fingerprint256: string,
  opts: { signal?: AbortSignal; gate: ServerGate },
): Promise<PinSettings> {
  const presented = await probeCertificate(serverUrl, opts)
  if (presented.fingerprint256 !== normalizeFingerprint(fingerprint256)) {
    throw new AppError('cert-changed', msg('certChangedSinceCheck'), {
      presentedFingerprint: presented.fingerprint256,
      expectedFingerprint: fingerprint256,
    })
  }
  return {
    mode: 'pin',
    fingerprint256: presented.fingerprint256,
    subject: presented.subject,
    trustedAt: new Date().toISOString(),
  }
}
