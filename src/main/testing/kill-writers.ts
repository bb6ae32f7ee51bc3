import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { TaskCache } from '../cache/task-cache'
import { sweepOrphanTemps, type SweepOptions } from '../fs/orphan-temps'
import { generationEntry, generationOf, sampleTask } from './cache-entries'
import { zipEntries } from './zip-entries'

/**
 * Every kind of file the app writes, for the kill-mid-write suite (kill-mid-write.test.ts): each
 * kind writes ever-new generations through the real production code (in kill-writer.child.ts,
 * which the test SIGKILLs at random moments), says whether a file holds one complete generation,
 * and runs the sweep the app runs on that folder (at start-up, or at the next export there).
 * A new writer kind (xlsx export…) is one more entry here: the suite runs every entry.
 * Writers import their code in start(): a child then loads only its own kind's modules, which
 * keeps its start-up (paid on every kill) short.
 */

/** For writers that need a server (the CLI): the simulator the test process runs. */
export interface ServerConfig {
  url: string
  fingerprint256: string
  ak: string
  sk: string
}

export interface KillWriter {
  /** The file whose content must always be complete, under the kind's own folder `dir`. */
  target(dir: string): string
  /** Before the first child starts (test process). */
  prepare?(dir: string): Promise<void>
  /** In the child: sets up, then returns the function that writes generation `g`. */
  start(dir: string, server: ServerConfig | null): Promise<(g: number) => Promise<void>>
  /** Throws unless the file is one complete generation as this writer writes it. */
  check(text: string, bytes: Buffer): void
  /** The app's own clean-up of the target's folder; returns how many files it removed. */
  sweep(dir: string, opts: SweepOptions): Promise<number>
  /** Needs the simulator (ServerConfig). */
  server?: boolean
  /** Kills for this kind when its child is slow to start (default: the suite's per-kind count). */
  kills?: number
}

/** What the app runs in a folder it exports to, at the next export there. */
async function sweepExport(path: string, opts: SweepOptions): Promise<number> {
  const { sweepExportFolder } = await import('../export/export-service')
  return sweepExportFolder(path, silent, opts)
}

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined }

function expect(ok: boolean, what: string): void {
  if (!ok) throw new Error(`incomplete or mixed content: ${what}`)
}

/** Sizes alternate, so a file mixing two writes could not even have the right length. */
const sized = (base: number, g: number) => base + (g % 2) * 37

const CAMPAIGNS = 160
const profileCampaigns = (g: number) =>
  Array.from({ length: CAMPAIGNS - (g % 2) * 7 }, (_, i) => ({
    id: String(1000 + i),
    label: `g${g}-${String(i).padStart(4, '0')}-${'x'.repeat(120)}`,
  }))

const PADDING = 'p'.repeat(256 * 1024)

const CSV_ROWS = 1500

export const KILL_WRITERS = {
  profiles: {
    target: (dir) => join(dir, 'profiles.json'),
    async start(dir) {
      const { ProfileStore } = await import('../profiles/profile-store')
      const { store } = await ProfileStore.open(dir)
      let id: string | undefined = store.list()[0]?.id
      return async (g) => {
        const saved = await store.save({
          ...(id !== undefined ? { id } : {}),
          name: `gen ${g}`,
          serverUrl: 'https://10.0.0.1:28443',
          vdnId: 1,
          ak: 'ak',
          signing: { timestampFormat: 'seconds', signedHeaders: ['host'] },
          tls: { mode: 'system' },
          campaigns: profileCampaigns(g),
        })
        id = saved.id
      }
    },
    check(text) {
      const doc = JSON.parse(text) as {
        profiles: { name: string; campaigns: { label: string }[] }[]
      }
      const [p] = doc.profiles
      const g = Number(p?.name.slice('gen '.length))
      expect(
        doc.profiles.length === 1 && Number.isInteger(g),
        'one profile, named by its generation',
      )
      expect(p!.campaigns.length === CAMPAIGNS - (g % 2) * 7, 'campaign count of its generation')
      expect(
        p!.campaigns.every((c) => c.label.startsWith(`g${g}-`)),
        'every campaign of its generation',
      )
    },
    sweep: (dir, opts) => sweepOrphanTemps(dir, opts),
  },

  settings: {
    target: (dir) => join(dir, 'settings.json'),
    // A newer version's big setting, kept across every rewrite: large writes, easy to interrupt.
    prepare: (dir) =>
      writeFile(
        join(dir, 'settings.json'),
        JSON.stringify({ version: 1, settings: { padding: PADDING } }),
      ),
    async start(dir) {
      const { SettingsStore } = await import('../settings/settings-store')
      const { store } = await SettingsStore.open(dir)
      return async (g) => {
        await store.update({
          refreshIntervalSec: 5 + (g % 1000),
          idleCheckIntervalSec: 30 + (g % 1000),
        })
      }
    },
    check(text) {
      const { settings } = JSON.parse(text) as { settings: Record<string, unknown> }
      expect(settings.padding === PADDING, 'the newer version’s setting kept whole')
      const r = Number(settings.refreshIntervalSec)
      expect(settings.idleCheckIntervalSec === r + 25, 'both settings of one generation')
    },
    sweep: (dir, opts) => sweepOrphanTemps(dir, opts),
  },

  'window-state': {
    target: (dir) => join(dir, 'window-state.json'),
    async start(dir) {
      const { saveWindowState } = await import('../window/window-state')
      return (g) =>
        saveWindowState(join(dir, 'window-state.json'), {
          bounds: { x: g % 5000, y: g % 5000, width: 1000 + (g % 5000), height: 700 },
          maximized: g % 2 === 0,
        })
    },
    check(text) {
      const { bounds, maximized } = JSON.parse(text) as {
        bounds: { x: number; y: number; width: number }
        maximized: boolean
      }
      expect(bounds.x === bounds.y && bounds.width === 1000 + bounds.x, 'bounds of one generation')
      expect(typeof maximized === 'boolean', 'maximized')
    },
    sweep: (dir, opts) => sweepOrphanTemps(dir, opts),
  },

  cache: {
    target: (dir) =>
      new TaskCache({ userDataDir: dir, log: silent }).fileFor('profile-kill', 'campaign-kill'),
    async start(dir) {
      const cache = new TaskCache({ userDataDir: dir, log: silent })
      return (g) => cache.put(generationEntry(g, sized(2000, g)))
    },
    check(text) {
      const entry = JSON.parse(text) as {
        fetchedAt: string
        count: number
        tasks: { extra: { gen: number } }[]
      }
      const g = generationOf(entry.fetchedAt)
      expect(
        entry.tasks.length === sized(2000, g) && entry.count === entry.tasks.length,
        'task count',
      )
      expect(
        entry.tasks.every((t) => t.extra.gen === g),
        'every task of its generation',
      )
    },
    sweep: (dir, opts) =>
      new TaskCache({
        userDataDir: dir,
        log: silent,
        ...(opts.now ? { now: opts.now } : {}),
      }).removeLeftoverTemps(opts.minAgeMs),
  },

  'csv-export': {
    target: (dir) => join(dir, 'imports.csv'),
    async start(dir) {
      const { exportTasksCsv } = await import('../export/export-service')
      return async (g) => {
        const tasks = Array.from({ length: sized(CSV_ROWS, g) }, (_, i) => ({
          ...sampleTask(i),
          succNum: g,
        }))
        await exportTasksCsv({ tasks, taskIds: null, path: join(dir, 'imports.csv') })
      }
    },
    check(text) {
      const lines = text.replace(/^\uFEFF/, '').split('\r\n')
      expect(lines.at(-1) === '', 'ends with a complete line')
      const rows = lines.slice(1, -1).map((l) => l.split(','))
      const col = lines[0]!.split(',').indexOf('succNum')
      const g = Number(rows[0]?.[col])
      expect(rows.length === sized(CSV_ROWS, g), 'row count of its generation')
      expect(
        rows.every((r) => Number(r[col]) === g),
        'every row of its generation',
      )
    },
    sweep: (dir, opts) => sweepExport(join(dir, 'imports.csv'), opts),
  },

  'xlsx-export': {
    target: (dir) => join(dir, 'imports.xlsx'),
    async start(dir) {
      const { exportTasksXlsx } = await import('../export/export-service')
      return async (g) => {
        const tasks = Array.from({ length: sized(CSV_ROWS, g) }, (_, i) => ({
          ...sampleTask(i),
          succNum: g,
        }))
        const context = { title: `gen ${g}`, exportedAt: Date.now() }
        await exportTasksXlsx({ tasks, taskIds: null, path: join(dir, 'imports.xlsx'), context })
      }
    },
    check(_text, bytes) {
      // Read with the tests' own zip reader: a half-written or mixed file fails to unzip.
      const sheet = zipEntries(bytes).get('xl/worksheets/sheet1.xml')?.toString('utf8') ?? ''
      const rows = [...sheet.matchAll(/<c r="E(\d+)"[^>]*><v>(\d+)<\/v>/g)]
      const g = Number(rows[0]?.[2])
      expect(rows.length === sized(CSV_ROWS, g), 'row count of its generation')
      expect(
        rows.every((r) => Number(r[2]) === g),
        'every row of its generation',
      )
    },
    sweep: (dir, opts) => sweepExport(join(dir, 'imports.xlsx'), opts),
  },

  'cli-out': {
    server: true,
    kills: 12, // each child loads the HTTPS stack and fetches before its first write
    target: (dir) => join(dir, 'tasks.json'),
    async start(dir, server) {
      if (!server) throw new Error('cli-out needs the simulator')
      const { run } = await import('../cli/run')
      const sink = () => new Writable({ write: (_c, _e, cb) => cb() })
      const env = { ISALES_AK: server.ak, ISALES_SK: server.sk }
      return async (g) => {
        const status = g % 2 === 0 ? ['--status', '2,3'] : []
        const argv = ['tasks', '--server', server.url, '--vdn', '1', '--pin', server.fingerprint256]
        argv.push('--campaign', '1001', ...status, '--out', join(dir, 'tasks.json'))
        const code = await run(argv, env, { stdout: sink(), stderr: sink() })
        if (code !== 0) throw new Error(`the CLI exited with ${code}`)
      }
    },
    check(text) {
      const doc = JSON.parse(text) as { count: number; tasks: unknown[] }
      expect(doc.count === doc.tasks.length && doc.count > 0, 'count matches the tasks')
    },
    sweep: (dir, opts) => sweepExport(join(dir, 'tasks.json'), opts),
  },
} satisfies Record<string, KillWriter>

export type KillWriterKind = keyof typeof KILL_WRITERS
