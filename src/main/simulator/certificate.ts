import { webcrypto } from 'node:crypto'
import * as x509 from '@peculiar/x509'
import { fingerprintOfPem } from '../tls/trust'

/**
 * In-process certificates for the simulator: a self-signed leaf (the usual on-prem iSales setup)
 * or a private CA plus a leaf it signed (the "custom CA" trust mode). Nothing touches the disk.
 */

export interface GeneratedCertificate {
  certPem: string
  keyPem: string
  /** SHA-256 fingerprint, computed as everywhere else (tls/trust.ts fingerprintOfPem). */
  fingerprint256: string
}

export interface GeneratedCaAndLeaf extends GeneratedCertificate {
  caPem: string
}

export interface CertificateOptions {
  commonName?: string
  /** Validity after `now`; a few days is enough for tests and demos. */
  validDays?: number
  now?: Date
}

// @peculiar/x509 types its provider as the DOM Crypto; Node's webcrypto is that implementation.
const crypto = webcrypto as unknown as Parameters<typeof x509.X509CertificateGenerator.create>[1]
const EC_KEY: webcrypto.EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' }
const SIGNING: webcrypto.EcdsaParams = { name: 'ECDSA', hash: 'SHA-256' }
const DAY_MS = 86_400_000

function validity(options: CertificateOptions): { notBefore: Date; notAfter: Date } {
  const now = options.now ?? new Date()
  // Back-date an hour so a client whose clock runs slightly behind still accepts the cert.
  return {
    notBefore: new Date(now.getTime() - 3_600_000),
    notAfter: new Date(now.getTime() + (options.validDays ?? 7) * DAY_MS),
  }
}

async function newKeys(): Promise<webcrypto.CryptoKeyPair> {
  return webcrypto.subtle.generateKey(EC_KEY, true, ['sign', 'verify'])
}

async function keyPem(key: webcrypto.CryptoKey): Promise<string> {
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', key)
  return x509.PemConverter.encode(pkcs8, 'PRIVATE KEY')
}

async function leafExtensions(publicKey: webcrypto.CryptoKey): Promise<x509.Extension[]> {
  return [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
    new x509.SubjectAlternativeNameExtension([
      { type: 'dns', value: 'localhost' },
      { type: 'ip', value: '127.0.0.1' },
    ]),
    await x509.SubjectKeyIdentifierExtension.create(publicKey, false, crypto),
  ]
}

function finish(cert: x509.X509Certificate, key: string): GeneratedCertificate {
  const certPem = cert.toString('pem')
  return { certPem, keyPem: key, fingerprint256: fingerprintOfPem(certPem) }
}

/** Self-signed EC P-256 certificate for CN=localhost, SAN DNS:localhost and IP:127.0.0.1. */
export async function generateCertificate(
  options: CertificateOptions = {},
): Promise<GeneratedCertificate> {
  const keys = await newKeys()
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    {
      name: `CN=${options.commonName ?? 'localhost'}, O=iSales Simulator`,
      keys,
      signingAlgorithm: SIGNING,
      ...validity(options),
      extensions: await leafExtensions(keys.publicKey),
    },
    crypto,
  )
  return finish(cert, await keyPem(keys.privateKey))
}

/** A private CA and a localhost leaf signed by it; the server presents only the leaf. */
export async function generateCaAndLeaf(
  options: CertificateOptions = {},
): Promise<GeneratedCaAndLeaf> {
  const dates = validity(options)
  const caKeys = await newKeys()
  const caName = 'CN=iSales Simulator Test CA, O=iSales Simulator'
  const ca = await x509.X509CertificateGenerator.createSelfSigned(
    {
      name: caName,
      keys: caKeys,
      signingAlgorithm: SIGNING,
      ...dates,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(
          x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
          true,
        ),
        await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey, false, crypto),
      ],
    },
    crypto,
  )
  const leafKeys = await newKeys()
  const leaf = await x509.X509CertificateGenerator.create(
    {
      subject: `CN=${options.commonName ?? 'localhost'}, O=iSales Simulator`,
      issuer: ca.subject,
      publicKey: leafKeys.publicKey,
      signingKey: caKeys.privateKey,
      signingAlgorithm: SIGNING,
      ...dates,
      extensions: [
        ...(await leafExtensions(leafKeys.publicKey)),
        await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey, false, crypto),
      ],
    },
    crypto,
  )
  return { ...finish(leaf, await keyPem(leafKeys.privateKey)), caPem: ca.toString('pem') }
}
