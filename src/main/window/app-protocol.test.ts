import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CSP } from '../../shared/csp'
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  APP_SCHEME_PRIVILEGES,
  bundlePathOf,
  serveBundleFile,
} from './app-protocol'

let base: string
let root: string

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'app-protocol-'))
  root = join(base, 'renderer')
  await mkdir(join(root, 'assets'), { recursive: true })
  await writeFile(join(root, 'index.html'), '<!doctype html><title>app</title>')
  await writeFile(join(root, 'assets', 'index-abc.js'), 'console.log(1)')
  await writeFile(join(root, 'assets', 'index-abc.css'), 'body{}')
  await writeFile(join(root, 'assets', 'font.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]))
  await writeFile(join(root, 'assets', 'icon.svg'), '<svg/>')
  await writeFile(join(root, 'assets', 'data.bin'), Buffer.from([1, 2, 3]))
  await writeFile(join(base, 'secret.txt'), 'outside the bundle')
  await writeFile(join(base, 'renderer-sibling.txt'), 'a sibling whose name starts like the root')
  await symlink(join(base, 'secret.txt'), join(root, 'assets', 'escape.txt'))
  await symlink(base, join(root, 'up'))
  await symlink(join(root, 'assets', 'index-abc.js'), join(root, 'alias.js'))
})

afterAll(async () => {
  await rm(base, { recursive: true, force: true })
})

const get = (path: string, method?: string) => serveBundleFile(`${APP_ORIGIN}${path}`, root, method)

describe('the app:// scheme handler', () => {
  it('serves index.html for the entry URL and the bare origin, with the CSP header', async () => {
    for (const url of [APP_ENTRY_URL, `${APP_ORIGIN}/`, APP_ORIGIN, `${APP_ORIGIN}/?x=1#/tasks`]) {
      const res = await serveBundleFile(url, root)
      expect(res.status, url).toBe(200)
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(res.headers.get('content-security-policy')).toBe(CSP)
      expect(await res.text()).toBe('<!doctype html><title>app</title>')
    }
  })

  it.each([
    ['/assets/index-abc.js', 'text/javascript; charset=utf-8'],
    ['/assets/index-abc.css', 'text/css; charset=utf-8'],
    ['/assets/font.woff2', 'font/woff2'],
    ['/assets/icon.svg', 'image/svg+xml'],
    ['/assets/data.bin', 'application/octet-stream'],
    ['/alias.js', 'text/javascript; charset=utf-8'],
  ])('serves %s as %s, never sniffed', async (path, type) => {
    const res = await get(path)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe(type)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('content-security-policy')).toBe(CSP)
  })

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('/index.html', 'HEAD')
    expect(head.status).toBe(200)
    expect(head.body).toBeNull()
    const post = await get('/index.html', 'POST')
    expect(post.status).toBe(405)
    expect(post.headers.get('content-security-policy')).toBe(CSP)
  })

  it('answers 404, with the CSP header, for a missing file or a folder', async () => {
    for (const path of ['/missing.js', '/assets', '/assets/nothing/here.css']) {
      const res = await get(path)
      expect(res.status, path).toBe(404)
      expect(res.headers.get('content-security-policy'), path).toBe(CSP)
      expect(await res.text()).toBe('')
    }
  })

  it.each([
    ['a .. segment', '/../secret.txt'],
    ['a nested .. segment', '/assets/../../secret.txt'],
    ['a trailing ..', '/assets/..'],
    ['a . segment', '/./index.html'],
    ['an encoded ..', '/%2e%2e/secret.txt'],
    ['an upper-case encoded ..', '/%2E%2E/secret.txt'],
    ['a half-encoded ..', '/.%2e/secret.txt'],
    ['an encoded slash', '/assets%2f..%2f..%2fsecret.txt'],
    ['a backslash', '/assets\\..\\..\\secret.txt'],
    ['an encoded backslash', '/assets%5c..%5c..%5csecret.txt'],
    ['an absolute path after a double slash', '//etc/passwd'],
    ['an encoded absolute path', '/%2fetc%2fpasswd'],
    ['a Windows drive', '/C:/Windows/win.ini'],
    ['an encoded NUL', '/index.html%00.js'],
    ['a broken escape', '/%E0%A4%A'],
    ['an empty segment', '/assets//index-abc.js'],
  ])('refuses %s (%s)', async (_, path) => {
    const res = await get(path)
    expect(res.status).toBe(403)
    expect(res.headers.get('content-security-policy')).toBe(CSP)
    expect(await res.text()).toBe('')
  })

  it('refuses a symlink that leads out of the folder, also through a linked folder', async () => {
    for (const path of ['/assets/escape.txt', '/up/secret.txt', '/up/renderer-sibling.txt']) {
      const res = await get(path)
      expect(res.status, path).toBe(403)
      expect(await res.text()).toBe('')
    }
  })

  it.each([
    ['file://', 'file:///etc/passwd'],
    ['another host', 'app://other/index.html'],
    ['a host with a port', 'app://bundle:80/index.html'],
    ['a user name', 'app://x@bundle/index.html'],
    ['a look-alike host', 'app://bundlex/index.html'],
    ['http', 'http://bundle/index.html'],
  ])('refuses a request that is not app://bundle: %s', async (_, url) => {
    const res = await serveBundleFile(url, root)
    expect(res.status).toBe(403)
    expect(res.headers.get('content-security-policy')).toBe(CSP)
  })

  it('answers 404 when the folder itself is missing', async () => {
    const res = await serveBundleFile(APP_ENTRY_URL, join(base, 'not-built'))
    expect(res.status).toBe(404)
  })

  it('reads plain names only', () => {
    expect(bundlePathOf(`${APP_ORIGIN}/assets/a%20b.js`)).toEqual(['assets', 'a b.js'])
    expect(bundlePathOf(`${APP_ORIGIN}/assets/index.js?v=1`)).toEqual(['assets', 'index.js'])
    expect(bundlePathOf(`${APP_ORIGIN}/a/%2e%2e/b`)).toBeNull()
  })

  it('is registered as a standard, secure scheme that cannot bypass the CSP', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({
      standard: true,
      secure: true,
      supportFetchAPI: true,
    })
    expect(APP_SCHEME_PRIVILEGES).not.toHaveProperty('bypassCSP')
    expect(APP_SCHEME_PRIVILEGES).not.toHaveProperty('corsEnabled')
    expect(APP_SCHEME_PRIVILEGES).not.toHaveProperty('allowServiceWorkers')
  })

  it("keeps V8's code cache between starts, as the bench's http origin does (standard is required for it)", () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ codeCache: true, standard: true })
  })
})
