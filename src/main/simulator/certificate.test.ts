import { X509Certificate, createPrivateKey } from 'node:crypto'
import { fingerprintOfPem } from '../tls/trust'
import * as certificate from './certificate'
import { generateCaAndLeaf, generateCertificate } from './certificate'

describe('certificates', () => {
  it('makes a self-signed localhost certificate with the Node-style fingerprint', async () => {
    const now = new Date('2024-06-01T08:00:00Z')
    const generated = await generateCertificate({ now, validDays: 3 })
    const cert = new X509Certificate(generated.certPem)
    expect(generated.fingerprint256).toBe(cert.fingerprint256)
    expect(generated.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/)
    expect(cert.subject).toContain('CN=localhost')
    expect(cert.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1')
    expect(cert.issuer).toBe(cert.subject)
    expect(cert.verify(cert.publicKey)).toBe(true)
    expect(cert.checkPrivateKey(createPrivateKey(generated.keyPem))).toBe(true)
    expect(new Date(cert.validTo).getTime() - now.getTime()).toBe(3 * 86_400_000)
    expect(new Date(cert.validFrom).getTime()).toBeLessThan(now.getTime())
  })

  it('makes a different certificate every time', async () => {
    const [a, b] = await Promise.all([generateCertificate(), generateCertificate()])
    expect(a.fingerprint256).not.toBe(b.fingerprint256)
  })

  it('makes a private CA and a leaf it signed', async () => {
    const pair = await generateCaAndLeaf()
    const ca = new X509Certificate(pair.caPem)
    const leaf = new X509Certificate(pair.certPem)
    expect(ca.ca).toBe(true)
    expect(leaf.ca).toBe(false)
    expect(leaf.checkIssued(ca)).toBe(true)
    expect(leaf.verify(ca.publicKey)).toBe(true)
    expect(leaf.subjectAltName).toContain('IP Address:127.0.0.1')
    expect(pair.fingerprint256).toBe(leaf.fingerprint256)
    expect(leaf.checkPrivateKey(createPrivateKey(pair.keyPem))).toBe(true)
  })

  it('reports fingerprints exactly as the TLS trust code computes them, with no formatter of its own', async () => {
    const [self, pair] = await Promise.all([generateCertificate(), generateCaAndLeaf()])
    expect(self.fingerprint256).toBe(fingerprintOfPem(self.certPem))
    expect(pair.fingerprint256).toBe(fingerprintOfPem(pair.certPem))
    expect(Object.keys(certificate)).not.toContain('fingerprint256')
  })
})
