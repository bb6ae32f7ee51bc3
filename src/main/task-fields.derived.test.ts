import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ImportTask } from '../shared/import-task'
import { TASK_FIELDS, exportFields, fieldValue, type TaskField } from '../shared/task-fields'
import { buildTask } from '../shared/testing/task-builder'
import { TaskCache } from './cache/task-cache'
import { HELP } from './cli/args'
import { taskColumns, taskExportColumns, taskRecord } from './export/task-columns'
import { parseImportTaskPage } from './isales/schemas'

/**
 * Everything main derives from the field table (shared/task-fields.ts) agrees with it: the reply
 * schema, the cache schema, the CSV columns, the CLI's JSON records and its help.
 */

const keys = (fields: readonly TaskField[]): string[] => fields.map((f) => f.key)

/** A distinct, valid value for each field as the server sends it. */
function rawValue(field: TaskField, i: number): unknown {
  switch (field.kind) {
    case 'id':
      return '202405010800000000000000000001'
    case 'status':
      return 3
    case 'time':
      return `2024-05-01 08:0${i % 10}:00`
    case 'count':
      return String(100 + i)
    case 'text':
      return `text of ${field.key}`
  }
}

function rawTaskWithEveryField(): Record<string, unknown> {
  return Object.fromEntries(TASK_FIELDS.map((f, i) => [f.key, rawValue(f, i)]))
}

/** A normalized task with a value in every field, the optional ones too. */
function fullTask(): ImportTask {
  const over: Record<string, unknown> = {}
  TASK_FIELDS.forEach((f, i) => {
    if (f.kind === 'count') over[f.key] = 100 + i
    if (f.kind === 'text') over[f.key] = `text of ${f.key}`
    if (f.kind === 'time') {
      over[f.key] = `2024-05-01 08:0${i % 10}:00`
      over[f.at] = Date.UTC(2024, 4, 1, 8, i % 10)
    }
  })
  return buildTask({ ...(over as Partial<ImportTask>), extra: { fileName: 'a.csv' } })
}

describe('the field table and what main derives from it', () => {
  it('the reply schema reads every field, times also as instants, none of them into extra', () => {
    const raw = { ...rawTaskWithEveryField(), fileName: 'a.csv' }
    const [task] = parseImportTaskPage({ resultCode: '0200000', result: [raw] }).tasks
    for (const [i, f] of TASK_FIELDS.entries()) {
      const value = fieldValue(task!, f.key)
      if (f.kind === 'count') expect(value, f.key).toBe(100 + i)
      else if (f.kind === 'status') expect(value, f.key).toBe('3')
      else expect(value, f.key).toBe(rawValue(f, i))
      if (f.kind === 'time') expect(fieldValue(task!, f.at), f.at).toEqual(expect.any(Number))
    }
    expect(task!.extra).toEqual({ fileName: 'a.csv' })
  })

  it('the reply schema leaves an optional field out when it is not sent, and reads a required count as 0', () => {
    const raw = rawTaskWithEveryField()
    for (const f of TASK_FIELDS) if (f.kind === 'count') delete raw[f.key]
    const [task] = parseImportTaskPage({ resultCode: '0200000', result: [raw] }).tasks
    for (const f of TASK_FIELDS.filter((f) => f.kind === 'count')) {
      if (f.optional) expect(task, f.key).not.toHaveProperty(f.key)
      else expect(fieldValue(task!, f.key), f.key).toBe(0)
    }
  })

  it('the cache keeps every field, and refuses a cached task that lacks a required one', async () => {
    const root = await mkdtemp(join(tmpdir(), 'task-fields-'))
    try {
      const cache = new TaskCache({ userDataDir: root, log: { warn: () => undefined } })
      const entry = {
        profileId: 'p',
        campaignId: 'c',
        fetchedAt: '2024-05-01T08:00:00.000Z',
        count: 1,
        incomplete: false,
        hasBlackNum: true,
      }
      await cache.put({ ...entry, tasks: [fullTask()] })
      expect((await cache.get('p', 'c'))?.tasks).toEqual([fullTask()])

      for (const f of TASK_FIELDS.filter((f) => !f.optional)) {
        const task: Record<string, unknown> = { ...fullTask() }
        delete task[f.key]
        await cache.put({ ...entry, tasks: [task as unknown as ImportTask] })
        expect(await cache.get('p', 'c'), f.key).toBeNull()
      }
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  })

  it('exports every field in the table order with the optional ones last', () => {
    const required = TASK_FIELDS.filter((f) => !f.optional)
    const optional = TASK_FIELDS.filter((f) => f.optional)
    expect(keys(exportFields())).toEqual([...keys(required), ...keys(optional)])
  })

  it('the CSV has a column per field, named by its key, optional ones only when asked, then the derived columns', () => {
    const derived = ['statusText', 'durationSec', 'successRate']
    const headers = (withBlackNum: boolean) => taskColumns({ withBlackNum }).map((c) => c.header)
    expect(headers(true)).toEqual([...keys(exportFields()), ...derived])
    expect(headers(false)).toEqual([...keys(exportFields().filter((f) => !f.optional)), ...derived])
    // Each field column's value is the field's (a time's: its parsed instant), for every format.
    const values = taskExportColumns({ withBlackNum: true }).map((c) => c.value(fullTask()))
    expect(values.slice(0, -derived.length)).toEqual(
      exportFields().map((f) => fieldValue(fullTask(), 'at' in f ? f.at : f.key)),
    )
  })

  it('the CLI JSON record has every field in the CSV order, then the extra fields', () => {
    expect(Object.keys(taskRecord(fullTask()))).toEqual([...keys(exportFields()), 'fileName'])
    const { blackNum: _sent, ...withoutOptional } = fullTask()
    expect(Object.keys(taskRecord(withoutOptional))).toEqual([
      ...keys(exportFields().filter((f) => !f.optional)),
      'fileName',
    ])
  })

  it('the CLI help names the CSV columns in their order', () => {
    // The list wraps after a comma with no space (it reads as one run of text).
    const help = HELP.replace(/,\n\s+/g, ',').replace(/\s+/g, ' ')
    const list = [
      ...exportFields()
        .filter((f) => !f.optional)
        .map((f) => `${f.key},`),
      ...exportFields()
        .filter((f) => f.optional)
        .map((f) => `[${f.key},]`),
      'statusText',
    ].join('')
    expect(help).toContain(`csv: columns ${list}`)
  })
})

describe('the field table', () => {
  it('names each field once, gives every time field its instant, and only counts are optional', () => {
    const names = TASK_FIELDS.flatMap((f) => ('at' in f ? [f.key, f.at] : [f.key]))
    expect(new Set(names).size).toBe(names.length)
    expect(names).not.toContain('extra')
    for (const f of TASK_FIELDS) {
      // The reply schema can leave out only a count that was not sent (texts read as "").
      if (f.optional) expect(f.kind, f.key).toBe('count')
      expect('at' in f, f.key).toBe(f.kind === 'time')
    }
  })

  it('the test builder fills every required field with what a reply that leaves it out reads as', () => {
    const raw = { id: '1', status: '2' }
    const [parsed] = parseImportTaskPage({ resultCode: '0200000', result: [raw] }).tasks
    expect(buildTask({ id: '1', status: '2' })).toEqual(parsed)
  })
})
