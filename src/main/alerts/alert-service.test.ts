import type { Alert } from '../../shared/alerts'
import type { ConnectivityEvent, EventName, TaskSnapshot } from '../../shared/contract'
import type { ImportTask, TaskStatus } from '../../shared/import-task'
import type { ServerProfile } from '../../shared/profile'
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings'
import { buildTask } from '../../shared/testing/task-builder'
import { AlertService } from './alert-service'
import type { NotificationText } from './ended-notification'

const NOON = new Date(2026, 11, 2, 12, 0, 0).getTime()
const MIN = 60_000

function task(id: string, status: TaskStatus, beganMinutesAgo = 5, over: Partial<ImportTask> = {}) {
  const beginAt = NOON - beganMinutesAgo * MIN
  return buildTask({ id, status, beginAt, beginTime: new Date(beginAt).toISOString(), ...over })
}

function snapshot(campaignId: string, tasks: ImportTask[], over: Partial<TaskSnapshot> = {}) {
  return {
    profileId: 'p1',
    campaignId,
    tasks,
    count: tasks.length,
    fetchedAt: new Date(NOON).toISOString(),
    stale: false,
    incomplete: false,
    hasBlackNum: false,
    ...over,
  } satisfies TaskSnapshot
}

function setup() {
  const profiles = new Map<string, ServerProfile>([
    [
      'p1',
      {
        id: 'p1',
        name: 'Shanghai',
        serverUrl: 'https://10.0.0.1:28443',
        vdnId: 1,
        ak: 'AK',
        signing: { timestampFormat: 'seconds', signedHeaders: ['host'] },
        tls: { mode: 'system' },
        campaigns: [
          { id: '1001', label: 'Spring' },
          { id: '2002', label: '' },
        ],
      },
    ],
  ])
  const settings: Settings = { ...DEFAULT_SETTINGS }
  const notes: NotificationText[] = []
  const changes: Alert[][] = []
  let now = NOON
  const alerts = new AlertService({
    emit: (event, payload) => {
      if (event === 'alerts:changed') changes.push(payload as Alert[])
    },
    notify: (n) => notes.push(n),
    settings: () => settings,
    locale: () => 'en',
    findProfile: (id) => profiles.get(id),
    log: { warn: () => {} },
    now: () => now,
  })
  const sent: EventName[] = []
  const emit = alerts.observe((event) => void sent.push(event))
  return {
    alerts,
    profiles,
    settings,
    notes,
    changes,
    sent,
    tasks: (s: TaskSnapshot) => emit('tasks:updated', s),
    link: (e: ConnectivityEvent) => emit('connectivity:changed', e),
    setNow: (ms: number) => (now = ms),
    kinds: () => alerts.list().map((a) => a.kind),
  }
}

describe('alerts', () => {
  it('passes every event on to the window before looking at it', () => {
    const h = setup()
    h.tasks(snapshot('1001', []))
    h.link({ profileId: 'p1', state: 'online' })
    expect(h.sent).toEqual(['tasks:updated', 'connectivity:changed'])
  })

  it('raises a failed import once, naming server and campaign, in the list and one notification', () => {
    const h = setup()
    h.tasks(snapshot('1001', [task('a', '1')]))
    h.tasks(snapshot('1001', [task('a', '3', 5, { errMsg: 'Bad file' })]))
    h.tasks(snapshot('1001', [task('a', '3', 5, { errMsg: 'Bad file' })]))
    const [alert] = h.alerts.list()
    expect(h.alerts.list()).toHaveLength(1)
    expect(alert).toMatchObject({
      kind: 'importFailed',
      profileId: 'p1',
      campaignId: '1001',
      acknowledged: false,
    })
    expect(alert!.title.message).toBe('Import failed: campaign Spring on server Shanghai')
    expect(alert!.title.messageId).toBe('alertImportFailedTitle')
    expect(alert!.body.message).toBe('Import a: Bad file')
    expect(h.notes).toEqual([
      { title: 'Import failed: campaign Spring on server Shanghai', body: 'Bad file' },
    ])
    expect(h.changes).toHaveLength(1)
  })

  it('raises a failed import that appeared between two checks, but not one from another day', () => {
    const h = setup()
    h.tasks(snapshot('2002', [task('a', '2')]))
    h.tasks(
      snapshot('2002', [
        task('a', '2'),
        task('b', '3'),
        task('old', '3', 48 * 60, { endAt: NOON - 47 * 60 * MIN }),
      ]),
    )
    expect(h.alerts.list().map((a) => a.body.message)).toEqual([
      'Import b: the server gave no reason',
    ])
    // The campaign without a label is named by its id.
    expect(h.alerts.list()[0]!.title.message).toBe(
      'Import failed: campaign 2002 on server Shanghai',
    )
  })

  it('takes the first list of a campaign as its baseline: old failures raise nothing', () => {
    const h = setup()
    h.tasks(snapshot('1001', [task('a', '3'), task('b', '2')]))
    expect(h.alerts.list()).toEqual([])
    expect(h.notes).toEqual([])
  })

  it('raises an import stuck past the threshold once, while it stays stuck', () => {
    const h = setup()
    h.settings.stuckMinutes = 30
    h.tasks(snapshot('1001', [task('a', '1', 29), task('b', '0', 10)]))
    expect(h.alerts.list()).toEqual([])
    h.setNow(NOON + 2 * MIN)
    h.tasks(snapshot('1001', [task('a', '1', 29), task('b', '0', 10)]))
    h.setNow(NOON + 5 * MIN)
    h.tasks(snapshot('1001', [task('a', '1', 29), task('b', '0', 10)]))
    expect(h.kinds()).toEqual(['importStuck'])
    expect(h.alerts.list()[0]!.body.message).toBe(
      'Import a has been preparing or importing for 31 min.',
    )
    expect(h.notes).toEqual([
      {
        title: 'Import stuck: campaign Spring on server Shanghai',
        body: 'Import a has been preparing or importing for 31 min.',
      },
    ])
  })

  it('raises a server going offline once, until it is back online', () => {
    const h = setup()
    h.link({ profileId: 'p1', state: 'online' })
    h.link({ profileId: 'p1', state: 'offline', nextRetryAt: NOON + 5000 })
    h.link({ profileId: 'p1', state: 'offline', nextRetryAt: NOON + 10000 })
    expect(h.kinds()).toEqual(['serverOffline'])
    expect(h.notes).toEqual([
      {
        title: 'Server offline: Shanghai',
        body: 'Campaigns Spring, 2002 are not checked until it answers again.',
      },
    ])
    h.link({ profileId: 'p1', state: 'online' })
    h.link({ profileId: 'p1', state: 'offline' })
    expect(h.kinds()).toEqual(['serverOffline', 'serverOffline'])
  })

  it("raises a changed certificate, not other errors of the server's link", () => {
    const h = setup()
    const error = (code: 'auth' | 'cert-changed') => ({ code, message: 'x' })
    h.link({ profileId: 'p1', state: 'error', error: error('auth') })
    expect(h.alerts.list()).toEqual([])
    h.link({ profileId: 'p1', state: 'error', error: error('cert-changed') })
    h.link({ profileId: 'p1', state: 'error', error: error('cert-changed') })
    expect(h.kinds()).toEqual(['certChanged'])
    expect(h.notes[0]!.title).toBe('Certificate changed: server Shanghai')
  })

  it('raises nothing of a kind switched off', () => {
    const h = setup()
    h.settings.alertImportFailed = false
    h.settings.alertImportStuck = false
    h.settings.alertServerOffline = false
    h.settings.alertCertChanged = false
    h.tasks(snapshot('1001', [task('a', '1', 120), task('b', '1')]))
    h.tasks(snapshot('1001', [task('a', '1', 120), task('b', '3')]))
    h.link({ profileId: 'p1', state: 'offline' })
    h.link({ profileId: 'p1', state: 'error', error: { code: 'cert-changed', message: 'x' } })
    expect(h.alerts.list()).toEqual([])
    expect(h.notes).toEqual([])
  })

  it('still notifies finished imports with alerts of failures off (as before alerts existed)', () => {
    const h = setup()
    h.settings.alertImportFailed = false
    h.tasks(snapshot('1001', [task('a', '1'), task('b', '1')]))
    h.tasks(snapshot('1001', [task('a', '2', 5, { succNum: 7 }), task('b', '3')]))
    expect(h.notes).toEqual([
      {
        title: 'Import finished: campaign Spring on server Shanghai',
        body: '7 succeeded, 0 failed',
      },
    ])
  })

  it("lists a muted campaign's alerts without a desktop notification", () => {
    const h = setup()
    h.profiles.get('p1')!.campaigns[0]!.muted = true
    h.tasks(snapshot('1001', [task('a', '1', 120)]))
    h.tasks(snapshot('1001', [task('a', '3')]))
    expect(h.kinds()).toEqual(['importFailed', 'importStuck'])
    expect(h.notes).toEqual([])
    // The server is still reported offline while one of its campaigns is not muted...
    h.link({ profileId: 'p1', state: 'offline' })
    expect(h.notes).toHaveLength(1)
    // ...and listed only once all of them are.
    h.profiles.get('p1')!.campaigns[1]!.muted = true
    h.link({ profileId: 'p1', state: 'online' })
    h.link({ profileId: 'p1', state: 'offline' })
    expect(h.notes).toHaveLength(1)
    expect(h.kinds()[0]).toBe('serverOffline')
  })

  it('lists but does not notify with desktop notifications off', () => {
    const h = setup()
    h.settings.notifications = false
    h.link({ profileId: 'p1', state: 'offline' })
    expect(h.kinds()).toEqual(['serverOffline'])
    expect(h.notes).toEqual([])
  })

  it('raises nothing for a campaign the user does not watch', () => {
    const h = setup()
    h.tasks(snapshot('3003', [task('a', '1', 120)]))
    h.tasks(snapshot('3003', [task('a', '3', 120)]))
    expect(h.alerts.list()).toEqual([])
    expect(h.notes).toEqual([])
  })

  it('raises nothing from a stale list (the cache shown after a failure)', () => {
    const h = setup()
    h.tasks(snapshot('1001', [task('a', '1', 120)], { stale: true }))
    expect(h.alerts.list()).toEqual([])
  })

  it('stops alerting for the demo once it is closed (its profile deleted)', () => {
    const h = setup()
    h.tasks(snapshot('1001', [task('a', '1')]))
    h.profiles.delete('p1')
    h.tasks(snapshot('1001', [task('a', '3')]))
    h.link({ profileId: 'p1', state: 'offline' })
    expect(h.alerts.list()).toEqual([])
    expect(h.notes).toEqual([])
  })

  it("lists today's alerts only, newest first, and acknowledges some or all", () => {
    const h = setup()
    h.setNow(NOON - 13 * 60 * MIN) // yesterday, 23:00
    h.link({ profileId: 'p1', state: 'offline' })
    h.setNow(NOON)
    h.link({ profileId: 'p1', state: 'online' })
    h.link({ profileId: 'p1', state: 'offline' })
    h.link({ profileId: 'p1', state: 'error', error: { code: 'cert-changed', message: 'x' } })
    expect(h.kinds()).toEqual(['certChanged', 'serverOffline'])
    const [cert, offline] = h.alerts.list()
    const afterOne = h.alerts.acknowledge([offline!.id])
    expect(afterOne.map((a) => a.acknowledged)).toEqual([false, true])
    expect(h.changes.at(-1)).toEqual(afterOne)
    const changesBefore = h.changes.length
    h.alerts.acknowledge([offline!.id])
    expect(h.changes).toHaveLength(changesBefore) // nothing new: no event
    expect(h.alerts.acknowledge().every((a) => a.acknowledged)).toBe(true)
    expect(cert!.kind).toBe('certChanged')
  })
})
