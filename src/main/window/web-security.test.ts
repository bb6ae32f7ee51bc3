import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { CSP } from '../../shared/csp'
import { EXTERNAL_LINK_HOSTS, isSafeExternalUrl } from './web-security'

describe('isSafeExternalUrl', () => {
  it('allows documentation hosts only', () => {
    expect(EXTERNAL_LINK_HOSTS).toEqual(['support.huawei.com'])
  })

  it.each([
    'https://support.huawei.com/enterprise/en/doc/EDOC1100',
    'https://support.huawei.com/enterprise/en/doc/EDOC1100?idPath=1#section',
    'HTTPS://SUPPORT.HUAWEI.COM/',
    'https://support.huawei.com:443/x',
  ])('allows %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(true)
  })

  it.each([
    ['http: (even to an allowed host)', 'http://support.huawei.com/enterprise/'],
    ['a host not on the list', 'https://example.com/path?q=1#frag'],
    ['an IP address', 'https://10.10.1.5/help'],
    ['a look-alike subdomain', 'https://support.huawei.com.evil.example/'],
    ['another subdomain of the allowed host', 'https://x.support.huawei.com/'],
    ['a parent domain', 'https://huawei.com/'],
    ['a trailing-dot host', 'https://support.huawei.com./'],
    ['another port', 'https://support.huawei.com:8443/'],
    ['javascript:', 'javascript:alert(1)'],
    ['file:', 'file:///etc/passwd'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['a custom protocol', 'ms-settings:privacy'],
    ['another custom protocol', 'vscode://file/c:/x'],
    ['smb:', 'smb://server/share'],
    ['mailto:', 'mailto:a@b.c'],
    ['ftp:', 'ftp://example.com/x'],
    ['a user name', 'https://user@support.huawei.com/'],
    ['user and password', 'https://user:pw@support.huawei.com/'],
    ['a deceptive user name', 'https://support.huawei.com@evil.example/'],
    ['a relative URL', '/settings'],
    ['an empty string', ''],
    ['spaces', 'https://support.huawei.com/a b'],
    ['a newline', 'https://support.huawei.com/\nx'],
    ['a leading space', ' https://support.huawei.com/'],
    ['no host', 'https:///path'],
    ['backslashes', 'https:\\\\support.huawei.com/'],
    ['a single slash', 'https:/support.huawei.com/'],
    ['not a string', 42],
    ['a very long URL', `https://support.huawei.com/${'a'.repeat(3000)}`],
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
})
