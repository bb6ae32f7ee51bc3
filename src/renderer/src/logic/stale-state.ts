/**
 * What a stale snapshot means for the window: which words the stale banner says, whether it
 * offers a retry, and whether the error panel must say more. From main's snapshot only
 * (contract.ts TaskSnapshot: error, halted, failures).
 */
import type { IncompleteReason, TaskSnapshot } from '@shared/contract'
import { isReachabilityProblem } from '@shared/error-kinds'

export type StaleKind =
  /** The server could not be reached: main retries with back-off. */
  | 'unreachable'
  /** The server answered wrongly (a bad reply): main tries again by itself. */
  | 'retrying'
  /** The same failure came again and again: automatic refresh stopped until "Retry now". */
  | 'halted'
  /** A failure only the user can fix (keys, permission, certificate…): the error panel says what. */
  | 'failed'

export function staleKind(s: Pick<TaskSnapshot, 'error' | 'halted' | 'failures'>): StaleKind {
  const e = s.error ?? null
  if (e === null || isReachabilityProblem(e)) return 'unreachable'
  if (s.halted) return (s.failures ?? 0) > 1 ? 'halted' : 'failed'
  return s.failures !== undefined ? 'retrying' : 'failed'
}

/** The i18n key of the warning for an incomplete list (no reason: one read from the cache). */
export function incompleteKey(reason: IncompleteReason | undefined): string {
  switch (reason) {
    case 'count-inflated':
      return 'banner.incompleteCountInflated'
    case 'offset-ignored':
      return 'banner.incompleteOffsetIgnored'
    default:
      return 'banner.incomplete'
  }
}
