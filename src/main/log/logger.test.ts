import { lstat, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createLogger, formatLine, logsDirFor, MIN_SECRET_LENGTH } from './logger'
import { redact } from './redact'

let root: string

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'logger-'))
})

afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

const fixedTime = () => new Date('2025-03-04T05:06:07.089Z')

describe('createLogger', () => {
  it('writes one line per entry in <userDataDir>/logs/main.log', async () => {
    const log = createLogger({ dir: logsDirFor(root), now: fixedTime })
    expect(log.file).toBe(join(root, 'logs', 'main.log'))
    log.info('window created', { width: 1280 })
    log.warn('multi\nline message')
    log.error('failed', { error: new Error('boom') })
    const lines = (await readFile(log.file, 'utf8')).split('\n')
    expect(lines).toHaveLength(4)
    expect(lines[0]).toBe('2025-03-04T05:06:07.089Z INFO  window created {"width":1280}')
    expect(lines[1]).toBe('2025-03-04T05:06:07.089Z WARN  multi\\nline message')
    expect(lines[2]).toMatch(/^2025-03-04T05:06:07.089Z ERROR failed \{"error":\{"name":"Error"/)
    expect(JSON.parse(lines[2]!.slice(lines[2]!.indexOf('{'))).error.message).toBe('boom')
    expect(lines[3]).toBe('')
  })

  it('rotates at the size limit and keeps three files in all', async () => {
    const dir = logsDirFor(root)
    const log = createLogger({ dir, maxBytes: 200, now: fixedTime })
    const line = formatLine(fixedTime(), 'info', 'x'.repeat(40), undefined)
    const perFile = Math.floor(200 / Buffer.byteLength(line))
    const total = perFile * 5 + 1
    for (let i = 0; i < total; i++) log.info(`${String(i).padStart(3, '0')}${'x'.repeat(37)}`)

    expect((await readdir(dir)).sort()).toEqual(['main.log', 'main.log.1', 'main.log.2'])
    for (const name of ['main.log', 'main.log.1', 'main.log.2']) {
      const text = await readFile(join(dir, name), 'utf8')
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(200)
    }
    // The newest entry is in main.log, the older ones shifted down; the oldest were dropped.
    const current = await readFile(join(dir, 'main.log'), 'utf8')
    expect(current).toContain(String(total - 1).padStart(3, '0'))
    const older = await readFile(join(dir, 'main.log.2'), 'utf8')
    expect(older).not.toContain(' 000x')
  })

  it('continues an existing file and counts its size', async () => {
    const dir = logsDirFor(root)
    createLogger({ dir }).info('first')
    await writeFile(join(dir, 'main.log'), 'y'.repeat(150), { flag: 'a' })
    const log = createLogger({ dir, maxBytes: 200 })
    log.info('second entry that does not fit')
    expect((await readdir(dir)).sort()).toEqual(['main.log', 'main.log.1'])
    expect(await readFile(join(dir, 'main.log.1'), 'utf8')).toContain('first')
  })

  it('redacts secret keys and registered secret strings, nested and in errors', async () => {
    const sk = 'S3cr3t-SK-value-0123456789'
    const log = createLogger({ dir: logsDirFor(root) })
    log.addSecret(sk)
    log.info(`signing with ${sk}`, {
      profile: { name: 'Shanghai', secret: { sk, sessionOnly: false } },
      headers: { Authorization: 'SDK-HMAC-SHA256 abc', 'Content-Type': 'application/json' },
      list: [{ SK: sk }, { Password: 'hunter2' }, `text ${sk} text`],
    })
    const err = new Error(`keychain refused ${sk}`, { cause: new Error(`inner ${sk}`) })
    log.error('keychain failed', { error: err })
    const text = await readFile(log.file, 'utf8')
    expect(text).not.toContain(sk)
    expect(text).not.toContain('hunter2')
    expect(text).not.toContain('SDK-HMAC-SHA256 abc')
    expect(text).toContain('signing with ***')
    expect(text).toContain('"Content-Type":"application/json"')
    expect(text).toContain('keychain refused ***')
    expect(text).toContain('inner ***')
  })

  it('ignores secrets too short to be an SK, which would blank common text', async () => {
    const log = createLogger({ dir: logsDirFor(root), now: fixedTime })
    expect(MIN_SECRET_LENGTH).toBe(4)
    for (const short of ['', 'a', 'e ', 'abc']) log.addSecret(short)
    log.addSecret('abcd')
    log.info('a cabbage, abcdef')
    expect(await readFile(log.file, 'utf8')).toContain('INFO  a cabbage, ***ef\n')
  })

  it('removeSecret stops redacting that secret only', async () => {
    const log = createLogger({ dir: logsDirFor(root), now: fixedTime })
    log.addSecret('first-SK-0001')
    log.addSecret('second-SK-0002')
    log.info('one first-SK-0001 second-SK-0002')
    log.removeSecret('first-SK-0001')
    log.removeSecret('never-added')
    log.info('two first-SK-0001 second-SK-0002')
    const lines = (await readFile(log.file, 'utf8')).split('\n')
    expect(lines[0]).toMatch(/INFO {2}one \*\*\* \*\*\*$/)
    expect(lines[1]).toMatch(/INFO {2}two first-SK-0001 \*\*\*$/)
  })

  it('never throws when the file cannot be written and tells stderr once', () => {
    const blocker = join(root, 'not-a-dir')
    const out: string[] = []
    return writeFile(blocker, 'a file where the logs folder should be').then(() => {
      const log = createLogger({ dir: join(blocker, 'logs'), stderr: (t) => out.push(t) })
      log.addSecret('sekrit-value')
      expect(() => log.info('one sekrit-value')).not.toThrow()
      expect(() => log.error('two', { error: new Error('x') })).not.toThrow()
      const notices = out.filter((t) => t.startsWith('Cannot write the log file'))
      expect(notices).toHaveLength(1)
      expect(out.some((t) => t.includes('INFO  one ***'))).toBe(true)
      expect(out.join('')).not.toContain('sekrit-value')
    })
  })

  it.skipIf(process.platform === 'win32')(
    'creates the log file readable by its owner only (0600), in a folder only its owner can open (0700)',
    async () => {
      const log = createLogger({ dir: logsDirFor(root) })
      log.info('first entry')
      expect((await lstat(log.file)).mode & 0o777).toBe(0o600)
      expect((await lstat(logsDirFor(root))).mode & 0o777).toBe(0o700)
    },
  )

  it('sets a folder in place of the log file aside and logs on (saying so)', async () => {
    const dir = logsDirFor(root)
    await mkdir(join(dir, 'main.log', 'inside'), { recursive: true })
    const out: string[] = []
    const log = createLogger({ dir, stderr: (t) => out.push(t) })
    log.info('after the folder')
    const text = await readFile(log.file, 'utf8')
    expect(text).toContain('INFO  after the folder')
    expect(text).toMatch(
      /WARN {2}Something other than a file was in the log’s place.*"found":"folder"/,
    )
    expect((await readdir(dir)).filter((n) => n.startsWith('main.log.broken-'))).toHaveLength(1)
    expect(out).toEqual([])
  })

  describe.runIf(process.platform !== 'win32')('never writes through a symlink', () => {
    it('at the log file: the link is set aside and the target left untouched', async () => {
      const dir = logsDirFor(root)
      await mkdir(dir)
      const outside = join(root, 'outside.txt')
      await writeFile(outside, 'not a log\n')
      await symlink(outside, join(dir, 'main.log'))
      const log = createLogger({ dir, stderr: () => undefined })
      log.info('private line')
      expect(await readFile(outside, 'utf8')).toBe('not a log\n')
      expect((await lstat(log.file)).isFile()).toBe(true)
      expect(await readFile(log.file, 'utf8')).toContain('private line')
    })

    it('at the log file planted after start: that line goes to stderr, the next heals', async () => {
      const dir = logsDirFor(root)
      const outside = join(root, 'outside.txt')
      await writeFile(outside, 'not a log\n')
      const out: string[] = []
      const log = createLogger({ dir, stderr: (t) => out.push(t) })
      log.info('first')
      await rm(log.file)
      await symlink(outside, log.file)
      log.info('second')
      log.info('third')
      expect(await readFile(outside, 'utf8')).toBe('not a log\n')
      expect(out.some((t) => t.includes('INFO  second'))).toBe(true)
      expect(await readFile(log.file, 'utf8')).toContain('INFO  third')
    })

    it('at the logs folder: nothing lands where it points', async () => {
      const elsewhere = join(root, 'elsewhere')
      await mkdir(elsewhere)
      await symlink(elsewhere, logsDirFor(root))
      const log = createLogger({ dir: logsDirFor(root), stderr: () => undefined })
      log.info('private line')
      expect(await readdir(elsewhere)).toEqual([])
      expect((await lstat(logsDirFor(root))).isDirectory()).toBe(true)
      expect(await readFile(log.file, 'utf8')).toContain('private line')
    })
  })

  it('survives a stderr that throws too', () => {
    const log = createLogger({
      dir: join(root, 'x\0bad'),
      stderr: () => {
        throw new Error('EPIPE')
      },
    })
    expect(() => log.warn('still fine')).not.toThrow()
  })
})

describe('redact', () => {
  it('handles circular references, dates and bigints', () => {
    const a: Record<string, unknown> = { when: new Date(0), n: 10n }
    a['self'] = a
    expect(redact(a)).toEqual({ when: '1970-01-01T00:00:00.000Z', n: '10', self: '[Circular]' })
  })

  it('keeps non-secret keys that merely contain a secret word', () => {
    expect(redact({ secretStorage: 'keychain', hasSecret: true, skip: 1 })).toEqual({
      secretStorage: 'keychain',
      hasSecret: true,
      skip: 1,
    })
  })
})
