import { createPinia, setActivePinia } from 'pinia'
import type { TaskSnapshot, TasksChange } from '@shared/contract'
import { diffTasks, metaOf, tasksById } from '@shared/task-diff'
import {
  installFakeIsales,
  ok,
  profile,
  snapshot,
  task,
  type FakeIsales,
} from '../testing/fake-isales'
import { useTasksStore } from './tasks'

let fake: FakeIsales

beforeEach(() => {
  localStorage.clear()
  setActivePinia(createPinia())
  fake = installFakeIsales()
})

const full = (version: number, s: TaskSnapshot, epoch = 'e1'): TasksChange => ({
  kind: 'full',
  epoch,
  version,
  snapshot: s,
})

function delta(from: TaskSnapshot, to: TaskSnapshot, version: number, epoch = 'e1'): TasksChange {
  const diff = diffTasks(tasksById(from.tasks)!, to.tasks, tasksById(to.tasks)!)
  return { kind: 'delta', epoch, version, baseVersion: version - 1, meta: metaOf(to), ...diff }
}

describe('tasks store: one transfer per change', () => {
  it('asks for each cached list once when start-up and the open campaign both want it', async () => {
    fake.on('cachedTasks', () => ok({ epoch: 'e1', version: 1, snapshot: snapshot() }))
    fake.on('refreshTasks', () => new Promise(() => undefined) as never)
    const tasks = useTasksStore()
    const p = profile({
      campaigns: [
        { id: 'c1', label: 'one' },
        { id: 'c2', label: 'two' },
      ],
    })
    // What AppShell does at start-up: the last campaign is opened while every list loads.
    void tasks.select('p1', 'c1')
    void tasks.loadAll([p])
    await vi.waitFor(() => expect(tasks.current?.tasks).toHaveLength(2))
    const asked = (fake.callsOf('cachedTasks') as { campaignId: string }[]).map((a) => a.campaignId)
    expect(asked.sort()).toEqual(['c1', 'c2'])
  })

  it('applies deltas on the version it holds: the same view as the whole list', async () => {
    const tasks = useTasksStore()
    tasks.start()
    tasks.selection = { profileId: 'p1', campaignId: 'c1' }
    const v1 = snapshot({
      tasks: [task('1', { failNum: 1 }), task('2', { failNum: 0 }), task('3', { failNum: 2 })],
    })
    fake.emit('onTasksChanged', full(1, v1))
    expect(tasks.visibleTasks.map((t) => t.id)).toEqual(['1', '2', '3'])
    tasks.setSort({ column: 'failNum', order: 'descend' })
    expect(tasks.visibleTasks.map((t) => t.id)).toEqual(['3', '1', '2'])
    const v2 = snapshot({
      tasks: [task('4', { failNum: 9 }), task('1', { failNum: 1 }), task('3', { failNum: 0 })],
      fetchedAt: '2025-06-01T03:00:15.000Z',
    })
    fake.emit('onTasksChanged', delta(v1, v2, 2))
    expect(tasks.current?.fetchedAt).toBe('2025-06-01T03:00:15.000Z')
    expect(tasks.visibleTasks.map((t) => t.id)).toEqual(['4', '1', '3'])
    expect(tasks.visibleTasks).toEqual(
      tasks.indexFor(v2).view(tasks.currentView.filter, tasks.currentView.sort),
    )
    expect(fake.callsOf('cachedTasks')).toEqual([])
  })

  it('repairs a lost update with one full read, and ignores what is older than it holds', async () => {
    const v1 = snapshot({ tasks: [task('1')] })
    const v2 = snapshot({ tasks: [task('1'), task('2')] })
    const v3 = snapshot({ tasks: [task('1'), task('2'), task('3')] })
    fake.on('cachedTasks', () => ok({ epoch: 'e1', version: 3, snapshot: v3 }))
    const tasks = useTasksStore()
    tasks.start()
    tasks.selection = { profileId: 'p1', campaignId: 'c1' }
    fake.emit('onTasksChanged', full(1, v1))
    // Version 2 never arrives; version 3 says it builds on 2: a gap.
    fake.emit('onTasksChanged', delta(v2, v3, 3))
    await vi.waitFor(() => expect(tasks.visibleTasks.map((t) => t.id)).toEqual(['1', '2', '3']))
    expect(fake.callsOf('cachedTasks')).toHaveLength(1)
    // The delta to version 3 arriving late changes nothing.
    fake.emit('onTasksChanged', delta(v1, v3, 2))
    expect(tasks.visibleTasks.map((t) => t.id)).toEqual(['1', '2', '3'])
    expect(fake.callsOf('cachedTasks')).toHaveLength(1)
  })

  it('takes a restarted main’s lists whole, whatever their version', () => {
    const tasks = useTasksStore()
    tasks.start()
    tasks.selection = { profileId: 'p1', campaignId: 'c1' }
    fake.emit('onTasksChanged', full(7, snapshot({ tasks: [task('1')] }), 'old'))
    fake.emit('onTasksChanged', full(1, snapshot({ tasks: [task('2')] }), 'new'))
    expect(tasks.visibleTasks.map((t) => t.id)).toEqual(['2'])
  })

  it('a refresh whose tasks did not arrive as an event reads the list once', async () => {
    const v1 = snapshot({ tasks: [task('1'), task('2')] })
    fake.on('cachedTasks', () => ok(null))
    fake.on('refreshTasks', () => {
      // From now on main holds version 1 (its event was lost on the way).
      fake.on('cachedTasks', () => ok({ epoch: 'e1', version: 1, snapshot: v1 }))
      const { tasks: _t, ...meta } = v1
      return ok({ epoch: 'e1', version: 1, meta })
    })
    const tasks = useTasksStore()
    await tasks.select('p1', 'c1')
    expect(tasks.visibleTasks.map((t) => t.id)).toEqual(['1', '2'])
    expect(fake.callsOf('cachedTasks')).toHaveLength(2) // the start's read, and the repair
  })
})
