import { createServer } from 'node:net'
import {
  DEFAULT_PORT,
  describeSimulator,
  parseSimulatorArgs,
  rotationLine,
  scheduleCertificateRotation,
  startupErrorMessage,
  USAGE,
} from './cli-args'
import { DEFAULT_SKEW_WINDOW_SECONDS, startSimulator, type Simulator } from './server'

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
        '--blacklist-tasks',
        '7',
      ],
      { ISALES_SK: 'mysk' },
    )
    expect(live).toBe(true)
    expect(options).toMatchObject({
      port: 0,
      seed: 9,
      blacklistTasks: 7,
      credentials: { ak: 'myak', sk: 'mysk' },
      faults: { http500: 3, http429: 2, slowBody: 1, latencyMs: 250 },
    })
    expect(options.campaigns?.map((c) => [c.taskCount, c.seed])[0]).toEqual([5000, 9])
    expect(options.campaigns?.[1]?.seed).toBe(10)
  })

  it('reads a concurrency limit and how it refuses; rejects another refusal', () => {
    expect(parseSimulatorArgs([], {}).options.faults?.maxInFlight).toBeUndefined()
    const set = parseSimulatorArgs(['--max-in-flight', '3', '--over-limit', '0200022'], {})
    expect(set.options.faults).toMatchObject({ maxInFlight: 3, overLimitReply: 'tooFrequent' })
    const http = parseSimulatorArgs(['--max-in-flight', '3', '--over-limit', '429'], {})
    expect(http.options.faults).toMatchObject({ maxInFlight: 3, overLimitReply: 'http429' })
    expect(() => parseSimulatorArgs(['--over-limit', '503'], {})).toThrow(/--over-limit/)
    expect(() => parseSimulatorArgs(['--max-in-flight', '0'], {})).toThrow(/--max-in-flight/)
    expect(USAGE).toContain('--max-in-flight N')
  })

  it('rotates the certificate and sets the skew window only when asked', () => {
    const defaults = parseSimulatorArgs([], {})
    expect(defaults.rotateCertEverySeconds).toBeUndefined()
    expect(defaults.options.skewWindowSeconds).toBe(DEFAULT_SKEW_WINDOW_SECONDS)
    const set = parseSimulatorArgs(['--rotate-cert-every', '30', '--skew-window', '5'], {})
    expect(set.rotateCertEverySeconds).toBe(30)
    expect(set.options.skewWindowSeconds).toBe(5)
    expect(parseSimulatorArgs(['--skew-window=0'], {}).options.skewWindowSeconds).toBe(0)
    expect(USAGE).toContain('--rotate-cert-every SECONDS')
    expect(USAGE).toContain('--skew-window SECONDS')
  })

  it('gives the idle second campaign new imports every N ticks and stuck imports only when asked', () => {
    const defaults = parseSimulatorArgs([], {}).options.campaigns?.[1]
    expect(defaults?.newImportEveryTicks).toBeUndefined()
    expect(defaults?.stuckImports).toBeUndefined()
    const set = parseSimulatorArgs(['--new-import-every', '10', '--stuck', '2'], {}).options
    expect(set.campaigns?.[1]).toMatchObject({
      id: '1002',
      newImportEveryTicks: 10,
      stuckImports: 2,
    })
    expect(set.campaigns?.[0]?.newImportEveryTicks).toBeUndefined()
    expect(USAGE).toContain('--new-import-every TICKS')
    expect(USAGE).toContain('--stuck N')
  })

  it.each([
    ['--new-import-every', '0'],
    ['--stuck', '-1'],
    ['--stuck', '101'],
    ['--rotate-cert-every', '0'],
    ['--rotate-cert-every', '1.5'],
    ['--rotate-cert-every', 'soon'],
    ['--rotate-cert-every', '86401'],
    ['--skew-window', '-1'],
    ['--skew-window', 'x'],
    ['--skew-window', '86401'],
  ])('rejects %s %s', (flag, value) => {
    expect(() => parseSimulatorArgs([flag, value], {})).toThrow(flag)
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
      blacklistTasks: (vdn: number) => (vdn === 1 ? [{}, {}, {}] : []),
    } as unknown as Simulator
    const text = describeSimulator(sim, true)
    expect(text).toContain('https://127.0.0.1:28443')
    expect(text).toContain('VDN id: 1')
    expect(text).toContain('1001   Spring (2 tasks, VDN 1)')
    expect(text).toContain('Blacklist imports: 3 (VDN 1)')
    expect(text).toContain('AK: AK1')
    expect(text).toContain('SK: SK1')
    expect(text).toContain('fingerprint: AA:BB')
    expect(text).toContain(
      'ISALES_AK=AK1 ISALES_SK=SK1 npm run -s cli -- tasks --server https://127.0.0.1:28443 --vdn 1 --campaign 1001 --pin AA:BB',
    )
  })
})

describe('scheduleCertificateRotation', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('rotates every N seconds, reports each new fingerprint, and stops', async () => {
    vi.useFakeTimers()
    let n = 0
    const sim = { rotateCertificate: vi.fn(async () => `FP${++n}`) }
    const rotated: string[] = []
    const stop = scheduleCertificateRotation(sim, 30, {
      rotated: (fp) => rotated.push(fp),
      failed: (e) => {
        throw e
      },
    })
    await vi.advanceTimersByTimeAsync(29_999)
    expect(sim.rotateCertificate).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    expect(rotated).toEqual(['FP1'])
    await vi.advanceTimersByTimeAsync(60_000)
    expect(rotated).toEqual(['FP1', 'FP2', 'FP3'])
    stop()
    await vi.advanceTimersByTimeAsync(120_000)
    expect(rotated).toHaveLength(3)
    expect(rotationLine('AA:BB')).toBe('Certificate rotated; new SHA-256 fingerprint: AA:BB')
  })

  it('reports a failed rotation and keeps going', async () => {
    vi.useFakeTimers()
    const sim = { rotateCertificate: vi.fn().mockRejectedValueOnce(new Error('no entropy')) }
    sim.rotateCertificate.mockResolvedValue('FP')
    const failed: unknown[] = []
    const rotated: string[] = []
    const stop = scheduleCertificateRotation(sim, 1, {
      rotated: (fp) => rotated.push(fp),
      failed: (e) => failed.push(e),
    })
    await vi.advanceTimersByTimeAsync(2000)
    stop()
    expect(failed).toEqual([new Error('no entropy')])
    expect(rotated).toEqual(['FP'])
  })

  it('changes the fingerprint a real simulator presents', async () => {
    const sim = await startSimulator({ campaigns: [] })
    try {
      const before = sim.fingerprint256
      const seen = await new Promise<string>((resolve, reject) => {
        const stop = scheduleCertificateRotation(sim, 1, {
          rotated: (fp) => {
            stop()
            resolve(fp)
          },
          failed: reject,
        })
      })
      expect(seen).not.toBe(before)
      expect(sim.fingerprint256).toBe(seen)
    } finally {
      await sim.close()
    }
  })
})

describe('startupErrorMessage', () => {
  it('turns a taken port into one clear line', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const port = (blocker.address() as { port: number }).port
    try {
      const error = await startSimulator({ port, campaigns: [] }).then(
        (sim) => sim.close().then(() => null),
        (e: unknown) => e,
      )
      expect(error).toMatchObject({ code: 'EADDRINUSE' })
      expect(startupErrorMessage(error, port)).toBe(
        `Port ${port} is already in use; pick another with --port (0 = any free port).`,
      )
    } finally {
      await new Promise((resolve) => blocker.close(resolve))
    }
  })

  it('keeps other failures to one line with their message', () => {
    expect(startupErrorMessage(new Error('boom'), 1)).toBe('Simulator failed to start: boom')
  })
})
