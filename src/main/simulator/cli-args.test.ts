import { DEFAULT_PORT, describeSimulator, parseSimulatorArgs } from './cli-args'
import type { Simulator } from './server'

describe('parseSimulatorArgs', () => {
  it('defaults to the stable demo port, random credentials and the default campaigns', () => {
    const { options, live, help } = parseSimulatorArgs([], {})
    expect(options.port).toBe(DEFAULT_PORT)
    expect(live).toBe(false)
    expect(help).toBe(false)
    expect(options.credentials?.ak).toMatch(/^[A-Z0-9]{20}$/)
    expect(options.credentials?.sk).toMatch(/^[A-Z0-9]{40}$/)
    expect(options.campaigns?.[0]).toMatchObject({ id: '1001', taskCount: 250, live: true })
  })

  it('reads every flag; the SK comes only from ISALES_SK', () => {
    const { options, live } = parseSimulatorArgs(
      [
        '--port',
        '0',
        '--tasks',
        '5000',
        '--seed',
        '9',
        '--ak',
        'myak',
        '--live',
        '--fault',
        'http500=3,http429=2',
        '--fault',
        'slowBody=1',
        '--latency',
        '250',
      ],
      { ISALES_SK: 'mysk' },
    )
    expect(live).toBe(true)
    expect(options).toMatchObject({
      port: 0,
      seed: 9,
      credentials: { ak: 'myak', sk: 'mysk' },
      faults: { http500: 3, http429: 2, slowBody: 1, latencyMs: 250 },
    })
    expect(options.campaigns?.map((c) => [c.taskCount, c.seed])[0]).toEqual([5000, 9])
    expect(options.campaigns?.[1]?.seed).toBe(10)
  })

  it('rejects bad values', () => {
    expect(() => parseSimulatorArgs(['--tasks', '100001'], {})).toThrow(/--tasks/)
    expect(() => parseSimulatorArgs(['--port', 'x'], {})).toThrow(/--port/)
    expect(() => parseSimulatorArgs(['--fault', 'nope=1'], {})).toThrow(/Unknown fault/)
    expect(() => parseSimulatorArgs(['--sk', 'secret'], {})).toThrow()
  })
})

describe('describeSimulator', () => {
  it('prints what the CLI needs, with a ready-to-run command line', () => {
    const sim = {
      url: 'https://127.0.0.1:28443',
      ak: 'AK1',
      sk: 'SK1',
      fingerprint256: 'AA:BB',
      campaigns: [{ id: '1001', name: 'Spring', vdnId: 1, tasks: [{}, {}] }],
    } as unknown as Simulator
    const text = describeSimulator(sim, true)
    expect(text).toContain('https://127.0.0.1:28443')
    expect(text).toContain('VDN id: 1')
    expect(text).toContain('1001   Spring (2 tasks, VDN 1)')
    expect(text).toContain('AK: AK1')
    expect(text).toContain('SK: SK1')
    expect(text).toContain('fingerprint: AA:BB')
    expect(text).toContain(
      'ISALES_AK=AK1 ISALES_SK=SK1 isales-imports tasks --server https://127.0.0.1:28443 --vdn 1 --campaign 1001 --pin AA:BB',
    )
  })
})
