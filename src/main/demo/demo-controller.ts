import { cancelledError, type AppError } from '../../shared/errors'
import { mainText, msg, type MainText } from '../../shared/messages'
import type { ServerProfile } from '../../shared/profile'
import type { Log } from '../log/logger'
import type { TaskMonitor } from '../monitor/task-monitor'
import type { ProfileStore } from '../profiles/profile-store'
import type { SecretStore } from '../secrets/secret-store'
import { startDemo, DEMO_PROFILE_ID, type DemoServer } from './demo-server'

export interface DemoControllerOptions {
  profiles: Pick<ProfileStore, 'find' | 'save'>
  secrets: Pick<SecretStore, 'set'>
  monitor: Pick<TaskMonitor, 'profileChanged'>
  log: Log
  /** Default startDemo (tests pass a fake). */
  start?: () => Promise<DemoServer>
}

/**
 * The app's side of the demo: starts the simulator, keeps the demo profile pointing at it (its port
 * and certificate are new each start), and stops it with the app. The simulator lives as long as
 * the app; after shutDown() no demo starts, and one still starting ends 'cancelled'.
 */
export class DemoController {
  /** Kept as the start itself, so stop() also stops a demo that is still starting. */
  #demo: Promise<DemoServer> | null = null
  #disposed = false

  constructor(private readonly opts: DemoControllerOptions) {}

  /** Starts the demo server (or finds it running) and saves the demo profile for it. */
  async ensure(): Promise<ServerProfile> {
    const { profiles, secrets, monitor } = this.opts
    if (this.#disposed) throw shuttingDown()
    const starting = (this.opts.start ?? startDemo)()
    this.#demo = starting
    const server = await starting
    if (this.#disposed) throw shuttingDown() // stop() stops it
    const existing = profiles.find(DEMO_PROFILE_ID)
    const { id: _id, demo: _demo, ...fresh } = server.profile
    // Keep the watched campaigns the person chose; take address, keys and pin from the new server.
    const profile = await profiles.save(
      { ...fresh, id: DEMO_PROFILE_ID, campaigns: existing?.campaigns ?? fresh.campaigns },
      { demo: true },
    )
    await secrets.set(DEMO_PROFILE_ID, server.sk, { sessionOnly: true })
    monitor.profileChanged(DEMO_PROFILE_ID)
    return profile
  }

  /**
   * At start-up, a saved demo profile gets a fresh server. Resolves to a notice for the person
   * when it could not start, else null.
   */
  async resumeSaved(): Promise<MainText | null> {
    if (!this.opts.profiles.find(DEMO_PROFILE_ID)) return null
    try {
      await this.ensure()
      return null
    } catch (error) {
      this.opts.log.warn('The demo server did not start', { error })
      return mainText(msg('demoNotStarted'))
    }
  }

  /** Stops the demo server this app started, if any (also one still starting). */
  async stop(): Promise<void> {
    const running = await this.#demo?.catch(() => null)
    await running?.stop()
  }

  /** The app is shutting down: no demo starts from now on. Call stop() after. */
  shutDown(): void {
    this.#disposed = true
  }
}

function shuttingDown(): AppError {
  return cancelledError(msg('shuttingDown'))
}
