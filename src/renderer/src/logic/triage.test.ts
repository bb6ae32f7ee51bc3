import { describe, expect, it } from 'vitest'
import type { ImportTask } from '@shared/import-task'
import { buildTask } from '@shared/testing/task-builder'
import { generateTasks } from '../testing/generate-tasks'
import { EMPTY_FILTER, TaskIndex } from './task-index'
import {
  NO_MESSAGE_KEY,
  causeTodayFilter,
  failedTodayTriage,
  triageOf,
  triageRows,
  triageTextWith,
} from './triage'
import { knownCauseKey } from '@shared/triage/group'

const DUP = knownCauseKey('duplicateTask')

const NOW = new Date(2025, 5, 1, 15, 0, 0).getTime()
const TODAY = new Date(2025, 5, 1, 9, 0, 0).getTime()
const YESTERDAY = new Date(2025, 4, 31, 9, 0, 0).getTime()

function task(id: string, over: Partial<ImportTask> = {}): ImportTask {
  return buildTask({ id, ...over })
}

describe('triage of a task set', () => {
  it('groups each task array once and returns the same groups while it is unchanged', () => {
    const tasks = [task('1', { status: '3', errMsg: 'Duplicate import task 1' })]
    const first = triageOf(tasks)
    expect(triageOf(tasks)).toBe(first)
    expect(triageOf([...tasks])).not.toBe(first)
    expect(first.map((g) => [g.key, g.imports])).toEqual([[DUP, 1]])
  })
})

describe('the Summary sheet rows of an export', () => {
  it('titles known causes and the no-message group through the catalogue, keeps a server text as sent but cut, and gives ISO times', () => {
    const long = 'Unexpected database state ' + 'x'.repeat(800)
    const rows = triageRows(
      triageOf([
        task('1', { status: '3', errMsg: 'Duplicate import task 1', beginAt: TODAY }),
        task('2', { status: '3', errMsg: 'Duplicate import task 2', beginAt: TODAY + 1000 }),
        task('3', { status: '2', failNum: 4, errMsg: '', beginAt: YESTERDAY }),
        task('4', { status: '3', errMsg: long, beginAt: TODAY }),
      ]),
      triageTextWith((key) => `<${key}>`),
    )
    expect(rows).toContainEqual({
      cause: '<triage.cause.duplicateTask>',
      fix: '<triage.fix.duplicateTask>',
      imports: 2,
      failedRecords: 0,
      firstSeen: new Date(TODAY).toISOString(),
      lastSeen: new Date(TODAY + 1000).toISOString(),
    })
    expect(rows).toContainEqual(
      expect.objectContaining({ cause: '<triage.noMessage>', fix: '<triage.noMessageFix>' }),
    )
    const unknown = rows.find((r) => r.cause.startsWith('Unexpected database state'))
    expect(unknown?.fix).toBeUndefined()
    expect(unknown?.cause).toHaveLength(500)
    expect(unknown?.cause.endsWith('…')).toBe(true)
  })
})

describe('"Failed today" across campaigns', () => {
  const a = {
    profileId: 'p',
    campaignId: 'A',
    label: 'Alpha',
    tasks: [
      task('1', { status: '3', errMsg: 'Duplicate import task 1', beginAt: TODAY }),
      task('2', { status: '3', errMsg: 'Duplicate import task 2', beginAt: TODAY + 1000 }),
      task('3', { status: '3', errMsg: 'Duplicate import task 3', beginAt: YESTERDAY }),
      task('4', { status: '2', failNum: 4, errMsg: '', beginAt: TODAY }),
    ],
  }
  const b = {
    profileId: 'q',
    campaignId: 'B',
    label: 'Beta',
    tasks: [task('5', { status: '3', errMsg: '导入任务77重复，任务已存在', beginAt: TODAY })],
  }

  it('counts only today’s failed imports, per cause and per campaign, most imports first', () => {
    const groups = failedTodayTriage([a, b], NOW)
    expect(
      groups.map((g) => [g.key, g.imports, g.campaigns.map((c) => [c.campaignId, c.imports])]),
    ).toEqual([
      [
        DUP,
        3,
        [
          ['A', 2],
          ['B', 1],
        ],
      ],
      [NO_MESSAGE_KEY, 1, [['A', 1]]],
    ])
  })

  it('opens a campaign on exactly today’s imports of that cause', () => {
    const filter = causeTodayFilter(DUP, NOW)
    const shown = new TaskIndex(a.tasks, NOW).view(filter, { column: 'id', order: 'ascend' })
    expect(shown.map((t) => t.id)).toEqual(['1', '2'])
  })
})

describe('triage at 100,000 tasks', () => {
  it('puts every failed import in exactly one group, and a cause filter shows exactly its group', () => {
    const tasks = generateTasks(100_000, { seed: 7 })
    const groups = triageOf(tasks)
    const failed = tasks.filter((t) => t.status === '3' || (t.status === '2' && t.failNum > 0))
    expect(groups.reduce((n, g) => n + g.imports, 0)).toBe(failed.length)
    expect(groups.reduce((n, g) => n + g.failedRecords, 0)).toBe(
      failed.reduce((n, t) => n + t.failNum, 0),
    )
    const index = new TaskIndex(tasks, NOW)
    for (const g of groups) {
      expect(index.filtered({ ...EMPTY_FILTER, cause: g.key })).toHaveLength(g.imports)
    }
  })
})
