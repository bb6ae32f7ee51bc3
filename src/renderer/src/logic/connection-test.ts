/**
 * "Test connection" in plain words: what the signed request found, as one headline the profile
 * dialog shows next to the certificate card (the error's own lines follow it).
 */
import type { ConnectionOutcome } from '@shared/contract'
import type { ErrorPayload } from '@shared/errors'

export type TestVerdict =
  /** Signed and accepted: AK, SK and VDN are right. */
  | 'ok'
  /** The certificate is not trusted yet: nothing was signed. */
  | 'untrusted'
  /** HTTP 401: the server refused the signature. */
  | 'wrongKey'
  /** A parameter error on the campaign list, whose only parameter from the form is the VDN id. */
  | 'wrongVdn'
  /** No SK typed, and the stored one may not go to these settings. */
  | 'needKey'
  /** Anything else (network, TLS, time-out, another iSales code): the error says what. */
  | 'failed'

/** The parameter-error codes (docs/isales-interface.md#error-codes). */
const VDN_CODES: readonly string[] = [
  '0200001',
  '02000001',
  '02000002',
  '02000003',
  '02000004',
  '02000005',
]

export interface TestView {
  verdict: TestVerdict
  tone: 'success' | 'warning' | 'error'
  /** The server's campaign count, when the request was accepted. */
  count?: number
  error?: ErrorPayload
}

export function verdictOf(error: ErrorPayload): TestVerdict {
  if (error.code === 'auth') return 'wrongKey'
  if (error.code === 'isales' && VDN_CODES.includes(error.detail?.resultCode ?? '')) {
    return 'wrongVdn'
  }
  if (error.code === 'validation' && error.detail?.field === 'sk') return 'needKey'
  return 'failed'
}

export function testView(outcome: ConnectionOutcome): TestView {
  switch (outcome.kind) {
    case 'ok':
      return { verdict: 'ok', tone: 'success', count: outcome.campaignCount }
    case 'untrusted':
      return { verdict: 'untrusted', tone: 'warning' }
    case 'failed': {
      const verdict = verdictOf(outcome.error)
      return { verdict, tone: verdict === 'needKey' ? 'warning' : 'error', error: outcome.error }
    }
  }
}
