import { KILL_WRITERS, type KillWriterKind, type ServerConfig } from './kill-writers'

/**
 * Child process for the kill-mid-write suite (bundled by kill-mid-write.test.ts, run by plain
 * node): writes ever-new generations of one kind of file through the real production code until
 * it is killed. Prints "written <generation>" after each completed write.
 * Usage: node kill-writer.mjs <kind> <dir> [server config JSON]
 */

const [kind, dir, serverJson] = process.argv.slice(2)
if (!kind || !dir || !Object.hasOwn(KILL_WRITERS, kind)) {
  throw new Error(`usage: kill-writer <${Object.keys(KILL_WRITERS).join('|')}> <dir> [server]`)
}
const server = serverJson ? (JSON.parse(serverJson) as ServerConfig) : null
const write = await KILL_WRITERS[kind as KillWriterKind].start(dir, server)

for (let generation = 1; ; generation++) {
  await write(generation)
  process.stdout.write(`written ${generation}\n`)
}
