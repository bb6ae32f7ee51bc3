/**
 * Paging a large campaign over real HTTPS with 20 ms of server latency per reply: the product's
 * default (adaptive, up to 10 in flight) and 10 pinned, against the naive way, one page after another.
 */
import { afterAll, beforeAll, bench, describe } from 'vitest'
import type { Dispatcher } from 'undici'
import { IsalesClient } from '../src/main/isales/client'
import { fetchAllImportTasks } from '../src/main/isales/fetch-all'
import { startSimulator, type Simulator } from '../src/main/simulator/server'
import { createAgent } from '../src/main/tls/agent-factory'

let sim: Simulator
let agent: Dispatcher
let client: IsalesClient

beforeAll(async () => {
  sim = await startSimulator({
    campaigns: [{ id: 'big', name: 'Bench', taskCount: 3000, seed: 7 }],
    faults: { latencyMs: 20 },
  })
  agent = createAgent({ mode: 'pin', fingerprint256: sim.fingerprint256 })
  client = new IsalesClient({
    baseUrl: sim.url,
    vdnId: 1,
    ak: sim.ak,
    sk: sim.sk,
    dispatcher: agent,
  })
})

afterAll(async () => {
  await agent.close()
  await sim.close()
})

async function fetchWith(concurrency?: number): Promise<void> {
  const result = await fetchAllImportTasks(client, {
    campaignId: 'big',
    ...(concurrency === undefined ? {} : { concurrency, adaptive: false }),
  })
  if (result.tasks.length !== 3000)
    throw new Error(`expected 3000 tasks, got ${result.tasks.length}`)
}

describe('fetch 3,000 tasks (30 pages, 20 ms latency each)', () => {
  bench('sequential pages (naive)', () => fetchWith(1), { iterations: 3, warmupIterations: 1 })
  bench('adaptive, up to 10 in flight (default)', () => fetchWith(), {
    iterations: 3,
    warmupIterations: 1,
  })
  bench('10 in flight, pinned', () => fetchWith(10), { iterations: 3, warmupIterations: 1 })
})
