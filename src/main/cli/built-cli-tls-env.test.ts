import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startSimulator, type Simulator } from '../simulator/server'
import { EXIT } from './exit-codes'

/**
 * The built CLI as a whole process with NODE_TLS_REJECT_UNAUTHORIZED=0 in its environment: a
 * server whose certificate is not trusted is still refused (exit 4, no data), and stderr says in
 * one line that the variable is ignored (Node's own "insecure" warning does not appear). Needs
 * `npm run build` (npm test builds first).
 */

const CLI = resolve(dirname(fileURLToPath(import.meta.url)), '../../../out/main/cli.js')

let sim: Simulator
beforeAll(async () => {
  sim = await startSimulator() // self-signed: trusted by no system root
})
afterAll(() => sim.close())

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  if (!existsSync(CLI)) throw new Error(`${CLI} does not exist: run npm run build first`)
  const env = {
    PATH: process.env.PATH ?? '',
    ISALES_AK: sim.ak,
    ISALES_SK: sim.sk,
    NODE_TLS_REJECT_UNAUTHORIZED: '0',
  }
  return new Promise((done) => {
    execFile(process.execPath, [CLI, ...args], { env }, (error, stdout, stderr) => {
      done({ code: error ? Number(error.code) : 0, stdout, stderr })
    })
  })
}

describe('built isales-imports with NODE_TLS_REJECT_UNAUTHORIZED=0', () => {
  it('still refuses an untrusted server with exit 4, saying once that the variable is ignored', async () => {
    const r = await cli(['campaigns', '--server', sim.url, '--vdn', '1'])
    expect(r.code).toBe(EXIT.tls)
    expect(r.stdout).toBe('')
    const lines = r.stderr.trimEnd().split('\n')
    expect(lines.filter((l) => l.includes('NODE_TLS_REJECT_UNAUTHORIZED'))).toEqual([
      'isales-imports: warning: NODE_TLS_REJECT_UNAUTHORIZED=0 is ignored: server certificates are always checked. To reach a server with a private or self-signed certificate, use --ca FILE or --pin FINGERPRINT.',
    ])
    expect(lines).toHaveLength(2) // the warning and the refusal
    expect(sim.stats.requests).toBe(0) // nothing was sent to the untrusted server
  })

  it('still works with the server pinned', async () => {
    const r = await cli([
      'campaigns',
      '--server',
      sim.url,
      '--vdn',
      '1',
      '--pin',
      sim.fingerprint256,
    ])
    expect(r.code).toBe(EXIT.ok)
    expect(JSON.parse(r.stdout)).toMatchObject({ campaigns: expect.any(Array) })
  })
})
