import { X509Certificate } from 'node:crypto'
import { AppError } from '../../shared/errors'
import { msg } from '../../shared/messages'

/**
 * How one server profile decides whether to trust the server's certificate.
 * - system: the OS / Node bundled roots, normal chain and hostname checks.
 * - ca: a private CA added to (not replacing) the system roots, normal hostname checks.
 * - pin: trust exactly one certificate, by SHA-256 fingerprint (trust on first use).
 */
export type TlsTrust =
  { mode: 'system' } | { mode: 'ca'; caPem: string } | { mode: 'pin'; fingerprint256: string }

const FINGERPRINT_PREFIX = /^\s*sha-?256\s*[:/=]?\s*/i

/**
 * Normalizes a SHA-256 fingerprint as typed or pasted by a person ("ab cd …", "AB:CD:…",
 * "SHA256:…", "sha256/…") to the form Node reports: upper-case hex pairs joined by colons.
 */
export function normalizeFingerprint(input: string): string {
  const hex = input.replace(FINGERPRINT_PREFIX, '').replace(/[\s:]/g, '')
  if (!/^[0-9a-f]{64}$/i.test(hex)) {
    throw new AppError(
      'validation',
      /^[0-9a-f]*$/i.test(hex)
        ? msg('fingerprintDigits', { count: hex.length })
        : msg('fingerprintCharacters'),
      { field: 'fingerprint256' },
    )
  }
  return hex.toUpperCase().match(/../g)!.join(':')
}

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g

/** `index`: which certificate of several in the file (1-based); absent for the file itself. */
function notPem(index?: number): AppError {
  return new AppError(
    'validation',
    index === undefined ? msg('caFileNotPem') : msg('caCertificateNotPem', { index }),
    { field: 'caPem' },
  )
}

/**
 * The certificates in a PEM file (a CA file may hold a root and intermediates). Each block is
 * parsed so a wrong file is reported when it is chosen, not as a TLS failure later.
 */
export function parsePemCertificates(pem: string): string[] {
  const blocks = pem.match(PEM_CERT) ?? []
  if (blocks.length === 0) throw notPem()
  return blocks.map((block, i) => {
    try {
      return new X509Certificate(block).toString()
    } catch {
      throw notPem(blocks.length > 1 ? i + 1 : undefined)
    }
  })
}

/** Validates a CA PEM and returns it normalized (one PEM block per certificate). */
export function validateCaPem(pem: string): string {
  return parsePemCertificates(pem).join('')
}

/** SHA-256 fingerprint of the first certificate in a PEM, in normalized form. */
export function fingerprintOfPem(pem: string): string {
  const [first] = parsePemCertificates(pem)
  return new X509Certificate(first!).fingerprint256
}

/** Checks and normalizes a trust setting; throws AppError('validation') when it is unusable. */
export function validateTrust(trust: TlsTrust): TlsTrust {
  switch (trust.mode) {
    case 'system':
      return { mode: 'system' }
    case 'ca':
      return { mode: 'ca', caPem: validateCaPem(trust.caPem) }
    case 'pin':
      return { mode: 'pin', fingerprint256: normalizeFingerprint(trust.fingerprint256) }
  }
}
