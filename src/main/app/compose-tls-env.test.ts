/**
 * The app started with NODE_TLS_REJECT_UNAUTHORIZED=0 in its environment says in its log that the
 * variable is ignored (the checks themselves: tls/env-override.test.ts).
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { TLS_ENV_IGNORED, TLS_ENV_VARIABLE } from '../tls/env-override'
import { removeRoot, startHarness, type Harness } from '../testing/compose-harness'

const saved = process.env[TLS_ENV_VARIABLE]
const started: Harness[] = []

afterEach(async () => {
  if (saved === undefined) delete process.env[TLS_ENV_VARIABLE]
  else process.env[TLS_ENV_VARIABLE] = saved
  for (const h of started.splice(0)) {
    await h.dispose()
    await removeRoot(h.root)
  }
})

async function logAfterStart(value: string | undefined): Promise<string> {
  if (value === undefined) delete process.env[TLS_ENV_VARIABLE]
  else process.env[TLS_ENV_VARIABLE] = value
  const h = await startHarness()
  started.push(h)
  const path = join(h.userDataDir, 'logs', 'main.log')
  await vi.waitFor(() => readFile(path, 'utf8'))
  return readFile(path, 'utf8')
}

describe('NODE_TLS_REJECT_UNAUTHORIZED at start-up', () => {
  it('logs once that =0 is ignored', async () => {
    const log = await logAfterStart('0')
    expect(log.split(TLS_ENV_IGNORED)).toHaveLength(2)
  })

  it('logs nothing about it when it is not set', async () => {
    const log = await logAfterStart(undefined).catch(() => '')
    expect(log).not.toContain(TLS_ENV_VARIABLE)
  })
})
