import { BLACKLIST_CAMPAIGN_ID } from '../../shared/blacklist'
import { isInProgress } from '../../shared/import-task'
import type { CampaignSpec } from '../simulator/world'
import {
  INTERVAL_MS,
  cleanUp,
  harness,
  nth,
  simulator,
  type Harness,
} from '../testing/monitor-sim-harness'

/**
 * The blacklist imports of a profile, watched like a campaign against the real simulator on the
 * manual clock: read from the blackfile interface (never the campaign route), cached, checked on
 * the same schedule, shown stale through server faults, and alerting under their own name.
 */

const IDLE: CampaignSpec = { id: '3001', name: 'Idle', taskCount: 5, inProgress: 0, seed: 21 }

afterEach(cleanUp)

const blacklistUpdates = (h: Harness) =>
  h.of('tasks:updated').filter((s) => s.campaignId === BLACKLIST_CAMPAIGN_ID)

async function watchedBlacklist() {
  const sim = await simulator(0, [IDLE])
  const h = await harness(sim)
  h.profile.campaigns = [{ id: BLACKLIST_CAMPAIGN_ID, label: '' }]
  h.monitor.watchEveryProfile()
  h.clock.advance(0)
  const first = await nth(h, 'tasks:updated', 1)
  return { sim, h, first }
}

describe('TaskMonitor watching blacklist imports', () => {
  it('reads the blackfile interface for the reserved id, caches the tasks and polls them like a campaign', async () => {
    const { sim, h, first } = await watchedBlacklist()
    expect(first.campaignId).toBe(BLACKLIST_CAMPAIGN_ID)
    expect(first.stale).toBe(false)
    expect(first.tasks.map((t) => t.id)).toEqual(sim.blacklistTasks(1).map((t) => t.id))
    expect(sim.stats.byRoute).toMatchObject({ blacklist: 1, tasks: 0 })
    const cached = await h.cache.get('p1', BLACKLIST_CAMPAIGN_ID)
    expect(cached?.tasks.map((t) => t.id)).toEqual(first.tasks.map((t) => t.id))
    // An import is in progress in the default dataset: checked again at the fast interval.
    expect(first.tasks.some((t) => isInProgress(t.status))).toBe(true)
    expect(h.last('refresh:scheduled')).toEqual({
      profileId: 'p1',
      campaignId: BLACKLIST_CAMPAIGN_ID,
      nextAt: h.clock.now() + INTERVAL_MS,
    })
  })

  it('raises an import-failed alert naming "Blacklist imports" when a blacklist import fails', async () => {
    const { sim, h, first } = await watchedBlacklist()
    const running = first.tasks.find((t) => isInProgress(t.status))!
    sim.setBlacklistTaskStatus(running.id, '3')
    h.clock.advance(INTERVAL_MS)
    await nth(h, 'tasks:updated', 2)
    expect(
      blacklistUpdates(h)
        .at(-1)
        ?.tasks.find((t) => t.id === running.id)?.status,
    ).toBe('3')
    const alert = h.alerts.list().find((a) => a.kind === 'importFailed')
    expect(alert).toMatchObject({ profileId: 'p1', campaignId: BLACKLIST_CAMPAIGN_ID })
    expect(alert?.title.message).toBe(
      'Import failed: campaign Blacklist imports on server Simulator',
    )
    expect(h.notes).toEqual([
      {
        title: 'Import failed: campaign Blacklist imports on server Simulator',
        body: 'The number 13800138000 is already in the blacklist',
      },
    ])
  })

  it('keeps the last good blacklist tasks, marked stale, while the blackfile interface fails', async () => {
    const { sim, h, first } = await watchedBlacklist()
    sim.setFaults({ http500: 1 })
    h.clock.advance(INTERVAL_MS)
    const failed = await nth(h, 'tasks:updated', 2)
    expect(failed).toMatchObject({ campaignId: BLACKLIST_CAMPAIGN_ID, stale: true })
    expect(failed.error).toMatchObject({ code: 'http' })
    expect(failed.tasks.map((t) => t.id)).toEqual(first.tasks.map((t) => t.id))
    expect(sim.stats.faults).toEqual({ http500: 1 })
    expect(sim.stats.byRoute.tasks).toBe(0)
  })
})
