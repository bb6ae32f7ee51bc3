import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { formatMessage } from '../../shared/messages'
import { DEFAULT_SETTINGS } from '../../shared/profile'
import { SettingsStore } from './settings-store'

let dir: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'settings-store-'))
})

afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const file = () => join(dir, 'settings.json')

describe('SettingsStore', () => {
  it('uses the defaults without a file', async () => {
    const { store, problem } = await SettingsStore.open(dir)
    expect(problem).toBeUndefined()
    expect(store.get()).toEqual(DEFAULT_SETTINGS)
    expect(await readdir(dir)).toEqual([])
  })

  it('updates, persists in a versioned file and reads back', async () => {
    const { store } = await SettingsStore.open(dir)
    const next = await store.update({ refreshIntervalSec: 30, theme: 'dark' })
    expect(next).toEqual({ ...DEFAULT_SETTINGS, refreshIntervalSec: 30, theme: 'dark' })
    expect(await store.update({ csvBom: false })).toEqual({ ...next, csvBom: false })
    expect(JSON.parse(await readFile(file(), 'utf8'))).toEqual({
      version: 1,
      settings: { ...next, csvBom: false },
    })
    expect(await readdir(dir)).toEqual(['settings.json'])
    const reopened = await SettingsStore.open(dir)
    expect(reopened.problem).toBeUndefined()
    expect(reopened.store.get()).toEqual({ ...next, csvBom: false })
  })

  it('returns copies', async () => {
    const { store } = await SettingsStore.open(dir)
    store.get().refreshIntervalSec = 1
    expect(store.get().refreshIntervalSec).toBe(15)
  })

  it('refuses invalid patches with plain messages and keeps the settings', async () => {
    const { store } = await SettingsStore.open(dir)
    await expect(store.update({ refreshIntervalSec: 4 })).rejects.toMatchObject({
      code: 'validation',
      message: 'The refresh interval must be a whole number of seconds from 5 to 3600.',
      detail: { field: 'refreshIntervalSec' },
    })
    await expect(store.update({ refreshIntervalSec: 7.5 })).rejects.toMatchObject({
      code: 'validation',
    })
    await expect(store.update({ theme: 'pink' } as never)).rejects.toThrow(
      'The theme must be system, light or dark.',
    )
    await expect(store.update({ windowBounds: {} } as never)).rejects.toThrow(
      'Unknown setting: windowBounds.',
    )
    expect(store.get()).toEqual(DEFAULT_SETTINGS)
    expect(await readdir(dir)).toEqual([])
    expect((await store.update({ refreshIntervalSec: 5 })).refreshIntervalSec).toBe(5)
  })

  it('fills settings missing from the file with defaults and drops unknown ones', async () => {
    await writeFile(file(), JSON.stringify({ version: 1, settings: { theme: 'light', old: 1 } }))
    const { store, problem } = await SettingsStore.open(dir)
    expect(problem).toBeUndefined()
    expect(store.get()).toEqual({ ...DEFAULT_SETTINGS, theme: 'light' })
  })

  it('keeps a broken file aside, uses the defaults and says so', async () => {
    await writeFile(file(), '{"version":1,"settings":')
    const { store, problem } = await SettingsStore.open(dir)
    expect(store.get()).toEqual(DEFAULT_SETTINGS)
    const [kept] = await readdir(dir)
    expect(kept).toMatch(/^settings\.json\.broken-/)
    expect(problem?.message).toBe(
      `Your settings could not be read (it is not valid JSON); the file was kept as ${kept} ` +
        '(in the same folder), and the default settings are used.',
    )
    // The window says it in its own language from the message id.
    expect(formatMessage('zh-CN', problem!.messageId!, problem!.params)).toBe(
      `无法读取您的设置（内容不是有效的 JSON）；该文件已另存为 ${kept}（在同一文件夹中），现在使用默认设置。`,
    )
    await store.update({ notifications: false })
    expect((await readdir(dir)).sort()).toEqual([kept, 'settings.json'].sort())
  })

  it('keeps aside a file with an invalid value', async () => {
    await writeFile(file(), JSON.stringify({ version: 1, settings: { refreshIntervalSec: 1 } }))
    const { store, problem } = await SettingsStore.open(dir)
    expect(problem?.message).toMatch(/refresh interval/)
    expect(store.get()).toEqual(DEFAULT_SETTINGS)
  })

  it('keeps aside a file from a newer version', async () => {
    await writeFile(file(), JSON.stringify({ version: 5, settings: {} }))
    const { problem } = await SettingsStore.open(dir)
    expect(problem?.message).toMatch(/newer version .*format version 5/)
    expect((await readdir(dir))[0]).toMatch(/^settings\.json\.newer-/)
  })

  it('serializes concurrent updates so the file holds all of them', async () => {
    const { store } = await SettingsStore.open(dir)
    await Promise.all([
      store.update({ theme: 'dark' }),
      store.update({ locale: 'zh-CN' }),
      store.update({ csvBom: false }),
    ])
    const reopened = (await SettingsStore.open(dir)).store.get()
    expect(reopened).toMatchObject({ theme: 'dark', locale: 'zh-CN', csvBom: false })
    expect(await readdir(dir)).toEqual(['settings.json'])
  })

  it('keeps settings a newer version wrote across a rewrite, without using them', async () => {
    await writeFile(
      file(),
      JSON.stringify({
        version: 1,
        syncedBy: 'v9',
        settings: { theme: 'dark', compactRows: true, quietHours: { from: 22, to: 7 } },
      }),
    )
    const { store, problem } = await SettingsStore.open(dir)
    expect(problem).toBeUndefined()
    expect(store.get()).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' })
    await store.update({ csvBom: false })
    expect(JSON.parse(await readFile(file(), 'utf8'))).toEqual({
      version: 1,
      syncedBy: 'v9',
      settings: {
        ...DEFAULT_SETTINGS,
        theme: 'dark',
        csvBom: false,
        compactRows: true,
        quietHours: { from: 22, to: 7 },
      },
    })
    expect(await readdir(dir)).toEqual(['settings.json'])
  })
})
