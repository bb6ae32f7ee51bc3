import {
  describeSimulator,
  parseSimulatorArgs,
  rotationLine,
  scheduleCertificateRotation,
  startupErrorMessage,
  USAGE,
} from './cli-args'
import { startSimulator } from './server'

/** Entry point of `npm run simulator` (out/main/simulator.js): parse, start, print, wait. */

async function main(): Promise<void> {
  let args
  try {
    args = parseSimulatorArgs(process.argv.slice(2))
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`)
    process.exitCode = 2
    return
  }
  if (args.help) {
    process.stdout.write(USAGE)
    return
  }
  let sim
  try {
    sim = await startSimulator(args.options)
  } catch (e) {
    process.stderr.write(`${startupErrorMessage(e, args.options.port ?? 0)}\n`)
    process.exit(1)
  }
  if (args.live) sim.startTicking(2000)
  process.stdout.write(describeSimulator(sim, args.live) + '\n')

  let stopRotation = (): void => {}
  if (args.rotateCertEverySeconds !== undefined) {
    process.stdout.write(
      `Rotating the certificate every ${args.rotateCertEverySeconds} s (--rotate-cert-every)\n`,
    )
    stopRotation = scheduleCertificateRotation(sim, args.rotateCertEverySeconds, {
      rotated: (fingerprint) => process.stdout.write(rotationLine(fingerprint) + '\n'),
      failed: (e) =>
        process.stderr.write(
          `Certificate rotation failed: ${e instanceof Error ? e.message : String(e)}\n`,
        ),
    })
  }

  const running = sim
  const stop = (): void => {
    stopRotation()
    process.stdout.write('\nStopping the simulator\n')
    void running.close().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((e: unknown) => {
  process.stderr.write(`Simulator failed: ${e instanceof Error ? e.message : String(e)}\n`)
  process.exit(1)
})
