import type { z } from 'zod'

/** Field names as the edit dialog shows them. */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  id: 'id',
  name: 'name',
  serverUrl: 'server address',
  vdnId: 'VDN id',
  ak: 'AK',
  signing: 'signing options',
  timestampFormat: 'timestamp format',
  signedHeaders: 'signed headers',
  tls: 'certificate trust',
  caPem: 'CA certificate',
  caLabel: 'CA certificate name',
  fingerprint256: 'certificate fingerprint',
  campaigns: 'watched campaigns',
  label: 'campaign label',
  demo: 'demo flag',
  refreshIntervalSec: 'refresh interval',
  notifications: 'notifications',
  locale: 'language',
  theme: 'theme',
  csvBom: 'CSV byte order mark',
  profiles: 'profiles',
  version: 'format version',
  format: 'format',
}

function label(path: readonly PropertyKey[]): string {
  const parts = path.map((p) =>
    typeof p === 'number' ? `#${p + 1}` : (FIELD_LABELS[String(p)] ?? String(p)),
  )
  return parts.join(' › ')
}

/** The first problem of a zod failure in words: "VDN id: Too big: expected number to be <=9999". */
export function zodProblem(error: z.ZodError): { message: string; field: string } {
  const issue = error.issues[0]
  if (!issue) return { message: 'the data is not valid', field: '' }
  const where = label(issue.path)
  const field = issue.path.map(String).join('.')
  return { message: where ? `${where}: ${issue.message}` : issue.message, field }
}
