/**
 * Certificate problems in plain words: the OpenSSL / Node codes a probe or a TLS failure reports
 * (verifyError, ErrorPayload.detail.cause) mapped to a reason the window can explain, and whether
 * the validity period has ended or is about to.
 */

export type CertReason = 'selfSigned' | 'unknownIssuer' | 'expired' | 'notYetValid' | 'wrongName'

const REASONS: Record<string, CertReason> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'selfSigned',
  SELF_SIGNED_CERT_IN_CHAIN: 'selfSigned',
  UNABLE_TO_GET_ISSUER_CERT: 'unknownIssuer',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unknownIssuer',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unknownIssuer',
  CERT_HAS_EXPIRED: 'expired',
  CERT_NOT_YET_VALID: 'notYetValid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'wrongName',
  HOSTNAME_MISMATCH: 'wrongName',
  IP_ADDRESS_MISMATCH: 'wrongName',
}

/** The reason for a verification code; null when the code is missing or not one of these. */
export function certReason(code: string | undefined): CertReason | null {
  return code !== undefined && Object.hasOwn(REASONS, code) ? REASONS[code]! : null
}

/** A certificate this close to its end gets a warning. */
export const EXPIRY_WARNING_MS = 14 * 86_400_000

export type ValidityWarning = 'expired' | 'expiresSoon' | 'notYetValid'

/** What to warn about the validity period at `now`; null when it is fine (or unreadable). */
export function validityWarning(
  validFrom: string,
  validTo: string,
  now: number,
): ValidityWarning | null {
  const from = Date.parse(validFrom)
  const to = Date.parse(validTo)
  if (!Number.isNaN(to) && to <= now) return 'expired'
  if (!Number.isNaN(from) && from > now) return 'notYetValid'
  if (!Number.isNaN(to) && to - now <= EXPIRY_WARNING_MS) return 'expiresSoon'
  return null
}
