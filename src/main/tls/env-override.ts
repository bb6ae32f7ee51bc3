/**
 * NODE_TLS_REJECT_UNAUTHORIZED=0 turns certificate checks off for every connection of a Node
 * process that does not say otherwise. The app always says otherwise (agent-factory.ts passes
 * rejectUnauthorized: true, the pinned connector checks the pin itself), so the variable changes
 * nothing; this module only lets the app and the CLI say so once, plainly.
 */

export const TLS_ENV_VARIABLE = 'NODE_TLS_REJECT_UNAUTHORIZED'

/** The sentence for the log: what was set and that it changes nothing. */
export const TLS_ENV_IGNORED =
  'NODE_TLS_REJECT_UNAUTHORIZED=0 is set and ignored: server certificates are always checked.'

/** True when the environment asks Node to turn certificate checks off ('0' is the only value that does). */
export function tlsChecksOffRequested(env: Readonly<Record<string, string | undefined>>): boolean {
  return env[TLS_ENV_VARIABLE] === '0'
}
