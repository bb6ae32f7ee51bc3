import { webcrypto } from 'node:crypto'
import * as x509 from '@peculiar/x509'

/**
 * Test-only certificate factory: self-signed leaves and a private CA with leaves, generated
 * in-process (ECDSA P-256, fast) so tests need neither openssl nor fixture files.
 */

const crypto = webcrypto
const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const
const HOUR = 3_600_000

export interface Credentials {
  certPem: string
  keyPem: string
}

export interface LeafOptions {
  commonName?: string
  /** DNS names and IP addresses; default localhost and 127.0.0.1. */
  dns?: string[]
  ips?: string[]
  notBefore?: Date
  notAfter?: Date
}

export interface TestCa extends Credentials {
  issue(opts?: LeafOptions): Promise<Credentials>
}

let serial = 1
function nextSerial(): string {
  serial += 1
  return serial.toString(16).padStart(4, '0')
}

async function keyPair(): Promise<webcrypto.CryptoKeyPair> {
  return crypto.subtle.generateKey(ALG, true, ['sign', 'verify'])
}

async function keyPem(keys: webcrypto.CryptoKeyPair): Promise<string> {
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', keys.privateKey)
  return x509.PemConverter.encode(pkcs8, 'PRIVATE KEY')
}

function leafExtensions(opts: LeafOptions): x509.Extension[] {
  const names = [
    ...(opts.dns ?? ['localhost']).map((value) => ({ type: 'dns' as const, value })),
    ...(opts.ips ?? ['127.0.0.1']).map((value) => ({ type: 'ip' as const, value })),
  ]
  return [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
    new x509.SubjectAlternativeNameExtension(names),
  ]
}

function validity(opts: LeafOptions): { notBefore: Date; notAfter: Date } {
  return {
    notBefore: opts.notBefore ?? new Date(Date.now() - HOUR),
    notAfter: opts.notAfter ?? new Date(Date.now() + 24 * HOUR),
  }
}

export async function selfSignedLeaf(opts: LeafOptions = {}): Promise<Credentials> {
  const keys = await keyPair()
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: nextSerial(),
      name: `CN=${opts.commonName ?? 'localhost'}, O=iSales Test`,
      keys,
      signingAlgorithm: ALG,
      extensions: leafExtensions(opts),
      ...validity(opts),
    },
    crypto,
  )
  return { certPem: cert.toString('pem'), keyPem: await keyPem(keys) }
}

export async function createTestCa(commonName = 'iSales Test CA'): Promise<TestCa> {
  const caKeys = await keyPair()
  const caName = `CN=${commonName}, O=iSales Test`
  const caCert = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: nextSerial(),
      name: caName,
      keys: caKeys,
      signingAlgorithm: ALG,
      extensions: [
        new x509.BasicConstraintsExtension(true, undefined, true),
        new x509.KeyUsagesExtension(
          x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
          true,
        ),
      ],
      notBefore: new Date(Date.now() - HOUR),
      notAfter: new Date(Date.now() + 48 * HOUR),
    },
    crypto,
  )
  return {
    certPem: caCert.toString('pem'),
    keyPem: await keyPem(caKeys),
    async issue(opts: LeafOptions = {}): Promise<Credentials> {
      const keys = await keyPair()
      const cert = await x509.X509CertificateGenerator.create(
        {
          serialNumber: nextSerial(),
          subject: `CN=${opts.commonName ?? 'localhost'}, O=iSales Test`,
          issuer: caCert.subject,
          publicKey: keys.publicKey,
          signingKey: caKeys.privateKey,
          signingAlgorithm: ALG,
          extensions: [
            ...leafExtensions(opts),
            await x509.AuthorityKeyIdentifierExtension.create(caCert, false, crypto),
          ],
          ...validity(opts),
        },
        crypto,
      )
      return { certPem: cert.toString('pem'), keyPem: await keyPem(keys) }
    },
  }
}
