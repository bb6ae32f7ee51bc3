import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { clearSlot, readRegularFile, setAside, shapeOf, WrongShape } from './file-shape'

let dir: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'file-shape-'))
})

afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('readRegularFile', () => {
  it('reads a plain file and says ENOENT for a missing one', async () => {
    await writeFile(join(dir, 'a'), 'text')
    expect(await readRegularFile(join(dir, 'a'))).toBe('text')
    await expect(readRegularFile(join(dir, 'none'))).rejects.toMatchObject({ code: 'ENOENT' })
  })

  it('refuses a folder', async () => {
    await mkdir(join(dir, 'f'))
    await expect(readRegularFile(join(dir, 'f'))).rejects.toEqual(
      new WrongShape(join(dir, 'f'), 'folder'),
    )
  })

  it.runIf(process.platform !== 'win32')('refuses a link without reading through it', async () => {
    await writeFile(join(dir, 'target'), 'secret elsewhere')
    await symlink(join(dir, 'target'), join(dir, 'link'))
    const err = await readRegularFile(join(dir, 'link')).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(WrongShape)
    expect((err as WrongShape).found).toBe('link')
  })

  it.runIf(process.platform === 'linux')(
    'refuses a named pipe instead of hanging on it',
    async () => {
      execFileSync('mkfifo', [join(dir, 'pipe')])
      const err = await readRegularFile(join(dir, 'pipe')).catch((e: unknown) => e)
      expect((err as WrongShape).found).toBe('other')
    },
  )
})

describe('clearSlot', () => {
  it.runIf(process.platform !== 'win32')(
    'moves a link aside (the link itself) and leaves what it points to alone',
    async () => {
      await writeFile(join(dir, 'target'), 'theirs')
      await symlink(join(dir, 'target'), join(dir, 'slot'))
      const cleared = await clearSlot(join(dir, 'slot'), 'file', (p) => setAside(p, 'broken'))
      expect(cleared?.found).toBe('link')
      expect(await shapeOf(cleared!.movedTo)).toBe('link')
      expect(await shapeOf(join(dir, 'slot'))).toBe('missing')
      expect(await readFile(join(dir, 'target'), 'utf8')).toBe('theirs')
    },
  )

  it('leaves the right shape, and nothing, alone', async () => {
    await writeFile(join(dir, 'file'), 'x')
    const never = () => Promise.reject(new Error('must not move'))
    expect(await clearSlot(join(dir, 'file'), 'file', never)).toBeNull()
    expect(await clearSlot(join(dir, 'none'), 'file', never)).toBeNull()
    expect(await clearSlot(dir, 'folder', never)).toBeNull()
  })
})
