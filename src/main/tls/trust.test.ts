import { X509Certificate } from 'node:crypto'
import { AppError } from '../../shared/errors'
import { createTestCa, selfSignedLeaf } from '../testing/tls-certs'
import {
  fingerprintOfPem,
  normalizeFingerprint,
  parsePemCertificates,
  validateCaPem,
  validateTrust,
} from './trust'

const HEX = 'ab'.repeat(16) + '0123456789abcdef'.repeat(2)
const CANONICAL = HEX.toUpperCase().match(/../g)!.join(':')

function validationError(fn: () => unknown): AppError {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(AppError)
    expect((e as AppError).code).toBe('validation')
    return e as AppError
  }
  throw new Error('expected a validation error')
}

describe('normalizeFingerprint', () => {
  it.each([
    ['64 lower-case hex digits', HEX],
    ['upper-case colon pairs', CANONICAL],
    ['lower-case colon pairs', CANONICAL.toLowerCase()],
    ['space-separated pairs', CANONICAL.replace(/:/g, ' ')],
    ['surrounding whitespace and newline', `  ${CANONICAL}\n`],
    ['sha256/ prefix', `sha256/${HEX}`],
    ['SHA256: prefix', `SHA256:${CANONICAL}`],
    ['SHA-256 prefix with space', `SHA-256 ${CANONICAL}`],
  ])('accepts %s', (_label, input) => {
    expect(normalizeFingerprint(input)).toBe(CANONICAL)
  })

  it('matches the form Node reports', async () => {
    const { certPem } = await selfSignedLeaf()
    const node = new X509Certificate(certPem).fingerprint256
    expect(normalizeFingerprint(node.replace(/:/g, '').toLowerCase())).toBe(node)
  })

  it('rejects a SHA-1 fingerprint with the digit count', () => {
    const e = validationError(() => normalizeFingerprint('ab'.repeat(20)))
    expect(e.message).toContain('40 hexadecimal digits')
    expect(e.message).toContain('64 hexadecimal digits')
  })

  it.each([
    ['empty', ''],
    ['too long', HEX + 'ab'],
    ['non-hex', HEX.slice(0, 62) + 'zz'],
    ['base64 SPKI pin', 'sha256/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='],
  ])('rejects %s', (_label, input) => {
    validationError(() => normalizeFingerprint(input))
  })
})

describe('CA PEM validation', () => {
  it('accepts a PEM certificate and computes its fingerprint', async () => {
    const ca = await createTestCa()
    expect(validateCaPem(ca.certPem)).toContain('-----BEGIN CERTIFICATE-----')
    expect(fingerprintOfPem(ca.certPem)).toBe(new X509Certificate(ca.certPem).fingerprint256)
  })

  it('keeps every certificate of a bundle', async () => {
    const a = await createTestCa('A')
    const b = await createTestCa('B')
    const certs = parsePemCertificates(`# bundle\n${a.certPem}\n${b.certPem}`)
    expect(certs.map((c) => new X509Certificate(c).subject)).toEqual([
      'CN=A\nO=iSales Test',
      'CN=B\nO=iSales Test',
    ])
  })

  it('rejects a file that is not a PEM certificate', async () => {
    const ca = await createTestCa()
    expect(validationError(() => validateCaPem(ca.keyPem)).message).toContain(
      '-----BEGIN CERTIFICATE-----',
    )
    validationError(() => validateCaPem('hello'))
    validationError(() =>
      validateCaPem('-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----'),
    )
  })

  it('validateTrust normalizes pins and rejects bad settings', () => {
    expect(validateTrust({ mode: 'pin', fingerprint256: HEX })).toEqual({
      mode: 'pin',
      fingerprint256: CANONICAL,
    })
    expect(validateTrust({ mode: 'system' })).toEqual({ mode: 'system' })
    validationError(() => validateTrust({ mode: 'ca', caPem: 'nope' }))
    validationError(() => validateTrust({ mode: 'pin', fingerprint256: 'nope' }))
  })
})
