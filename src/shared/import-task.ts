/** The import-task model shared by main, the CLI and the renderer. */
import type { TaskFieldValues } from './task-fields'

/** "0" preparing, "1" importing, "2" imported, "3" import failed (docs/isales-interface.md#status). */
export type TaskStatus = '0' | '1' | '2' | '3'

export const TASK_STATUSES: readonly TaskStatus[] = ['0', '1', '2', '3']

export const STATUS_LABELS: Readonly<Record<TaskStatus, string>> = {
  '0': 'Preparing',
  '1': 'Importing',
  '2': 'Imported',
  '3': 'Import failed',
}

export function isInProgress(status: TaskStatus): boolean {
  return status === '0' || status === '1'
}

/**
 * One import task as the app holds it: the fields of TASK_FIELDS (task-fields.ts; id a 30-digit
 * string, times as raw server text plus parsed instants, counts, errMsg as text, blackNum only
 * when the server sends it), plus the fields the document does not name, kept as sent.
 */
export interface ImportTask extends TaskFieldValues {
  extra: Record<string, unknown>
}

export interface Campaign {
  id: string
  name: string
  /** Fields beyond id and name, kept as sent. */
  extra: Record<string, unknown>
}

/** What a server presented during a TLS handshake (for trust-on-first-use). */
export interface CertificateInfo {
  subject: string
  issuer: string
  validFrom: string
  validTo: string
  subjectAltNames: string[]
  /** SHA-256 fingerprint, upper-case hex pairs separated by colons. */
  fingerprint256: string
  /** Whether the chain verifies against the system roots (plus the custom CA if one was given). */
  chainVerified: boolean
  /** Why it did not verify (e.g. DEPTH_ZERO_SELF_SIGNED_CERT). */
  verifyError?: string
  /** PEM of the leaf certificate. */
  pem: string
}
