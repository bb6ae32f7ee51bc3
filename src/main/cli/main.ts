import { TLS_ENV_VARIABLE } from '../tls/env-override'
import { run } from './run'

/**
 * Entry point of the isales-imports CLI (plain Node, no Electron). Thin on purpose: the logic is
 * in run.ts so tests can call it in-process.
 */

const controller = new AbortController()
process.once('SIGINT', () => controller.abort())
// `isales-imports … | head` closes the pipe early: that is not an error worth a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0)
})

// run() sees the variable (and says in one line that it is ignored); the process no longer has it,
// so Node does not add its own warning claiming the connections are insecure (they are not).
const env = { ...process.env }
delete process.env[TLS_ENV_VARIABLE]

run(process.argv.slice(2), env, {
  stdout: process.stdout,
  stderr: process.stderr,
  signal: controller.signal,
}).then(
  (code) => {
    process.exitCode = code
  },
  () => {
    // run() reports its own errors; this is only reached if writing to stderr itself failed.
    process.exitCode = 1
  },
)
