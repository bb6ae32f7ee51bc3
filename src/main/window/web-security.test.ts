import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { CSP } from '../../shared/csp'
import { isSafeExternalUrl, withCspHeader } from './web-security'

describe('isSafeExternalUrl', () => {
  it.each([
    'https://support.huawei.com/enterprise/en/doc/EDOC1100',
    'http://10.10.1.5:8080/help',
    'https://example.com/path?q=1#frag',
    'HTTPS://EXAMPLE.COM/',
  ])('allows %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(true)
  })

  it.each([
    ['javascript:', 'javascript:alert(1)'],
    ['file:', 'file:///etc/passwd'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['a custom protocol', 'ms-settings:privacy'],
    ['another custom protocol', 'vscode://file/c:/x'],
    ['smb:', 'smb://server/share'],
    ['mailto:', 'mailto:a@b.c'],
    ['ftp:', 'ftp://example.com/x'],
    ['a user name', 'https://user@example.com/'],
    ['user and password', 'https://user:pw@example.com/'],
    ['a deceptive user name', 'https://support.huawei.com@evil.example/'],
    ['a relative URL', '/settings'],
    ['an empty string', ''],
    ['spaces', 'https://example.com/a b'],
    ['a newline', 'https://example.com/\nx'],
    ['a leading space', ' https://example.com/'],
    ['no host', 'http:///path'],
    ['backslashes', 'https:\\\\evil.example/'],
    ['a single slash', 'https:/evil.example/'],
    ['not a string', 42],
    ['a very long URL', `https://example.com/${'a'.repeat(3000)}`],
  ])('refuses %s', (_, url) => {
    expect(isSafeExternalUrl(url)).toBe(false)
  })
})

describe('CSP', () => {
  it('is strict: own scripts only, no remote connections, no objects, no framing', () => {
    const directives = new Map(
      CSP.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/)
        return [name!, values]
      }),
    )
    expect(directives.get('script-src')).toEqual(["'self'"])
    expect(directives.get('connect-src')).toEqual(["'self'"])
    expect(directives.get('default-src')).toEqual(["'self'"])
    expect(directives.get('object-src')).toEqual(["'none'"])
    expect(directives.get('frame-ancestors')).toEqual(["'none'"])
    expect(CSP).not.toMatch(/unsafe-eval|\*|https?:/)
  })

  it('equals the <meta> in src/renderer/index.html', () => {
    const html = readFileSync(resolve(__dirname, '../../renderer/index.html'), 'utf8')
    const meta = html.match(
      /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/?>/i,
    )
    expect(meta?.[1]).toBe(CSP)
  })

  it('replaces any CSP header of a response and keeps the other headers', () => {
    expect(
      withCspHeader({
        'content-security-policy': ['default-src *'],
        'Content-Type': ['text/html'],
      }),
    ).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CSP] })
    expect(withCspHeader(undefined)).toEqual({ 'Content-Security-Policy': [CSP] })
  })
})
