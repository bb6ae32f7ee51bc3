// Over 400 lines: the CLI's two commands, their output formats and its error wording, kept together.
import { readFile, stat } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { once } from 'node:events'
import type { Writable } from 'node:stream'
import type { Dispatcher } from 'undici'
import { AppError, isAppError } from '../../shared/errors'
import { formatMessage, msg, type MessageRef } from '../../shared/messages'
import type { Campaign, ImportTask, TaskStatus } from '../../shared/import-task'
import { MAX_PAGE_SIZE } from '../../shared/limits'
import { writeCsv, writeCsvFile, type CsvColumn } from '../export/csv-writer'
// The workbook writers (and export-service, which imports them) load only for --format xlsx:
// their dependencies were most of the CLI's start-up CPU.
import type { TriageGroupRow } from '../export/task-workbook'
import { groupFailures, NO_MESSAGE_KEY } from '../../shared/triage/group'
import { sweepAndLog } from '../fs/orphan-temps'
import { campaignColumns, hasBlackNum, taskColumns, taskRecord } from '../export/task-columns'
import { writeFileAtomic } from '../fs/atomic-write'
import { redactText } from '../log/redact'
import { IsalesClient } from '../isales/client'
import {
  blacklistSource,
  fetchAllImportTasks,
  type FetchAllResult,
  type FetchProgress,
  type ImportTaskSource,
} from '../isales/fetch-all'
import { BLACKLIST_CAMPAIGN_ID } from '../../shared/blacklist'
import { withRetry } from '../isales/retry'
import { createAgent } from '../tls/agent-factory'
import { certChangedRef } from '../tls/classify-error'
import { ServerSlots } from '../isales/server-slots'
import { tlsChecksOffRequested } from '../tls/env-override'
import { probeCertificate } from '../tls/probe'
import { validateCaPem, type TlsTrust } from '../tls/trust'
import { version } from '../../../package.json'
import {
  HELP,
  PROGRAM,
  UsageError,
  parseCliArgs,
  type CampaignsArgs,
  type ConnectionArgs,
  type Env,
  type OutputArgs,
  type TasksArgs,
} from './args'
import { EXIT, exitCodeFor } from './exit-codes'
import { jsonDocument } from './json-document'

/**
 * The CLI's logic, testable in-process: parses argv, talks to the server through the same client
 * as the app, prints JSON or CSV, and returns the exit code. Failures become one line on stderr,
 * never a stack trace and never the secret key.
 */

export type OutStream = Writable & { isTTY?: boolean }

export interface CliIo {
  stdout: OutStream
  stderr: OutStream
  /** Aborted on Ctrl-C by main.ts. */
  signal?: AbortSignal
}

/** Campaign list pages are fetched one after another; this bounds a server that never ends. */
const MAX_CAMPAIGN_PAGES = 1000
const CAMPAIGN_PAGE_SIZE = MAX_PAGE_SIZE

export async function run(argv: readonly string[], env: Env, io: CliIo): Promise<number> {
  try {
    const args = parseCliArgs(argv, env)
    switch (args.command) {
      case 'help':
        await writeOut(io.stdout, HELP)
        return EXIT.ok
      case 'version':
        await writeOut(io.stdout, `${PROGRAM} ${version}\n`)
        return EXIT.ok
      case 'tasks':
      case 'blacklist-tasks':
        await warnTlsEnv(env, io)
        return await runTasks(args, io)
      case 'campaigns':
        await warnTlsEnv(env, io)
        return await runCampaigns(args, io)
    }
  } catch (err) {
    return await report(err, argv, env, io)
  }
}

async function runTasks(args: TasksArgs, io: CliIo): Promise<number> {
  await checkOutPath(args.out)
  return withClient(args, io, async (client) => {
    const progress = progressLine(io.stderr)
    let result
    try {
      // blacklist-tasks pages the blackfile interface the same way (fetch-all.ts blacklistSource).
      const source = args.campaignId === null ? blacklistSource(client) : client
      // Through the server's gate, as in the app: the adaptive limit lives under it.
      const gate = new ServerSlots()
      const gated: ImportTaskSource = {
        queryImportTasks: (query, opts = {}) =>
          gate.run(args.server, opts.signal, () => source.queryImportTasks(query, opts)),
      }
      result = await fetchAllImportTasks(gated, {
        campaignId: args.campaignId ?? BLACKLIST_CAMPAIGN_ID,
        ...(args.taskIds.length > 0 ? { importTaskIds: args.taskIds } : {}),
        concurrency: args.concurrency,
        retry: { retries: args.retries },
        ...(io.signal ? { signal: io.signal } : {}),
        ...(progress ? { onProgress: progress.update } : {}),
      })
    } finally {
      progress?.clear()
    }
    const warning = incompleteWarning(result)
    if (warning) {
      await writeOut(io.stderr, `${PROGRAM}: ${formatMessage('en', warning.id, warning.params)}\n`)
    }
    const tasks = filterTasks(result.tasks, args)
    const columns = taskColumns({ withBlackNum: hasBlackNum(tasks) })
    const json = () =>
      jsonDocument({ count: tasks.length, total: result.count }, 'tasks', tasks, taskRecord)
    const xlsx = async (out: string) => {
      const [{ writeTasksXlsx }, { serverHost }] = await Promise.all([
        import('../export/task-workbook'),
        import('../export/export-service'),
      ])
      return writeTasksXlsx(out, tasks, {
        title:
          args.campaignId === null ? 'Blacklist imports' : `Imports of campaign ${args.campaignId}`,
        server: serverHost(args.server),
        campaign: args.campaignId ?? 'Blacklist imports',
        groups: cliTriageRows(tasks),
        ...(cliFilter(args) !== undefined ? { filter: cliFilter(args) } : {}),
        exportedAt: Date.now(),
      })
    }
    await emit(args, io, columns, tasks, json, 'tasks', xlsx)
    return EXIT.ok
  })
}

/** One stderr line when the environment asks to turn certificate checks off: it is ignored. */
async function warnTlsEnv(env: Env, io: CliIo): Promise<void> {
  if (!tlsChecksOffRequested(env)) return
  await writeOut(io.stderr, `${PROGRAM}: ${formatMessage('en', 'cliTlsEnvIgnored', {})}\n`)
}

/** The warning for a result that may be short, in plain words; null when it is complete. */
function incompleteWarning(result: FetchAllResult): MessageRef | null {
  const tasks = result.tasks.length
  switch (result.incompleteReason) {
    case undefined:
      return null
    case 'count-inflated':
      return msg('cliIncompleteCountInflated', { count: result.count ?? '?', tasks })
    case 'offset-ignored':
      return msg('cliIncompleteOffsetIgnored', { tasks })
    case 'list-moving':
      return msg('cliIncompleteListMoving')
  }
}

async function runCampaigns(args: CampaignsArgs, io: CliIo): Promise<number> {
  await checkOutPath(args.out)
  return withClient(args, io, async (client) => {
    const all: Campaign[] = []
    const seen = new Set<string>()
    let total: number | null = null
    for (let page = 1; page <= MAX_CAMPAIGN_PAGES; page++) {
      const reply = await withRetry(
        () =>
          client.listCampaigns(
            {
              curPage: page,
              rowsPerPage: CAMPAIGN_PAGE_SIZE,
              ...(args.name ? { name: args.name } : {}),
            },
            io.signal ? { signal: io.signal } : {},
          ),
        { retries: args.retries, ...(io.signal ? { signal: io.signal } : {}) },
      )
      total = reply.total
      let fresh = 0
      for (const c of reply.campaigns) {
        if (seen.has(c.id)) continue
        seen.add(c.id)
        all.push(c)
        fresh++
      }
      // Stop on a short page, on the total, or when a server ignoring curPage repeats itself.
      const short = reply.campaigns.length < CAMPAIGN_PAGE_SIZE
      if (short || fresh === 0 || (total !== null && all.length >= total)) break
    }
    // The server's name filter is not documented (exact? substring?): also apply a substring match.
    const needle = args.name?.toLowerCase()
    const campaigns = needle ? all.filter((c) => c.name.toLowerCase().includes(needle)) : all
    const json = () =>
      jsonDocument({ count: campaigns.length, total }, 'campaigns', campaigns, (c) => ({
        id: c.id,
        name: c.name,
        ...c.extra,
      }))
    const xlsx = async (out: string) => {
      const { writeXlsxFile } = await import('../export/xlsx-writer')
      return writeXlsxFile(out, [
        {
          name: 'Campaigns',
          header: ['id', 'name'],
          widths: [24, 60],
          filter: true,
          rows: campaigns.map((c) => [c.id, c.name]),
        },
      ])
    }
    await emit(args, io, campaignColumns(), campaigns, json, 'campaigns', xlsx)
    return EXIT.ok
  })
}

/** The --status / --task-id filters in words, for the workbook's Summary; undefined: none. */
function cliFilter(args: TasksArgs): string | undefined {
  const parts: string[] = []
  if (args.statuses) parts.push(`--status ${args.statuses.join(',')}`)
  if (args.taskIds.length > 0) parts.push(`--task-id ${args.taskIds.join(',')}`)
  return parts.length > 0 ? parts.join(' ') : undefined
}

/**
 * Client-side filters: older servers ignore importTaskIds, and status is not a server-side
 * parameter at all. Empty taskIds / null statuses mean no filter.
 */
export function filterTasks(
  tasks: readonly ImportTask[],
  filter: { taskIds: readonly string[]; statuses: readonly TaskStatus[] | null },
): ImportTask[] {
  const ids = new Set(filter.taskIds)
  const statuses = filter.statuses ? new Set(filter.statuses) : null
  return tasks.filter(
    (t) => (ids.size === 0 || ids.has(t.id)) && (!statuses || statuses.has(t.status)),
  )
}

/** Builds the trust, agent and client, and always closes the agent. */
async function withClient(
  args: ConnectionArgs,
  io: CliIo,
  body: (client: IsalesClient) => Promise<number>,
): Promise<number> {
  const trust = await loadTrust(args)
  let dispatcher: Dispatcher | undefined
  try {
    dispatcher = createAgent(trust, {
      ...(args.timeoutMs !== undefined ? { connectTimeoutMs: args.timeoutMs } : {}),
      connections: 'concurrency' in args ? (args.concurrency as number) : 1,
    })
    const client = new IsalesClient({
      baseUrl: args.server,
      vdnId: args.vdnId,
      ak: args.ak,
      sk: args.sk,
      dispatcher,
      ...(args.timeoutMs !== undefined
        ? { timeouts: { headersMs: args.timeoutMs, bodyMs: args.timeoutMs } }
        : {}),
    })
    return await body(client)
  } catch (err) {
    throw await withCertificateHint(err, args, trust, io)
  } finally {
    await dispatcher?.destroy().catch(() => undefined)
  }
}

async function loadTrust(args: ConnectionArgs): Promise<TlsTrust> {
  const t = args.trust
  if (t.mode !== 'ca') return t
  let pem: string
  try {
    pem = await readFile(t.caFile, 'utf8')
  } catch (err) {
    throw new UsageError(`--ca: cannot read "${t.caFile}" (${errnoText(err)})`)
  }
  try {
    return { mode: 'ca', caPem: validateCaPem(pem) }
  } catch (err) {
    throw new UsageError(`--ca "${t.caFile}": ${isAppError(err) ? err.message : String(err)}`)
  }
}

/** Fails early (exit 2) when --out cannot be a file in an existing directory. */
async function checkOutPath(out: string | undefined): Promise<void> {
  if (out === undefined) return
  const dir = dirname(resolve(out))
  const dirStat = await stat(dir).catch(() => null)
  if (!dirStat?.isDirectory()) throw new UsageError(`--out: the directory "${dir}" does not exist`)
  const outStat = await stat(out).catch(() => null)
  if (outStat?.isDirectory()) throw new UsageError(`--out: "${out}" is a directory`)
}

class OutputError extends Error {}

async function emit<T>(
  args: OutputArgs,
  io: CliIo,
  columns: CsvColumn<T>[],
  rows: T[],
  /** The JSON document in pieces (json-document.ts). */
  json: () => Iterable<string>,
  what: string,
  /** Writes the workbook to a path (--format xlsx, which always has --out). */
  xlsx: (out: string) => Promise<unknown>,
): Promise<void> {
  if (args.out === undefined) {
    if (args.format === 'csv') await writeCsv(io.stdout, columns, rows, { bom: args.bom })
    else await writePieces(io.stdout, json())
    return
  }
  try {
    if (args.format === 'csv') await writeCsvFile(args.out, columns, rows, { bom: args.bom })
    else if (args.format === 'xlsx') await xlsx(args.out)
    else await writeFileAtomic(args.out, (stream) => writePieces(stream, json()))
  } catch (err) {
    throw new OutputError(`could not write "${args.out}" (${errnoText(err)}); nothing was written`)
  }
  if (io.stderr.isTTY) await writeOut(io.stderr, `Wrote ${rows.length} ${what} to ${args.out}\n`)
  // Temp files of earlier runs killed mid-write there go now (only ours, only orphans).
  // (export-service's sweepExportFolder, without loading the workbook writers it imports)
  await sweepAndLog(dirname(resolve(args.out)), { info: () => undefined })
}

function progressLine(
  stderr: OutStream,
): { update: (p: FetchProgress) => void; clear: () => void } | null {
  if (!stderr.isTTY) return null
  let shown = false
  return {
    update: (p) => {
      const of = p.pagesTotal !== null ? ` of ${p.pagesTotal}` : ''
      stderr.write(`\rFetched page ${p.pagesDone}${of}, ${p.tasksSoFar} tasks…\x1b[K`)
      shown = true
    },
    clear: () => {
      if (shown) stderr.write('\r\x1b[K')
    },
  }
}

async function writeOut(stream: Writable, text: string): Promise<void> {
  // A destroyed stream never drains: fail rather than wait forever.
  if (stream.destroyed) throw stream.errored ?? new Error('The output stream is closed')
  if (!stream.write(text)) await once(stream, 'drain')
}

async function writePieces(stream: Writable, pieces: Iterable<string>): Promise<void> {
  for (const piece of pieces) await writeOut(stream, piece)
}

function errnoText(err: unknown): string {
  const e = err as NodeJS.ErrnoException
  return e?.code ?? (e instanceof Error ? e.message : String(err))
}

// --- errors -------------------------------------------------------------------------------

/** CLI wording for the cases where the shared message speaks of the app's screens. */
async function withCertificateHint(
  err: unknown,
  args: ConnectionArgs,
  trust: TlsTrust,
  io: CliIo,
): Promise<unknown> {
  if (!isAppError(err)) return err
  // The shared messages (the app shows them too), plus how to act on them with this command.
  if (err.code === 'cert-changed') {
    const { presentedFingerprint: presented = '?', expectedFingerprint: expected = '?' } =
      err.detail
    return new AppError(
      'cert-changed',
      msg('cliCertChanged', { message: certChangedRef(expected, presented), presented }),
      err.detail,
    )
  }
  if (err.code === 'auth') {
    return new AppError(
      'auth',
      msg('cliAuthFailed', { message: msg('authFailed'), program: PROGRAM }),
      err.detail,
    )
  }
  if (err.code === 'tls' && trust.mode !== 'pin' && isCertificateVerifyError(err)) {
    // Show what the server presents, so the user can check it and pin it.
    const info = await probeCertificate(args.server, {
      gate: new ServerSlots(), // after the requests: nothing else of this process is in flight
      ...(trust.mode === 'ca' ? { caPem: trust.caPem } : {}),
      ...(args.timeoutMs !== undefined ? { timeoutMs: args.timeoutMs } : {}),
      ...(io.signal ? { signal: io.signal } : {}),
    }).catch(() => null)
    const message = err.ref ?? err.message
    const hinted = info
      ? msg('cliCertificateSeen', {
          message,
          fingerprint: info.fingerprint256,
          subject: info.subject,
        })
      : msg('cliCertificateHint', { message })
    return new AppError('tls', hinted, err.detail)
  }
  return err
}

function isCertificateVerifyError(err: AppError): boolean {
  const cause = err.detail.cause ?? ''
  return /CERT|SIGNATURE|ISSUER|ALTNAME|HOSTNAME|INVALID_CA/.test(cause)
}

async function report(err: unknown, argv: readonly string[], env: Env, io: CliIo): Promise<number> {
  let code: number
  let message: string
  if (err instanceof UsageError) {
    code = EXIT.usage
    message = err.message
  } else if (err instanceof OutputError) {
    code = EXIT.internal
    message = err.message
  } else if (isAppError(err)) {
    code = exitCodeFor(err)
    message = err.message
  } else {
    code = EXIT.internal
    message = `unexpected error: ${err instanceof Error ? err.message : String(err)}`
  }
  await writeOut(io.stderr, `${PROGRAM}: ${redact(oneLine(message), argv, env)}\n`).catch(
    () => undefined,
  )
  return code
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim()
}

/** Belt and braces: no message may carry the secret key, whatever it quotes. */
function redact(text: string, argv: readonly string[], env: Env): string {
  const secrets = [env.ISALES_SK ?? '']
  // A mistaken --sk value (or --sk=value) is just as secret.
  argv.forEach((a, i) => {
    if (a === '--sk') secrets.push(argv[i + 1] ?? '')
    else if (a.startsWith('--sk=')) secrets.push(a.slice(5))
  })
  // Every form of it (hex, base64, percent-encoded, any case) and any signature: log/redact.ts.
  // Any non-empty secret is masked, however short: a 1-3 character SK is absurd, but it must
  // still never be printed.
  return redactText(text, secrets)
}

/**
 * The failures by cause for the workbook's Summary sheet. The CLI speaks English and names each
 * group by one of its server messages (the window titles known causes in its language).
 */
function cliTriageRows(tasks: readonly ImportTask[]): TriageGroupRow[] {
  return groupFailures(tasks).map((g) => ({
    cause: g.key === NO_MESSAGE_KEY ? 'Failed records, no message from the server' : g.message,
    imports: g.imports,
    failedRecords: g.failedRecords,
    ...(g.firstAt !== null ? { firstSeen: new Date(g.firstAt).toISOString() } : {}),
    ...(g.lastAt !== null ? { lastSeen: new Date(g.lastAt).toISOString() } : {}),
  }))
}
