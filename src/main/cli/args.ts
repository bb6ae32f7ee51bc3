// Over 400 lines: a quarter of it is the help text, which must sit next to the flags it describes.
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { isAppError } from '../../shared/errors'
import { TASK_STATUSES, type TaskStatus } from '../../shared/import-task'
import { exportFields } from '../../shared/task-fields'
import { taskExportColumns } from '../export/task-columns'
import { DEFAULT_CONCURRENCY } from '../isales/fetch-all'
import { INITIAL_LIMIT } from '../isales/adaptive-limit'
import { MAX_IN_FLIGHT_PER_SERVER, MAX_VDN_ID, MIN_VDN_ID } from '../../shared/limits'
import { parseServerUrl } from '../../shared/server-url'
import { DEFAULT_RETRIES } from '../isales/retry'
import { normalizeFingerprint } from '../tls/trust'

/** Command-line parsing and validation for isales-imports. Pure: no I/O besides reading argv/env. */

export const PROGRAM = 'isales-imports'

/**
 * --retries accepts 0 to this. The defaults of --retries and --concurrency, and the --concurrency
 * cap, are the client's own (isales/retry.ts, isales/fetch-all.ts, shared/limits.ts).
 */
const MAX_RETRIES = 10

/** Help lines naming the CSV columns, from the field table, wrapped like the rest of the help. */
function csvColumnsHelp(): string {
  const required = exportFields().filter((f) => !f.optional)
  const optional = exportFields().filter((f) => f.optional)
  // The column list reads as one run of text: it breaks only after a comma, with no space.
  const fieldKeys = new Set<string>(exportFields().map((f) => f.key))
  const derived = taskExportColumns()
    .map((c) => c.key)
    .filter((k) => !fieldKeys.has(k))
  const columns = [
    ...required.map((f) => `${f.key},`),
    `${optional.map((f) => `[${f.key},]`).join('')}${derived.join(',')}:`,
  ]
  const prose = `the JSON fields in the JSON order (${optional.map((f) => f.key).join(', ')} only when the server sends it), then the status as text, the duration and the success rate.`
  const words = [
    ...['csv:', 'columns'].map((text) => ({ text, glued: false })),
    ...columns.map((text, i) => ({ text, glued: i > 0 })),
    ...prose.split(' ').map((text) => ({ text, glued: false })),
  ]
  const lines: string[] = []
  let line = ''
  for (const { text, glued } of words) {
    const joined = line === '' ? text : glued ? line + text : `${line} ${text}`
    if (joined.length > HELP_TEXT_WIDTH && line !== '') {
      lines.push(line)
      line = text
    } else line = joined
  }
  lines.push(line)
  return lines.map((l) => HELP_INDENT + l).join('\n')
}

const HELP_INDENT = ' '.repeat(23)
const HELP_TEXT_WIDTH = 73

export const HELP = `Usage:
  ${PROGRAM} tasks --server https://IP:PORT --vdn N --campaign ID [options]
  ${PROGRAM} blacklist-tasks --server https://IP:PORT --vdn N [options]
  ${PROGRAM} campaigns --server https://IP:PORT --vdn N [--name TEXT] [options]
  ${PROGRAM} --help | --version

Queries Huawei CC-iSales outbound call data import results (queryDataImportTask).

Commands:
  tasks        Every import task of one campaign (all pages).
  blacklist-tasks
               Every blacklist file import of the VDN (all pages; blackfile interface).
               The flags and output of tasks, without --campaign.
  campaigns    The campaigns of a VDN: id and name.

Connection:
  --server URL         https://ip:port of the iSales server (no path).
  --vdn N              VDN id, ${MIN_VDN_ID}-${MAX_VDN_ID}.
  --ak AK              Access key; default: the ISALES_AK environment variable.
                       The secret key is read ONLY from the ISALES_SK environment variable.
  --ca FILE            Trust this CA certificate (PEM) in addition to the system roots.
  --pin SHA256         Trust exactly the certificate with this SHA-256 fingerprint
                       (AB:CD:... or 64 hex digits). --ca and --pin are mutually exclusive;
                       without either, the system roots decide.
  --timeout SECONDS    Connect and per-request timeout (default: 10 s connect, 15 s headers,
                       30 s body).
  --retries N          Retries per request on network errors, timeouts, HTTP 429/5xx
                       (0-${MAX_RETRIES}, default ${DEFAULT_RETRIES}).

tasks:
  --campaign ID        Campaign id.
  --task-id ID         Only these import tasks; repeatable, or comma-separated. Sent to the
                       server and also filtered here (older servers ignore the filter).
  --status LIST        Only tasks in these states, e.g. 2,3: 0 preparing, 1 importing,
                       2 imported, 3 import failed. Filtered here after fetching.
  --concurrency N      Most pages fetched in parallel, 1-${MAX_IN_FLIGHT_PER_SERVER} (default ${DEFAULT_CONCURRENCY}). The fetch
                       starts at ${INITIAL_LIMIT}, adds pages while the server answers fast, and
                       backs off at once on HTTP 429, 0200022, 5xx or slower replies.

campaigns:
  --name TEXT          Only campaigns whose name contains TEXT.

Output:
  --format json|csv|xlsx
                       Default json.
                       json: {"count": N, "total": T, "tasks": [...]} where count is the number
                       of tasks in the output (after --status/--task-id) and total is the
                       server's own count for the campaign (null when the server omits it).
                       Task ids are strings. campaigns prints {"count", "total", "campaigns"}.
${csvColumnsHelp()}
                       RFC 4180, CRLF line ends. Ids start with ' so a spreadsheet keeps all
                       their digits; times are local ISO 8601 with offset (2026-12-02T09:15:00
                       +08:00); durationSec in seconds; successRate 0-1. Text cells starting
                       with = + - @ tab or CR get a leading ' so spreadsheets do not run them.
                       xlsx (needs --out): sheet Imports with the same columns (ids as text,
                       real local date-times, numbers, frozen header, filter) and sheet
                       Summary (counts, records, server, filter).
  --bom                Start the CSV with a UTF-8 byte-order mark, for Excel. Off by default,
                       for stdout and --out alike.
  --out FILE           Write to FILE instead of stdout, atomically: on any failure the file is
                       not created and an existing file is left unchanged.

Exit codes:
  0  success
  1  unexpected error (for example the --out file could not be written)
  2  usage error: bad or missing flag, bad --server, --vdn outside ${MIN_VDN_ID}-${MAX_VDN_ID}, bad --pin,
     unreadable --ca file, missing AK (--ak / ISALES_AK) or SK (ISALES_SK)
  3  authentication rejected (HTTP 401): check AK, SK and this computer's clock
  4  TLS or certificate problem, including a --pin mismatch
  5  iSales error code (the message shows the code, its meaning and the server's text),
     including 0200022 (called too frequently) after the retries
  6  network failure or timeout; also HTTP 429 or 5xx after retries, other HTTP errors and
     malformed replies
  130 interrupted

Errors are one line on stderr, prefixed "${PROGRAM}: ". Progress goes to stderr when it is a
terminal.
`

export const SK_ON_COMMAND_LINE =
  'The secret key is read only from the ISALES_SK environment variable, never from the command line (it would show in the process list and shell history)'

export class UsageError extends Error {
  override readonly name = 'UsageError'
}

export type OutputFormat = 'json' | 'csv' | 'xlsx'

export type TrustArg =
  { mode: 'system' } | { mode: 'ca'; caFile: string } | { mode: 'pin'; fingerprint256: string }

export interface ConnectionArgs {
  server: string
  vdnId: number
  ak: string
  sk: string
  trust: TrustArg
  /** Applies to connect, headers and body; undefined: the client's defaults. */
  timeoutMs?: number
  retries: number
}

export interface OutputArgs {
  format: OutputFormat
  out?: string
  bom: boolean
}

export interface TasksArgs extends ConnectionArgs, OutputArgs {
  command: 'tasks' | 'blacklist-tasks'
  /** null for blacklist-tasks: the blacklist interface has no campaign. */
  campaignId: string | null
  /** Empty: all tasks. */
  taskIds: string[]
  /** null: every status. */
  statuses: TaskStatus[] | null
  concurrency: number
}

export interface CampaignsArgs extends ConnectionArgs, OutputArgs {
  command: 'campaigns'
  name?: string
}

export type CliArgs = { command: 'help' } | { command: 'version' } | TasksArgs | CampaignsArgs

export type Env = Readonly<Record<string, string | undefined>>

const OPTIONS = {
  server: { type: 'string' },
  vdn: { type: 'string' },
  campaign: { type: 'string' },
  'task-id': { type: 'string', multiple: true },
  status: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  bom: { type: 'boolean' },
  ca: { type: 'string' },
  pin: { type: 'string' },
  concurrency: { type: 'string' },
  ak: { type: 'string' },
  timeout: { type: 'string' },
  retries: { type: 'string' },
  name: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const satisfies ParseArgsConfig['options']

type OptionName = keyof typeof OPTIONS

const COMMON: readonly OptionName[] = [
  'server',
  'vdn',
  'ak',
  'ca',
  'pin',
  'timeout',
  'retries',
  'format',
  'out',
  'bom',
]
const ALLOWED: Record<'tasks' | 'blacklist-tasks' | 'campaigns', ReadonlySet<OptionName>> = {
  tasks: new Set([...COMMON, 'campaign', 'task-id', 'status', 'concurrency']),
  'blacklist-tasks': new Set([...COMMON, 'task-id', 'status', 'concurrency']),
  campaigns: new Set([...COMMON, 'name']),
}

function usage(message: string): UsageError {
  return new UsageError(message)
}

/** Checked before parseArgs so that even a malformed `--sk` never reaches a generic message. */
function mentionsSk(argv: readonly string[]): boolean {
  for (const arg of argv) {
    if (arg === '--') return false
    if (arg === '--sk' || arg.startsWith('--sk=')) return true
  }
  return false
}

function parseInteger(flag: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) < min || Number(text) > max) {
    throw usage(`--${flag} must be a whole number from ${min} to ${max} (got "${text}")`)
  }
  return Number(text)
}

/** The same address check as the app and the client (shared/server-url.ts). */
function parseServer(text: string): string {
  try {
    return parseServerUrl(text).origin
  } catch (err) {
    throw usage(`--server: ${isAppError(err) ? err.message : String(err)}`)
  }
}

function parseStatuses(text: string): TaskStatus[] {
  const parts = text.split(',').map((s) => s.trim())
  const bad = parts.find((p) => !(TASK_STATUSES as readonly string[]).includes(p))
  if (bad !== undefined) {
    throw usage(
      `--status takes a comma-separated list of 0 (preparing), 1 (importing), 2 (imported), ` +
        `3 (import failed); "${bad}" is not one of them`,
    )
  }
  return [...new Set(parts as TaskStatus[])]
}

function parseTaskIds(values: readonly string[]): string[] {
  const ids = values.flatMap((v) => v.split(',')).map((s) => s.trim())
  if (ids.some((id) => id === '')) throw usage('--task-id needs a non-empty import task id')
  return [...new Set(ids)]
}

function parseTimeout(text: string): number {
  const seconds = Number(text)
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || !(seconds > 0) || seconds > 3600) {
    throw usage(
      `--timeout must be a number of seconds greater than 0, at most 3600 (got "${text}")`,
    )
  }
  return Math.round(seconds * 1000)
}

function parseFingerprint(text: string): string {
  try {
    return normalizeFingerprint(text)
  } catch (err) {
    throw usage(`--pin: ${isAppError(err) ? err.message : String(err)}`)
  }
}

function required(value: string | undefined, flag: string, what: string): string {
  if (value === undefined || value.trim() === '') throw usage(`missing --${flag} (${what})`)
  return value.trim()
}

function parseStrict(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: OPTIONS,
    allowPositionals: true,
    strict: true,
    tokens: true,
  })
}

export function parseCliArgs(argv: readonly string[], env: Env): CliArgs {
  if (mentionsSk(argv)) throw usage(SK_ON_COMMAND_LINE)

  let parsed: ReturnType<typeof parseStrict>
  try {
    parsed = parseStrict(argv)
  } catch (err) {
    // Node's messages name the flag; drop its "To specify a positional…" advice.
    const message = err instanceof Error ? err.message.split('\n')[0]!.replace(/\. To .*$/, '') : ''
    throw usage(`${message || 'invalid arguments'}; see ${PROGRAM} --help`)
  }
  const { values, positionals, tokens } = parsed

  if (values.help) return { command: 'help' }
  if (values.version) return { command: 'version' }

  const [command, ...extra] = positionals
  if (command === undefined) {
    throw usage(`missing command: tasks, blacklist-tasks or campaigns; see ${PROGRAM} --help`)
  }
  if (command !== 'tasks' && command !== 'blacklist-tasks' && command !== 'campaigns') {
    throw usage(
      `unknown command "${command}": use tasks, blacklist-tasks or campaigns; see ${PROGRAM} --help`,
    )
  }
  if (extra.length > 0) throw usage(`unexpected argument "${extra[0]}"`)

  const seen = new Set<string>()
  for (const token of tokens) {
    if (token.kind !== 'option') continue
    const name = token.name as OptionName
    if (!ALLOWED[command].has(name)) {
      throw usage(`--${name} does not apply to the ${command} command`)
    }
    if (name !== 'task-id' && seen.has(name)) throw usage(`--${name} is given more than once`)
    seen.add(name)
  }

  const server = parseServer(
    required(values.server, 'server', 'the iSales address, https://ip:port'),
  )
  const vdnId = parseInteger(
    'vdn',
    required(values.vdn, 'vdn', `the VDN id, ${MIN_VDN_ID}-${MAX_VDN_ID}`),
    MIN_VDN_ID,
    MAX_VDN_ID,
  )

  if (values.ca !== undefined && values.pin !== undefined) {
    throw usage(
      '--ca and --pin are mutually exclusive: trust either a CA or one pinned certificate',
    )
  }
  let trust: TrustArg = { mode: 'system' }
  if (values.ca !== undefined)
    trust = { mode: 'ca', caFile: required(values.ca, 'ca', 'a PEM file') }
  if (values.pin !== undefined)
    trust = { mode: 'pin', fingerprint256: parseFingerprint(values.pin) }

  const format = values.format ?? 'json'
  if (format !== 'json' && format !== 'csv' && format !== 'xlsx') {
    throw usage(`--format must be json, csv or xlsx (got "${format}")`)
  }
  if (format === 'xlsx' && values.out === undefined) {
    throw usage(
      '--format xlsx writes a workbook file, which cannot go to standard output: add --out FILE.xlsx',
    )
  }
  if (values.bom && format !== 'csv') throw usage('--bom applies only to --format csv')
  if (values.out !== undefined && values.out.trim() === '') throw usage('--out needs a file name')

  const ak = (values.ak ?? env.ISALES_AK ?? '').trim()
  if (ak === '') {
    throw usage('missing the access key: pass --ak AK or set the ISALES_AK environment variable')
  }
  if (/[\s/]/.test(ak))
    throw usage('the access key (--ak / ISALES_AK) must not contain spaces or "/"')
  const sk = env.ISALES_SK ?? ''
  if (sk === '') throw usage('missing the secret key: set the ISALES_SK environment variable')

  const common: ConnectionArgs & OutputArgs = {
    server,
    vdnId,
    ak,
    sk,
    trust,
    retries:
      values.retries === undefined
        ? DEFAULT_RETRIES
        : parseInteger('retries', values.retries, 0, MAX_RETRIES),
    format,
    bom: values.bom ?? false,
    ...(values.timeout !== undefined ? { timeoutMs: parseTimeout(values.timeout) } : {}),
    ...(values.out !== undefined ? { out: values.out } : {}),
  }

  if (command === 'campaigns') {
    const name = values.name?.trim()
    return { command, ...common, ...(name ? { name } : {}) }
  }
  return {
    command,
    ...common,
    campaignId:
      command === 'tasks' ? required(values.campaign, 'campaign', 'the campaign id') : null,
    taskIds: parseTaskIds(values['task-id'] ?? []),
    statuses: values.status === undefined ? null : parseStatuses(values.status),
    concurrency:
      values.concurrency === undefined
        ? DEFAULT_CONCURRENCY
        : parseInteger('concurrency', values.concurrency, 1, MAX_IN_FLIGHT_PER_SERVER),
  }
}
