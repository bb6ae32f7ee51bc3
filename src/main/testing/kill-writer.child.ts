import { TaskCache } from '../cache/task-cache'
import { generationEntry } from './cache-entries'

/**
 * Child process for the kill-mid-write test (bundled by task-cache.test.ts, run by plain node):
 * writes ever-new generations of a big entry through the real TaskCache until it is killed.
 * Prints "written <generation>" after each completed write.
 * Usage: node kill-writer.mjs <userDataDir> <taskCount>
 */

const [userDataDir, countText] = process.argv.slice(2)
if (!userDataDir || !countText) throw new Error('usage: kill-writer <userDataDir> <taskCount>')
const taskCount = Number(countText)
const cache = new TaskCache({
  userDataDir,
  log: { warn: (message) => process.stderr.write(`${message}\n`) },
})

for (let generation = 1; ; generation++) {
  // Sizes alternate, so a file mixing two writes could not even have the right length.
  await cache.put(generationEntry(generation, taskCount + (generation % 2) * 37))
  process.stdout.write(`written ${generation}\n`)
}
