/**
 * Which secret key a server that is not saved yet (the profile dialog's form) may be signed with,
 * and whether the form's trust accepts a certificate. A stored key is sent only to the address,
 * with the AK and under the trust it was saved with: changing any of them in the form would
 * otherwise let a typed-in server receive a signature made with someone else's key (issue 11).
 */
import type { ServerDraft } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import type { CertificateInfo } from '../../shared/import-task'
import { msg } from '../../shared/messages'
import type { ServerProfile, TlsSettings } from '../../shared/profile'
import { checkServerUrl } from '../../shared/server-url'

/** The same trust: mode and what it trusts (the subject and time of a pin are only labels). */
export function sameTrust(a: TlsSettings, b: TlsSettings): boolean {
  if (a.mode === 'system' || b.mode === 'system') return a.mode === b.mode
  if (a.mode === 'ca') return b.mode === 'ca' && a.caPem.trim() === b.caPem.trim()
  return b.mode === 'pin' && sameFingerprint(a.fingerprint256, b.fingerprint256)
}

function sameFingerprint(a: string, b: string): boolean {
  const canon = (fp: string) => fp.replace(/[^0-9a-f]/gi, '').toUpperCase()
  return canon(a) !== '' && canon(a) === canon(b)
}

/**
 * Whether the saved profile's key may sign for the draft (or stay with the profile re-saved as
 * `draft` without a new SK, handlers/profiles.ts): same address, AK and trust.
 */
export function storedKeyMayGo(
  saved: ServerProfile,
  draft: Pick<ServerDraft, 'serverUrl' | 'ak' | 'tls'>,
): boolean {
  const origin = checkServerUrl(draft.serverUrl)?.origin
  return (
    origin !== undefined &&
    origin === checkServerUrl(saved.serverUrl)?.origin &&
    draft.ak.trim() === saved.ak &&
    sameTrust(saved.tls, draft.tls)
  )
}

/**
 * The key to sign the draft's request with: the one typed in the form, else the saved profile's
 * stored key when storedKeyMayGo. AppError('validation') otherwise, before anything is sent.
 */
export async function secretForDraft(
  draft: ServerDraft,
  saved: ServerProfile | undefined,
  stored: (profileId: string) => Promise<string | null>,
): Promise<string> {
  if (draft.sk) return draft.sk
  if (!saved) throw new AppError('validation', msg('draftSecretMissing'), { field: 'sk' })
  if (!storedKeyMayGo(saved, draft)) {
    throw new AppError('validation', msg('draftSecretRefused'), { field: 'sk' })
  }
  const sk = await stored(saved.id)
  if (!sk) throw new AppError('validation', msg('draftSecretMissing'), { field: 'sk' })
  return sk
}

/**
 * Whether a request under this trust would accept the certificate the probe saw: a pin its
 * fingerprint; the system roots (or them plus the CA the probe was given) a verified chain.
 */
export function trustAccepts(tls: TlsSettings, cert: CertificateInfo): boolean {
  if (tls.mode === 'pin') return sameFingerprint(tls.fingerprint256, cert.fingerprint256)
  return cert.chainVerified
}
