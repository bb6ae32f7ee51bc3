import fc from 'fast-check'
import { redact, redactText, REDACTED, secretForms } from './redact'

const SK = 'Sk+/v3ry=Secret-0123456789abcdef'

/** Every spelling of a secret a server, a library or a URL may produce, computed independently. */
function spellings(secret: string): Record<string, string> {
  const bytes = Buffer.from(secret, 'utf8')
  const hex = bytes.toString('hex')
  const every = [...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')
  return {
    exact: secret,
    upper: secret.toUpperCase(),
    lower: secret.toLowerCase(),
    base64: bytes.toString('base64'),
    base64NoPadding: bytes.toString('base64').replace(/=+$/, ''),
    base64url: bytes.toString('base64url'),
    hexLower: hex,
    hexUpper: hex.toUpperCase(),
    percent: encodeURIComponent(secret),
    percentLowerHex: encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
    percentEveryByte: every,
    percentEveryByteUpper: every.toUpperCase(),
    form: new URLSearchParams({ k: secret }).toString().slice(2),
    rfc3986: encodeURIComponent(secret).replace(
      /[!'()*]/g,
      (c) => `%${c.charCodeAt(0).toString(16)}`,
    ),
    json: JSON.stringify(secret).slice(1, -1),
  }
}

describe('redactText: every form of a registered secret', () => {
  it.each(Object.entries(spellings(SK)))('masks the %s form', (_name, form) => {
    const out = redactText(`server said: <${form}> end`, [SK])
    expect(out).not.toContain(form)
    expect(out).toContain(REDACTED)
    expect(out.startsWith('server said: <')).toBe(true)
  })

  it('leaves no form of a random secret in random surrounding text', () => {
    const secret = fc.oneof(
      fc.string({ minLength: 4, maxLength: 40, unit: 'grapheme' }),
      fc.string({ minLength: 4, maxLength: 40, unit: 'binary' }),
    )
    const around = fc.string({ maxLength: 30 })
    fc.assert(
      fc.property(secret, around, around, (sk, before, after) => {
        for (const [name, form] of Object.entries(spellings(sk))) {
          const out = redactText(before + form + after, [sk])
          if (out.includes(form))
            throw new Error(`the ${name} form ${JSON.stringify(form)} survived`)
        }
      }),
      { numRuns: 1000 },
    )
  })

  it('leaves no form of a random ASCII secret (a real SK) in random surrounding text', () => {
    const secret = fc.string({ minLength: 8, maxLength: 64, unit: 'binary-ascii' })
    fc.assert(
      fc.property(secret, fc.string(), fc.string(), (sk, before, after) => {
        for (const [name, form] of Object.entries(spellings(sk))) {
          const out = redactText(before + form + after, [sk])
          if (out.includes(form))
            throw new Error(`the ${name} form ${JSON.stringify(form)} survived`)
        }
      }),
      { numRuns: 300 },
    )
  })

  it('masks the secret inside a longer base64 blob, at every alignment', () => {
    for (const prefix of ['', 'x', 'xy', 'user:', 'Basic ak:']) {
      const blob = Buffer.from(`${prefix}${SK}@host`).toString('base64')
      const out = redactText(`token ${blob}`, [SK])
      expect(out).toContain(REDACTED)
      // What is left cannot be decoded back to the secret.
      expect(Buffer.from(out.slice(6).replace(/\*/g, ''), 'base64').toString()).not.toContain(SK)
    }
  })

  it('masks a secret spelt by a masked neighbour and a leftover (no form survives a replacement)', () => {
    const sk = '***a'
    expect(redactText('***aa', [sk])).not.toContain(sk)
  })

  it('masks upper-case text of a secret whose letters fold oddly (ſ, K)', () => {
    expect(redactText('S Ω ', ['ſ Ω '])).toBe(REDACTED)
    expect(redactText('key \u212Aelvin-secret', ['kelvin-secret'])).toBe(`key ${REDACTED}`)
  })

  it('masks a secret shorter than 4 characters only as it is, in any case, not its encodings', () => {
    expect(redactText('is read: x X', ['x'])).toBe('is read: *** ***')
    // base64 of "x" is "eA": masking it would blank "read".
    expect(redactText('is read only', ['x'])).toBe('is read only')
  })

  it('leaves ordinary text alone', () => {
    const text = 'Imported 120 records, 3 failed (campaign 1001, task 2024)'
    expect(redactText(text, [SK])).toBe(text)
    expect(secretForms(SK)).toContain(SK)
  })
})

describe('redactText: signatures and Authorization headers', () => {
  const signature = 'auth-v2/AK123/2026-01-02T03:04:05Z/host;content-type/' + 'ab'.repeat(32)

  it.each([
    ['plain', `bad signature ${signature} (check clock)`],
    ['in JSON', JSON.stringify({ echo: { received: signature } })],
    ['JSON with escaped slashes', `{"header":"${signature.replace(/\//g, '\\/')}"}`],
    ['percent-encoded', `?auth=${encodeURIComponent(signature)}&x=1`],
    ['upper case', signature.toUpperCase()],
  ])('masks a C2 signature echoed %s', (_name, text) => {
    const out = redactText(text)
    expect(out).toContain(`auth-v2/${REDACTED}`)
    expect(out.toLowerCase()).not.toContain('ab'.repeat(32))
    expect(out.toLowerCase()).not.toContain('ak123')
  })

  it.each([
    ['Authorization: Bearer abc.def.ghi', 'Authorization: ***'],
    ['authorization=SDK-HMAC-SHA256 sig', 'authorization=***'],
    ['{"Authorization":"Basic dXNlcjpwYXNz","x":1}', '{"Authorization":"***","x":1}'],
  ])('masks an Authorization header value in %j', (text, masked) => {
    expect(redactText(text)).toBe(masked)
  })

  it('keeps text that only names the header', () => {
    expect(redactText('Authorization failed: check the keys')).toBe(
      'Authorization failed: check the keys',
    )
  })

  it('masks signatures in nested values and errors too', () => {
    const out = JSON.stringify(redact({ error: new Error(`echo ${signature}`), list: [signature] }))
    expect(out).not.toContain('ab'.repeat(32))
  })
})
