import { Writable } from 'node:stream'
import { formatMessage } from '../../shared/messages'
import { startSimulator, type Simulator } from '../simulator/server'
import { EXIT } from './exit-codes'
import { run } from './run'

/** The CLI's one-line warning when the server's list could not be read whole. */

class Capture extends Writable {
  text = ''
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString('utf8')
    cb()
  }
}

let sim: Simulator

beforeAll(async () => {
  sim = await startSimulator({
    campaigns: [
      { id: 'inflated', name: 'Claims 100,000', taskCount: 250, inflateCount: 100_000 },
      { id: 'same-page', name: 'Ignores offset', taskCount: 300, ignoreOffset: true, seed: 2 },
      { id: 'honest', name: 'Honest', taskCount: 250, seed: 3 },
    ],
  })
})

afterAll(async () => {
  await sim.close()
})

async function tasks(campaignId: string) {
  const stdout = new Capture()
  const stderr = new Capture()
  const argv = ['tasks', '--server', sim.url, '--vdn', '1', '--pin', sim.fingerprint256]
  const code = await run(
    [...argv, '--campaign', campaignId],
    { ISALES_AK: sim.ak, ISALES_SK: sim.sk },
    { stdout, stderr },
  )
  const out = JSON.parse(stdout.text) as { count: number; total: number | null }
  return { code, out, stderr: stderr.text }
}

describe('tasks from a server whose list cannot be read whole', () => {
  it('warns in one stderr line that the count was inflated, prints what it got and exits 0', async () => {
    const r = await tasks('inflated')
    expect(r.code).toBe(EXIT.ok)
    expect(r.out).toMatchObject({ count: 250, total: 100_000 })
    const line = formatMessage('en', 'cliIncompleteCountInflated', { count: 100_000, tasks: 250 })
    expect(r.stderr).toBe(`isales-imports: ${line}\n`)
    expect(r.stderr).toContain('claimed 100000 tasks')
  })

  it('warns in one stderr line that the server ignores the offset, and exits 0', async () => {
    const r = await tasks('same-page')
    expect(r.code).toBe(EXIT.ok)
    expect(r.out.count).toBe(100)
    const line = formatMessage('en', 'cliIncompleteOffsetIgnored', { tasks: 100 })
    expect(r.stderr).toBe(`isales-imports: ${line}\n`)
  })

  it('prints no warning for a list read whole', async () => {
    const r = await tasks('honest')
    expect(r.code).toBe(EXIT.ok)
    expect(r.out.count).toBe(250)
    expect(r.stderr).toBe('')
  })
})
