import { describeSimulator, parseSimulatorArgs, USAGE } from './cli-args'
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
  const sim = await startSimulator(args.options)
  if (args.live) sim.startTicking(2000)
  process.stdout.write(describeSimulator(sim, args.live) + '\n')

  const stop = (): void => {
    process.stdout.write('\nStopping the simulator\n')
    void sim.close().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((e: unknown) => {
  process.stderr.write(`Simulator failed to start: ${e instanceof Error ? e.message : String(e)}\n`)
  process.exit(1)
})
