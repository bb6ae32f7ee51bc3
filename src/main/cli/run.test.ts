import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { parse } from 'csv-parse/sync'
import { ISALES_CODES } from '../../shared/errors'
import { buildTask } from '../../shared/testing/task-builder'
import { authFailedMessage } from '../isales/http-errors'
import { SERVER_URL_MESSAGE } from '../../shared/server-url'
import { generateCaAndLeaf } from '../simulator/certificate'
import { startSimulator, type Simulator } from '../simulator/server'
import { certChangedMessage } from '../tls/classify-error'
import { SK_ON_COMMAND_LINE } from './args'
import { EXIT } from './exit-codes'
import { filterTasks, run } from './run'
import { formatLocalIso } from '../export/local-time'
import { parseServerTime } from '../isales/server-time'

/** A server time as the CSV writes it: local ISO 8601 with offset; unparsed text as sent. */
const localIso = (text: string) => {
  const ms = parseServerTime(text)
  return ms === null ? text : formatLocalIso(ms)
}

class Capture extends Writable {
  text = ''
  constructor(readonly isTTY = false) {
    super()
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString('utf8')
    cb()
  }
}

interface TaskJson {
  id: string
  status: string
  beginTime: string
  endTime: string
  succNum: number
  repeatNum: number
  failNum: number
  errMsg: string
  blackNum?: number
  [k: string]: unknown
}

let sim: Simulator
let dir: string
const FORMULA = '=HYPERLINK("http://evil","click")'
let formulaTaskId: string
/**
 * Error texts that a spreadsheet would run as formulas, each with the literal cell text the CSV
 * must carry instead (written out by hand, not computed, so a writer bug cannot be mirrored).
 */
const FORMULA_CELLS: readonly (readonly [errMsg: string, csvCell: string])[] = [
  [FORMULA, `'=HYPERLINK("http://evil","click")`],
  ['+1+1', "'+1+1"],
  ['-2+3', "'-2+3"],
  ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
  ['\t=1+1', "'\t=1+1"],
  ['\r=1+1', "'\r=1+1"],
]
const formulaTaskIds = new Map<string, string>()

beforeAll(async () => {
  sim = await startSimulator()
  // Failed tasks whose error texts are spreadsheet formulas (campaign 1004: 37 tasks, no count).
  formulaTaskId = sim.addTask('1004', { status: '3', errMsg: FORMULA }).id
  for (const [errMsg, cell] of FORMULA_CELLS.slice(1)) {
    formulaTaskIds.set(sim.addTask('1004', { status: '3', errMsg }).id, cell)
  }
  formulaTaskIds.set(formulaTaskId, FORMULA_CELLS[0]![1])
  dir = await mkdtemp(join(tmpdir(), 'isales-cli-'))
})

afterAll(async () => {
  await sim.close()
  await rm(dir, { recursive: true, force: true })
})

afterEach(() => {
  sim.setFaults({})
})

function env(over: Record<string, string | undefined> = {}) {
  return { ISALES_AK: sim.ak, ISALES_SK: sim.sk, ...over }
}

function base(extra: string[] = []): string[] {
  return ['--server', sim.url, '--vdn', '1', '--pin', sim.fingerprint256, ...extra]
}

async function cli(
  argv: string[],
  e: Record<string, string | undefined> = env(),
  opts: { tty?: boolean; signal?: AbortSignal } = {},
) {
  const stdout = new Capture()
  const stderr = new Capture(opts.tty ?? false)
  const code = await run(argv, e, {
    stdout,
    stderr,
    ...(opts.signal ? { signal: opts.signal } : {}),
  })
  return { code, stdout: stdout.text, stderr: stderr.text }
}

function rawTasks(campaignId: string) {
  const c = sim.campaigns.find((x) => x.id === campaignId)
  if (!c) throw new Error(`no campaign ${campaignId}`)
  return c.tasks
}

describe('tasks --format json', () => {
  it('prints every task of a campaign with string ids, count and total', async () => {
    const r = await cli(['tasks', ...base(['--campaign', '1001'])])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(EXIT.ok)
    const out = JSON.parse(r.stdout) as { count: number; total: number | null; tasks: TaskJson[] }
    const raw = rawTasks('1001')
    expect(Object.keys(out)).toEqual(['count', 'total', 'tasks'])
    expect(out.count).toBe(raw.length)
    expect(out.total).toBe(raw.length)
    expect(out.tasks.map((t) => t.id)).toEqual(raw.map((t) => t.id))
    for (const t of out.tasks) {
      expect(typeof t.id).toBe('string')
      expect(t.id).toMatch(/^\d{30}$/)
      expect(['0', '1', '2', '3']).toContain(t.status)
    }
    expect(Object.keys(out.tasks[0]!).slice(0, 8)).toEqual([
      'id',
      'status',
      'beginTime',
      'endTime',
      'succNum',
      'repeatNum',
      'failNum',
      'errMsg',
    ])
  })

  it('reports total null when the server sends no count, and keeps texts raw', async () => {
    const r = await cli(['tasks', ...base(['--campaign', '1004'])])
    expect(r.code).toBe(EXIT.ok)
    const out = JSON.parse(r.stdout) as { count: number; total: number | null; tasks: TaskJson[] }
    expect(out.total).toBeNull()
    expect(out.count).toBe(rawTasks('1004').length)
    expect(out.tasks.find((t) => t.id === formulaTaskId)?.errMsg).toBe(FORMULA)
  })

  it('includes blackNum when the server sends it', async () => {
    const r = await cli(['tasks', ...base(['--campaign', '1002'])])
    const out = JSON.parse(r.stdout) as { tasks: TaskJson[] }
    expect(out.tasks).toHaveLength(rawTasks('1002').length)
    expect(out.tasks.every((t) => typeof t.blackNum === 'number')).toBe(true)
  })

  it('--status filters client-side; count is the filtered number', async () => {
    const r = await cli(['tasks', ...base(['--campaign', '1002', '--status', '2,3'])])
    const out = JSON.parse(r.stdout) as { count: number; total: number; tasks: TaskJson[] }
    const expected = rawTasks('1002').filter((t) => ['2', '3'].includes(String(t.status)))
    expect(expected.length).toBeGreaterThan(0)
    expect(expected.length).toBeLessThan(rawTasks('1002').length)
    expect(out.tasks.map((t) => t.id)).toEqual(expected.map((t) => t.id))
    expect(out.count).toBe(expected.length)
    expect(out.total).toBe(rawTasks('1002').length)
  })

  it('--task-id is sent to the server and filtered client-side', async () => {
    const [a, b] = rawTasks('1001')
      .slice(3, 5)
      .map((t) => t.id)
    sim.resetStats()
    const r = await cli([
      'tasks',
      ...base(['--campaign', '1001', '--task-id', a!, '--task-id', b!]),
    ])
    expect(r.code).toBe(EXIT.ok)
    const out = JSON.parse(r.stdout) as { count: number; tasks: TaskJson[] }
    expect(out.tasks.map((t) => t.id).sort()).toEqual([a, b].sort())
    expect(out.count).toBe(2)
    const sent = sim.requestLog.at(-1)
    expect(JSON.parse(sent!.body)).toMatchObject({ importTaskIds: [a, b] })
  })

  it('shows progress on stderr only when it is a terminal', async () => {
    const quiet = await cli(['tasks', ...base(['--campaign', '1002'])])
    expect(quiet.stderr).toBe('')
    const tty = await cli(['tasks', ...base(['--campaign', '1002'])], env(), { tty: true })
    expect(tty.code).toBe(EXIT.ok)
    expect(tty.stderr).toMatch(/Fetched page \d+ of 12/)
    expect(JSON.parse(tty.stdout)).toHaveProperty('count', rawTasks('1002').length)
  })
})

describe('tasks --format csv', () => {
  it('parses back to the same rows as the JSON output, formulas neutralized', async () => {
    const json = JSON.parse((await cli(['tasks', ...base(['--campaign', '1004'])])).stdout) as {
      tasks: TaskJson[]
    }
    const r = await cli(['tasks', ...base(['--campaign', '1004', '--format', 'csv'])])
    expect(r.code).toBe(EXIT.ok)
    expect(r.stdout.charCodeAt(0)).not.toBe(0xfeff)
    expect(r.stdout.endsWith('\r\n')).toBe(true)
    const rows = parse(r.stdout, { columns: true }) as Record<string, string>[]
    expect(Object.keys(rows[0]!)).toEqual([
      'id',
      'status',
      'beginTime',
      'endTime',
      'succNum',
      'repeatNum',
      'failNum',
      'errMsg',
      'statusText',
      'durationSec',
      'successRate',
    ])
    // Every other error text is plain (the simulator's catalogue), so it must come back verbatim.
    const plain = json.tasks.filter((t) => !formulaTaskIds.has(t.id))
    expect(plain.length).toBeGreaterThan(30)
    for (const t of plain) expect(['=', '+', '-', '@', '\t', '\r']).not.toContain(t.errMsg[0])
    expect(rows).toEqual(
      json.tasks.map((t) => ({
        id: `'${t.id}`, // the leading ' keeps all 30 digits in a spreadsheet
        status: t.status,
        beginTime: localIso(t.beginTime),
        endTime: localIso(t.endTime),
        succNum: String(t.succNum),
        repeatNum: String(t.repeatNum),
        failNum: String(t.failNum),
        errMsg: formulaTaskIds.get(t.id) ?? t.errMsg,
        statusText: expect.any(String),
        durationSec: expect.any(String),
        successRate: expect.any(String),
      })),
    )
    // Times: one ISO format with the local offset, the same instant as the server's text.
    for (const [k, t] of json.tasks.entries()) {
      const cell = rows[k]!['beginTime']!
      if (t.beginTime === '') continue
      expect(cell).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/)
      expect(Date.parse(cell)).toBe(Math.floor(parseServerTime(t.beginTime)! / 1000) * 1000)
    }
    // The same, spelled out: each formula text and the exact cell it became.
    for (const [errMsg, cell] of FORMULA_CELLS) {
      const id = json.tasks.find((t) => t.errMsg === errMsg)?.id
      expect(id, errMsg).toBeDefined()
      expect(rows.find((row) => row.id === `'${id}`)?.errMsg).toBe(cell)
    }
    expect(rows.find((row) => row.id === `'${formulaTaskId}`)?.errMsg).toBe(
      `'=HYPERLINK("http://evil","click")`,
    )
  })

  it('adds the blackNum column and a BOM on request', async () => {
    const r = await cli(['tasks', ...base(['--campaign', '1002', '--format', 'csv', '--bom'])])
    expect(r.code).toBe(EXIT.ok)
    expect(r.stdout.charCodeAt(0)).toBe(0xfeff)
    const rows = parse(r.stdout, { bom: true }) as string[][]
    expect(rows[0]).toEqual([
      'id',
      'status',
      'beginTime',
      'endTime',
      'succNum',
      'repeatNum',
      'failNum',
      'errMsg',
      'blackNum',
      'statusText',
      'durationSec',
      'successRate',
    ])
    expect(rows).toHaveLength(rawTasks('1002').length + 1)
  })

  it('names the JSON fields in the JSON key order, then statusText, durationSec, successRate', async () => {
    const json = JSON.parse((await cli(['tasks', ...base(['--campaign', '1002'])])).stdout) as {
      tasks: TaskJson[]
    }
    const csv = await cli(['tasks', ...base(['--campaign', '1002', '--format', 'csv'])])
    const header = (parse(csv.stdout) as string[][])[0]!
    expect(header.slice(-3)).toEqual(['statusText', 'durationSec', 'successRate'])
    const fields = header.slice(0, -3)
    // Server extras (fileName, operator) come after the known fields in the JSON; not in the CSV.
    for (const task of json.tasks) expect(Object.keys(task).slice(0, fields.length)).toEqual(fields)
  })
})

describe('--out', () => {
  it('writes the JSON file atomically and prints nothing on stdout', async () => {
    const sub = await mkdtemp(join(dir, 'out-'))
    const file = join(sub, 'tasks.json')
    const r = await cli(['tasks', ...base(['--campaign', '1001', '--out', file])])
    expect(r.code).toBe(EXIT.ok)
    expect(r.stdout).toBe('')
    expect(JSON.parse(await readFile(file, 'utf8'))).toHaveProperty(
      'count',
      rawTasks('1001').length,
    )
    expect(await readdir(sub)).toEqual(['tasks.json'])
  })

  it('writes a CSV file, replacing an existing one', async () => {
    const sub = await mkdtemp(join(dir, 'out-'))
    const file = join(sub, 'tasks.csv')
    await writeFile(file, 'old')
    const r = await cli([
      'tasks',
      ...base(['--campaign', '1001', '--format', 'csv', '--out', file]),
    ])
    expect(r.code).toBe(EXIT.ok)
    const rows = parse(await readFile(file)) as string[][]
    expect(rows).toHaveLength(rawTasks('1001').length + 1)
    expect(await readdir(sub)).toEqual(['tasks.csv'])
  })

  it('removes temp files that killed runs left in the --out folder, only orphaned ones of ours', async () => {
    const sub = await mkdtemp(join(dir, 'out-'))
    const file = join(sub, 'tasks.json')
    const old = new Date(Date.now() - 5 * 60_000)
    const orphan = join(sub, '.tasks.json.999999999.0123456789ab.tmp') // no such pid
    const running = join(sub, `.tasks.json.${process.pid}.0123456789ac.tmp`) // may be writing
    const theirs = join(sub, '.tasks.json.tmp')
    for (const f of [orphan, running, theirs]) {
      await writeFile(f, '{"partial":')
      await utimes(f, old, old)
    }
    const r = await cli(['tasks', ...base(['--campaign', '1001', '--out', file])])
    expect(r.code).toBe(EXIT.ok)
    expect(r.stderr).toBe('')
    expect((await readdir(sub)).sort()).toEqual(
      ['.tasks.json.tmp', `.tasks.json.${process.pid}.0123456789ac.tmp`, 'tasks.json'].sort(),
    )
  })

  // These failures come before the first byte is written; for failures DURING the write
  // (part of the CSV already on disk) see run-write-failure.test.ts.
  it('on a server failure creates no file and leaves an existing one untouched', async () => {
    const sub = await mkdtemp(join(dir, 'out-'))
    const fresh = join(sub, 'new.csv')
    const existing = join(sub, 'old.csv')
    await writeFile(existing, 'previous export')
    const a = await cli([
      'tasks',
      ...base(['--campaign', 'nope', '--format', 'csv', '--out', fresh]),
    ])
    expect(a.code).toBe(EXIT.isales)
    const b = await cli(
      ['tasks', ...base(['--campaign', '1001', '--out', existing])],
      env({ ISALES_SK: 'wrong-sk' }),
    )
    expect(b.code).toBe(EXIT.auth)
    expect(await readdir(sub)).toEqual(['old.csv'])
    expect(await readFile(existing, 'utf8')).toBe('previous export')
  })

  it('rejects a missing directory as a usage error', async () => {
    const r = await cli([
      'tasks',
      ...base(['--campaign', '1001', '--out', join(dir, 'no', 'x.json')]),
    ])
    expect(r.code).toBe(EXIT.usage)
    expect(r.stderr).toMatch(/^isales-imports: --out: the directory .* does not exist\n$/)
  })
})

describe('campaigns', () => {
  it('lists id and name as JSON', async () => {
    const r = await cli(['campaigns', ...base()])
    expect(r.code).toBe(EXIT.ok)
    const out = JSON.parse(r.stdout) as { count: number; campaigns: { id: string; name: string }[] }
    const vdn1 = sim.campaigns.filter((c) => c.vdnId === 1)
    expect(out.count).toBe(vdn1.length)
    expect(out.campaigns.map((c) => [c.id, c.name]).sort()).toEqual(
      vdn1.map((c) => [c.id, c.name]).sort(),
    )
  })

  it('filters by name and writes CSV', async () => {
    const r = await cli(['campaigns', ...base(['--name', 'survey', '--format', 'csv'])])
    expect(r.code).toBe(EXIT.ok)
    expect(parse(r.stdout)).toEqual([
      ['id', 'name'],
      ['1004', 'Customer Satisfaction Survey'],
    ])
  })
})

describe('trust', () => {
  it('--ca trusts a server whose certificate a private CA signed', async () => {
    const cert = await generateCaAndLeaf()
    const caSim = await startSimulator({
      certificate: cert,
      credentials: { ak: sim.ak, sk: sim.sk },
    })
    try {
      const caFile = join(dir, 'ca.pem')
      await writeFile(caFile, cert.caPem)
      const r = await cli(['campaigns', '--server', caSim.url, '--vdn', '1', '--ca', caFile])
      expect(r.stderr).toBe('')
      expect(r.code).toBe(EXIT.ok)
    } finally {
      await caSim.close()
    }
  })

  it('a wrong pin exits 4 and shows the presented and expected fingerprints', async () => {
    const wrong = 'AB:'.repeat(31) + 'AB'
    const r = await cli([
      'tasks',
      '--server',
      sim.url,
      '--vdn',
      '1',
      '--campaign',
      '1001',
      '--pin',
      wrong,
    ])
    expect(r.code).toBe(EXIT.tls)
    expect(r.stderr).toContain(sim.fingerprint256)
    expect(r.stderr).toContain(wrong)
    // The one shared wording (the app shows it too), plus the flag that acts on it.
    expect(r.stderr).toContain(certChangedMessage(wrong, sim.fingerprint256))
    expect(r.stderr).toContain(`--pin ${sim.fingerprint256}`)
    expect(r.stderr.split('\n')).toHaveLength(2)
    expect(r.stdout).toBe('')
  })

  it('without --pin or --ca the self-signed simulator exits 4 and shows its fingerprint', async () => {
    const r = await cli(['tasks', '--server', sim.url, '--vdn', '1', '--campaign', '1001'])
    expect(r.code).toBe(EXIT.tls)
    expect(r.stderr).toMatch(/^isales-imports: .*self-signed/)
    expect(r.stderr).toContain(`--pin ${sim.fingerprint256}`)
  })
})

describe('server failures', () => {
  it('a wrong SK exits 3 and never prints the SK', async () => {
    const secret = 'RECOGNIZABLE-SECRET-0123456789'
    const r = await cli(['tasks', ...base(['--campaign', '1001'])], env({ ISALES_SK: secret }))
    expect(r.code).toBe(EXIT.auth)
    expect(r.stderr).toMatch(/^isales-imports: .*401.*\n$/)
    expect(r.stderr).toContain(authFailedMessage())
    expect(r.stderr + r.stdout).not.toContain(secret)
  })

  it('no failure message ever contains the SK', async () => {
    const secret = 'RECOGNIZABLE-SECRET-0123456789'
    const cases = [
      ['tasks', ...base(['--campaign', secret])],
      ['tasks', ...base(['--campaign', '1001', `--sk=${secret}`])],
      ['tasks', ...base(['--campaign', '1001', '--sk', secret])],
      ['tasks', ...base(['--campaign', '1001', '--status', secret])],
      ['tasks', '--server', secret, '--vdn', '1', '--campaign', '1'],
    ]
    for (const argv of cases) {
      const r = await cli(argv, env({ ISALES_SK: secret }))
      expect(r.code).not.toBe(EXIT.ok)
      expect(r.stderr).toMatch(/^isales-imports: /)
      expect(r.stderr + r.stdout).not.toContain(secret)
    }
  })

  it.each(['Q', 'ZQ', 'K9#'])('never prints even a %j SK of 1-3 characters', async (secret) => {
    const cases = [
      ['tasks', ...base(['--campaign', '1001', '--status', secret])],
      ['tasks', '--server', secret, '--vdn', '1', '--campaign', '1'],
      ['tasks', ...base(['--campaign', '1001', `--sk=${secret}`])],
    ]
    for (const argv of cases) {
      const r = await cli(argv, env({ ISALES_SK: secret }))
      expect(r.code).toBe(EXIT.usage)
      expect(r.stderr).toMatch(/^isales-imports: [^\n]+\n$/)
      expect(r.stderr + r.stdout).not.toContain(secret)
    }
  })

  it('an unknown campaign exits 5 with the code and its meaning', async () => {
    const r = await cli(['tasks', ...base(['--campaign', '999999'])])
    expect(r.code).toBe(EXIT.isales)
    expect(r.stderr).toContain('0200007')
    expect(r.stderr).toContain(ISALES_CODES['0200007']!.meaning)
    expect(r.stderr.split('\n')).toHaveLength(2) // one line, then the final newline
  })

  it('a closed port exits 6', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer()
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port
        s.close(() => resolve(p))
      })
    })
    const r = await cli([
      'tasks',
      '--server',
      `https://127.0.0.1:${port}`,
      '--vdn',
      '1',
      '--campaign',
      '1001',
      '--pin',
      sim.fingerprint256,
      '--retries',
      '0',
    ])
    expect(r.code).toBe(EXIT.network)
    expect(r.stderr).toMatch(/^isales-imports: The server refused the connection/)
  })

  it.each([
    ['http500', /HTTP 500/],
    ['http429', /limiting requests/],
    ['malformedJson', /reply/],
  ] as const)('%s after the retries exits 6', async (fault, message) => {
    sim.setFaults({ [fault]: 100 })
    const r = await cli(['tasks', ...base(['--campaign', '1001', '--retries', '0'])])
    expect(r.code).toBe(EXIT.network)
    expect(r.stderr).toMatch(message)
  })

  it('a persistent 0200022 (called too frequently) after the retries exits 5 with the code', async () => {
    sim.setFaults({ tooFrequent: 100 })
    const r = await cli(['tasks', ...base(['--campaign', '1001', '--retries', '0'])])
    expect(r.code).toBe(EXIT.isales)
    expect(r.stderr).toMatch(/^isales-imports: .*0200022.*\n$/)
    expect(r.stderr.split('\n')).toHaveLength(2)
  })

  it('recovers from a transient fault with the default retries', async () => {
    sim.setFaults({ dropConnection: 1 })
    const r = await cli(['tasks', ...base(['--campaign', '1004'])])
    expect(r.code).toBe(EXIT.ok)
    expect(sim.pendingFaults().dropConnection ?? 0).toBe(0)
  })

  it('an aborted run exits 130', async () => {
    const r = await cli(['tasks', ...base(['--campaign', '1001'])], env(), {
      signal: AbortSignal.abort(),
    })
    expect(r.code).toBe(EXIT.interrupted)
  })
})

describe('usage', () => {
  it('--help and --version exit 0 on stdout', async () => {
    const help = await cli(['--help'], {})
    expect(help.code).toBe(EXIT.ok)
    expect(help.stdout).toContain('Exit codes:')
    const version = await cli(['--version'], {})
    expect(version.code).toBe(EXIT.ok)
    expect(version.stdout).toMatch(/^isales-imports \d+\.\d+\.\d+\n$/)
  })

  it('refuses --sk with the explanation', async () => {
    const r = await cli(['tasks', ...base(['--campaign', '1', '--sk', 'x'])])
    expect(r.code).toBe(EXIT.usage)
    expect(r.stderr).toBe(`isales-imports: ${SK_ON_COMMAND_LINE}\n`)
  })

  const ok = () => ['tasks', '--server', sim.url, '--vdn', '1', '--campaign', '1001']
  const cases: [string, () => string[], Record<string, string | undefined> | null, RegExp][] = [
    ['no command', () => ['--server', sim.url], null, /missing command/],
    ['unknown command', () => ['jobs'], null, /unknown command "jobs"/],
    ['unknown flag', () => [...ok(), '--frobnicate'], null, /--frobnicate/],
    ['missing --server', () => ['tasks', '--vdn', '1', '--campaign', '1'], null, /--server/],
    [
      'http URL',
      () => ['tasks', '--server', 'http://1.2.3.4:80', '--vdn', '1', '--campaign', '1'],
      null,
      /https/,
    ],
    [
      'bad URL',
      () => ['tasks', '--server', 'not a url', '--vdn', '1', '--campaign', '1'],
      null,
      /--server/,
    ],
    [
      'URL with path',
      () => ['tasks', '--server', `${sim.url}/rest`, '--vdn', '1', '--campaign', '1'],
      null,
      /--server/,
    ],
    ['missing --vdn', () => ['tasks', '--server', sim.url, '--campaign', '1'], null, /--vdn/],
    [
      'vdn 0',
      () => [...ok().slice(0, 3), '--vdn', '0', '--campaign', '1'],
      null,
      /--vdn .*1 to 9999/,
    ],
    [
      'vdn 10000',
      () => ['tasks', '--server', sim.url, '--vdn', '10000', '--campaign', '1'],
      null,
      /--vdn/,
    ],
    [
      'vdn text',
      () => ['tasks', '--server', sim.url, '--vdn', 'x', '--campaign', '1'],
      null,
      /--vdn/,
    ],
    ['missing --campaign', () => ['tasks', '--server', sim.url, '--vdn', '1'], null, /--campaign/],
    ['bad --pin', () => [...ok(), '--pin', 'AB:CD'], null, /--pin/],
    [
      '--ca and --pin',
      () => [...ok(), '--ca', 'x.pem', '--pin', sim.fingerprint256],
      null,
      /mutually exclusive/,
    ],
    [
      'unreadable --ca',
      () => [...ok(), '--ca', join(dir, 'missing.pem')],
      null,
      /--ca: cannot read/,
    ],
    ['bad --format', () => [...ok(), '--format', 'xml'], null, /--format/],
    ['--bom with json', () => [...ok(), '--bom'], null, /--bom/],
    ['bad --status', () => [...ok(), '--status', '2,9'], null, /--status.*"9"/],
    ['bad --concurrency', () => [...ok(), '--concurrency', '11'], null, /--concurrency/],
    ['bad --timeout', () => [...ok(), '--timeout', '-1'], null, /--timeout/],
    ['empty --task-id', () => [...ok(), '--task-id', ''], null, /--task-id/],
    ['repeated flag', () => [...ok(), '--vdn', '2'], null, /--vdn is given more than once/],
    [
      'flag of the other command',
      () => ['campaigns', '--server', sim.url, '--vdn', '1', '--campaign', '1'],
      null,
      /--campaign does not apply/,
    ],
    ['extra argument', () => [...ok(), 'extra'], null, /unexpected argument "extra"/],
    ['missing AK', () => ok(), { ISALES_SK: 'sk' }, /--ak .*ISALES_AK/],
    ['missing SK', () => ok(), { ISALES_AK: 'ak' }, /ISALES_SK/],
  ]

  it('checks --server with the shared address rule and wording', async () => {
    for (const server of ['http://1.2.3.4:80', 'not a url', `${sim.url}/rest`, `${sim.url}?q=1`]) {
      const r = await cli(['tasks', '--server', server, '--vdn', '1', '--campaign', '1'])
      expect(r.code).toBe(EXIT.usage)
      expect(r.stderr).toBe(`isales-imports: --server: ${SERVER_URL_MESSAGE}\n`)
    }
    const trailingSlash = await cli(
      ['campaigns', ...base()].map((a) => (a === sim.url ? `${a}/` : a)),
    )
    expect(trailingSlash.code).toBe(EXIT.ok)
  })

  it.each(cases)('%s exits 2 with one line naming the problem', async (_name, argv, e, message) => {
    const r = await cli(argv(), e ?? env())
    expect(r.code).toBe(EXIT.usage)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(/^isales-imports: [^\n]+\n$/)
    expect(r.stderr).toMatch(message)
  })

  it('takes the AK from --ak over ISALES_AK', async () => {
    const r = await cli(['campaigns', ...base(['--ak', sim.ak])], env({ ISALES_AK: 'other' }))
    expect(r.code).toBe(EXIT.ok)
  })
})

describe('filterTasks', () => {
  const task = (id: string, status: '0' | '1' | '2' | '3') => buildTask({ id, status })
  const tasks = [task('1', '0'), task('2', '2'), task('3', '3'), task('4', '2')]

  it('keeps only the requested ids even when the server ignored the filter', () => {
    expect(filterTasks(tasks, { taskIds: ['2', '3'], statuses: null }).map((t) => t.id)).toEqual([
      '2',
      '3',
    ])
  })

  it('combines ids and statuses; no filter keeps everything', () => {
    expect(filterTasks(tasks, { taskIds: ['2', '3'], statuses: ['2'] }).map((t) => t.id)).toEqual([
      '2',
    ])
    expect(filterTasks(tasks, { taskIds: [], statuses: null })).toHaveLength(4)
  })
})
