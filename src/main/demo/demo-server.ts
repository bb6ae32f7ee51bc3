import { X509Certificate } from 'node:crypto'
import type { ServerProfile } from '../../shared/profile'
import { startSimulator, type Simulator } from '../simulator/server'
import type { CampaignSpec } from '../simulator/world'
import { readableName } from '../tls/probe'

/**
 * The built-in demo: the iSales simulator on a random 127.0.0.1 port with campaigns in motion, and
 * a server profile that pins the simulator's certificate, so a new user sees the monitor working
 * before they have a server of their own. Main owns the one running demo (see startDemo).
 */

import { DEMO_PROFILE_ID } from '../../shared/profile'
export { DEMO_PROFILE_ID }
export const DEMO_PROFILE_NAME = 'Demo server (built-in)'
export const DEMO_VDN_ID = 1
/** How often the demo world moves on: imports advance 0 → 1 → 2/3 and new ones appear. */
export const DEMO_TICK_MS = 3000

/**
 * A mix a supervisor would recognise, so the demo shows every state: a large live campaign (new
 * imports keep arriving), one on a 2025 server with blackNum, a small one, an empty suspended one,
 * a completed one, an idle one that receives a new import about once a minute, and one with an
 * import stuck importing for 90 minutes.
 */
export const DEMO_CAMPAIGNS: readonly CampaignSpec[] = [
  {
    id: '3001',
    name: 'Home Broadband Upgrade Autumn',
    taskCount: 2000,
    live: true,
    inProgress: 4,
    seed: 31,
  },
  {
    id: '3002',
    name: 'Credit Card Activation Follow-up',
    taskCount: 180,
    withBlackNum: true,
    inProgress: 2,
    seed: 32,
  },
  { id: '3003', name: 'VIP Renewal Callbacks', taskCount: 12, inProgress: 1, seed: 33 },
  { id: '3004', name: 'Insurance Cross-sell Q1', taskCount: 0, status: 3, seed: 34 },
  {
    id: '3005',
    name: 'Loan Pre-approval Reminders',
    taskCount: 40,
    inProgress: 0,
    newImportEveryTicks: 20, // 20 × DEMO_TICK_MS: about once a minute
    seed: 35,
  },
  {
    id: '3006',
    name: 'Utility Bill Payment Reminders',
    taskCount: 25,
    inProgress: 0,
    stuckImports: 1,
    seed: 36,
  },
  { id: '3007', name: 'Summer Travel Offers', taskCount: 60, inProgress: 0, status: 4, seed: 37 },
]

export interface DemoOptions {
  /** 0 (default): a free port chosen by the OS. The simulator only listens on 127.0.0.1. */
  port?: number
  /** Default DEMO_TICK_MS. */
  tickIntervalMs?: number
}

export interface DemoServer {
  /** A ServerProfile for the simulator; its SK is `sk` (store it for the session only). */
  readonly profile: ServerProfile
  readonly sk: string
  /** Stops ticking and closes the server; a later startDemo starts a fresh one. */
  stop(): Promise<void>
}

/** The demo being started or running; cleared by its stop() or a failed start. */
let running: Promise<DemoServer> | null = null
let current: DemoServer | null = null

function demoProfile(sim: Simulator, trustedAt: Date): ServerProfile {
  return {
    id: DEMO_PROFILE_ID,
    name: DEMO_PROFILE_NAME,
    serverUrl: sim.url,
    vdnId: DEMO_VDN_ID,
    ak: sim.ak,
    signing: { timestampFormat: 'seconds', signedHeaders: ['host'] },
    tls: {
      mode: 'pin',
      fingerprint256: sim.fingerprint256,
      subject: readableName(new X509Certificate(sim.certPem).subject),
      trustedAt: trustedAt.toISOString(),
    },
    campaigns: sim.campaigns.map((c) => ({ id: c.id, label: c.name })),
    demo: true,
  }
}

async function launch(options: DemoOptions): Promise<DemoServer> {
  const sim = await startSimulator({
    port: options.port ?? 0,
    campaigns: [...DEMO_CAMPAIGNS],
    vdnIds: [DEMO_VDN_ID],
  })
  sim.startTicking(options.tickIntervalMs ?? DEMO_TICK_MS)
  const profile = demoProfile(sim, new Date())
  let stopping: Promise<void> | undefined
  const demo: DemoServer = {
    profile,
    sk: sim.sk,
    stop() {
      stopping ??= (async () => {
        if (current === demo) {
          current = null
          running = null
        }
        await sim.close()
      })()
      return stopping
    },
  }
  current = demo
  return demo
}

/**
 * Starts the demo, or returns the one already running (concurrent calls share one start; the
 * options of a call that finds the demo running are ignored).
 */
export function startDemo(options: DemoOptions = {}): Promise<DemoServer> {
  if (running) return running
  const starting = launch(options)
  running = starting
  starting.catch(() => {
    if (running === starting) running = null
  })
  return starting
}

/** Stops the running demo, if any (app quit). */
export async function stopDemo(): Promise<void> {
  const demo = await running?.catch(() => null)
  await demo?.stop()
}
