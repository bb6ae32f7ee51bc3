import { createPinia, setActivePinia } from 'pinia'
import type { ArgsOf } from '@shared/contract'
import { isFailedImport } from '@shared/triage/group'
import type { ProgressEvent, TaskSnapshot } from '@shared/contract'
import { campaignKey } from '../logic/view-state'
import {
  fail,
  installFakeIsales,
  serveTasks,
  ok,
  snapshot,
  task,
  type FakeIsales,
} from '../testing/fake-isales'
import { useConnectivityStore } from './connectivity'
import { useTasksStore } from './tasks'

let fake: FakeIsales

beforeEach(() => {
  localStorage.clear()
  setActivePinia(createPinia())
  fake = installFakeIsales()
  fake.on('cachedTasks', () => ok(null))
})

describe('tasks store: refresh', () => {
  it('selecting a campaign reads the cache, then refreshes with a fresh request id', async () => {
    serveTasks(fake, () => ok(snapshot()))
    const tasks = useTasksStore()
    tasks.start()
    await tasks.select('p1', 'c1')
    // Once: the refresh's tasks came as the event, so the reply's version needs no repair.
    expect(fake.callsOf('cachedTasks')).toEqual([{ profileId: 'p1', campaignId: 'c1' }])
    const [args] = fake.callsOf('refreshTasks') as { requestId: string }[]
    expect(args).toMatchObject({ profileId: 'p1', campaignId: 'c1' })
    expect(args!.requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(tasks.current?.tasks).toHaveLength(2)
    expect(tasks.visibleTasks.map((t) => t.id)).toEqual(['1', '2'])
    expect(tasks.currentError).toBeNull()
    expect(useConnectivityStore().stateOf('p1')).toBe('online')
    expect(tasks.stateOf('p1', 'c1')).toBe('running')
  })

  it('shows progress for its own request only, and cancels by request id', async () => {
    let answer!: (v: unknown) => void
    serveTasks(fake, () => new Promise((r) => (answer = r)) as never)
    fake.on('cancelRefresh', () => ok(null))
    const tasks = useTasksStore()
    tasks.start()
    const done = tasks.select('p1', 'c1')
    // The refresh has been asked of main (after the cache read) and is waiting for its answer.
    await vi.waitFor(() => expect(fake.callsOf('refreshTasks')).toHaveLength(1))
    const requestId = tasks.currentRefresh!.requestId
    expect(fake.callsOf('refreshTasks')).toEqual([{ profileId: 'p1', campaignId: 'c1', requestId }])
    const progress: ProgressEvent = {
      requestId,
      profileId: 'p1',
      campaignId: 'c1',
      pagesDone: 3,
      pagesTotal: 20,
      tasksSoFar: 300,
    }
    fake.emit('onTasksProgress', { ...progress, requestId: 'someone-else' })
    expect(tasks.currentRefresh!.progress).toBeNull()
    fake.emit('onTasksProgress', progress)
    expect(tasks.currentRefresh!.progress).toEqual(progress)
    await tasks.cancel()
    expect(fake.callsOf('cancelRefresh')).toEqual([{ requestId }])
    answer(fail({ code: 'cancelled', message: 'The request was cancelled.' }))
    await done
    expect(tasks.currentRefresh).toBeNull()
    expect(tasks.currentError).toBeNull()
    expect(fake.toasts.map((t) => t.testid)).toEqual(['toast-cancelled'])
  })

  it('a stale snapshot keeps the tasks and carries the error; the campaign shows offline', async () => {
    const error = { code: 'network' as const, message: 'Could not connect to the server.' }
    serveTasks(fake, () => ok(snapshot({ stale: true, error })))
    const tasks = useTasksStore()
    await tasks.select('p1', 'c1')
    expect(tasks.current?.stale).toBe(true)
    expect(tasks.visibleTasks).toHaveLength(2)
    expect(tasks.currentError).toEqual(error)
    expect(tasks.stateOf('p1', 'c1')).toBe('offline')
  })

  it('a failure with nothing cached is kept for the error panel, not swallowed', async () => {
    const error = {
      code: 'auth' as const,
      message: 'The server rejected the AK/SK signature (HTTP 401).',
    }
    serveTasks(fake, () => fail(error))
    const tasks = useTasksStore()
    await tasks.select('p1', 'c1')
    expect(tasks.current).toBeNull()
    expect(tasks.currentError).toEqual(error)
    expect(tasks.stateOf('p1', 'c1')).toBe('offline')
    // The next good snapshot from main's auto-refresh clears it.
    tasks.onChanged({ kind: 'full', epoch: 'main', version: 1, snapshot: snapshot() })
    expect(tasks.currentError).toBeNull()
    expect(tasks.stateOf('p1', 'c1')).toBe('running')
  })

  it('a bridge that throws becomes an internal error instead of an unhandled rejection', async () => {
    serveTasks(fake, () => {
      throw new Error('boom')
    })
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const tasks = useTasksStore()
    await tasks.select('p1', 'c1')
    expect(tasks.currentError).toMatchObject({ code: 'internal', detail: { cause: 'bridge' } })
    spy.mockRestore()
  })

  it('tasks:updated replaces the snapshot of its campaign', async () => {
    serveTasks(fake, () => ok(snapshot()))
    const tasks = useTasksStore()
    tasks.start()
    await tasks.select('p1', 'c1')
    fake.emit('onTasksChanged', {
      kind: 'full',
      epoch: 'test-epoch',
      version: 2,
      snapshot: snapshot({ tasks: [task('9', { status: '3', failNum: 1 })] }),
    })
    expect(tasks.visibleTasks.map((t) => t.id)).toEqual(['9'])
    expect(tasks.stateOf('p1', 'c1')).toBe('failed')
  })
})

describe('tasks store: filter, sort and export', () => {
  const many = [
    task('10', { succNum: 5, failNum: 0, errMsg: '' }),
    task('11', { succNum: 50, failNum: 3, errMsg: 'Partial: bad rows' }),
    task('12', { succNum: 1, failNum: 0, status: '3', errMsg: 'File encoding error' }),
    task('13', { succNum: 20, failNum: 9, errMsg: 'BAD phone numbers' }),
  ]

  beforeEach(() => {
    serveTasks(fake, (args: { profileId: string; campaignId: string }) =>
      ok(snapshot({ ...args, tasks: many })),
    )
  })

  it('export view sends the filtered ids in screen order; export all sends null', async () => {
    fake.on('exportCsv', () => ok({ path: '/tmp/x.csv', rowCount: 2 }))
    fake.on('showInFolder', () => ok(null))
    const tasks = useTasksStore()
    await tasks.select('p1', 'c1')
    tasks.setFilter({ onlyFailed: true, text: 'bad' })
    tasks.setSort({ column: 'failNum', order: 'descend' })
    expect(tasks.visibleTasks.map((t) => t.id)).toEqual(['13', '11'])
    await tasks.exportCsv('view')
    await tasks.exportCsv('all')
    tasks.exportFormat = 'xlsx' // the header's CSV / Excel switch
    await tasks.exportCsv('view')
    const [viewCsv, allCsv, viewXlsx] = fake.callsOf('exportCsv')
    expect(viewCsv).toEqual({
      profileId: 'p1',
      campaignId: 'c1',
      taskIds: ['13', '11'],
      format: 'csv',
    })
    expect(allCsv).toEqual({ profileId: 'p1', campaignId: 'c1', taskIds: null, format: 'csv' })
    // The workbook also gets the exported rows' failures by cause, for its Summary sheet.
    const { groups, ...rest } = viewXlsx as ArgsOf<'export:csv'>
    expect(rest).toEqual({
      profileId: 'p1',
      campaignId: 'c1',
      taskIds: ['13', '11'],
      format: 'xlsx',
    })
    const failedShown = tasks.visibleTasks.filter(isFailedImport)
    expect(groups?.reduce((n, g) => n + g.imports, 0)).toBe(failedShown.length)
    expect(groups?.reduce((n, g) => n + g.failedRecords, 0)).toBe(
      failedShown.reduce((n, t) => n + t.failNum, 0),
    )
    const toast = fake.toasts.find((t) => t.testid === 'toast-exported')!
    expect(toast.lines).toEqual(['/tmp/x.csv'])
    toast.action!.run()
    await vi.waitFor(() => expect(fake.callsOf('showInFolder')).toEqual([{ path: '/tmp/x.csv' }]))
  })

  it('a closed save dialog (null) shows nothing; a failed export says so', async () => {
    const tasks = useTasksStore()
    await tasks.select('p1', 'c1')
    fake.on('exportCsv', () => ok(null))
    await tasks.exportCsv('view')
    expect(fake.toasts).toEqual([])
    fake.on('exportCsv', () => fail({ code: 'validation', message: 'Nothing to export.' }))
    await tasks.exportCsv('view')
    expect(fake.toasts.map((t) => t.testid)).toEqual(['toast-error'])
    expect(fake.toasts[0]!.lines).toContain('Nothing to export.')
  })

  it('summary follows the filter', async () => {
    const tasks = useTasksStore()
    await tasks.select('p1', 'c1')
    tasks.setFilter({ statuses: ['3'] })
    expect(tasks.summary.total).toBe(1)
    expect(tasks.summary.byStatus['3']).toBe(1)
    tasks.clearFilters()
    expect(tasks.summary.total).toBe(4)
    expect(tasks.summary.failed).toBe(12)
  })

  it('remembers the filter and sort per campaign, across a restart', async () => {
    const tasks = useTasksStore()
    await tasks.select('p1', 'c1')
    tasks.setFilter({ text: 'bad', statuses: ['2'] })
    tasks.setSort({ column: 'succNum', order: 'ascend' })
    await tasks.select('p1', 'c2')
    expect(tasks.currentView.filter.text).toBe('')
    expect(tasks.filterActive).toBe(false)
    await tasks.select('p1', 'c1')
    expect(tasks.currentView.filter).toMatchObject({ text: 'bad', statuses: ['2'] })

    setActivePinia(createPinia()) // a new window
    const again = useTasksStore()
    expect(again.selection).toEqual({ profileId: 'p1', campaignId: 'c1' })
    await again.select('p1', 'c1')
    expect(again.currentView.filter).toMatchObject({ text: 'bad', statuses: ['2'] })
    expect(again.currentView.sort).toEqual({ column: 'succNum', order: 'ascend' })
    expect(again.visibleTasks.map((t) => t.id)).toEqual(['13', '11'])
    await again.select('p1', 'c2')
    expect(again.currentView.filter.text).toBe('')
  })

  it('loadAll reads every watched campaign from the cache and refreshes the moving ones', async () => {
    const versioned = (s: TaskSnapshot) => ({ epoch: 'main', version: 1, snapshot: s })
    fake.on('cachedTasks', (args: { profileId: string; campaignId: string }) =>
      ok(
        args.campaignId === 'done'
          ? versioned(snapshot({ ...args, tasks: [task('1')] }))
          : args.campaignId === 'live'
            ? versioned(snapshot({ ...args, tasks: [task('2', { status: '1', endAt: null })] }))
            : null,
      ),
    )
    const tasks = useTasksStore()
    tasks.start()
    await tasks.loadAll([
      {
        id: 'p1',
        name: 'x',
        serverUrl: 'https://h',
        vdnId: 1,
        ak: 'a',
        signing: { timestampFormat: 'seconds', signedHeaders: ['host'] },
        tls: { mode: 'system' },
        campaigns: [
          { id: 'done', label: '' },
          { id: 'live', label: '' },
          { id: 'new', label: '' },
        ],
        hasSecret: true,
        secretStorage: 'keychain',
      },
    ])
    expect(fake.callsOf('cachedTasks')).toHaveLength(3)
    expect(
      (fake.callsOf('refreshTasks') as { campaignId: string }[]).map((a) => a.campaignId),
    ).toEqual(['live', 'new'])
    expect(tasks.stateOf('p1', 'done')).toBe('done')
    expect(Object.keys(tasks.snapshots)).toContain(campaignKey('p1', 'new'))
  })
})
