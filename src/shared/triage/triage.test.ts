import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ImportTask } from '../import-task'
import {
  NO_MESSAGE_KEY,
  causeKeyOf,
  groupFailures,
  hasCause,
  isFailedImport,
  knownCauseKey,
} from './group'
import { KNOWN_CAUSE_IDS, knownCauseOf, type KnownCauseId } from './known-causes'
import { messageKeyCache, normaliseMessage } from './normalise'

const digits = (min: number, max: number) =>
  fc.stringMatching(new RegExp(`^[1-9][0-9]{${min - 1},${max - 1}}$`))
const slots = {
  n: digits(1, 7),
  id: digits(30, 30),
  file: fc
    .tuple(
      fc.constantFrom('calldata', '外呼名单', 'list-A', 'batch'),
      digits(1, 8),
      fc.constantFrom('csv', 'txt', 'xlsx'),
    )
    .map(([a, b, c]) => `${a}_${b}.${c}`),
  path: fc
    .tuple(fc.constantFrom('/data/import', 'sftp://10.1.2.3/in', 'D:\\isales\\in'), digits(1, 6))
    .map(([dir, n]) => `${dir}/${n}/file_${n}.csv`),
  date: fc
    .date({
      min: new Date('2000-01-01T00:00:00Z'),
      max: new Date('2099-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .chain((d) =>
      fc.constantFrom(
        d.toISOString(),
        d.toISOString().replace('T', ' ').slice(0, 19),
        d.toISOString().slice(0, 10),
        `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`,
      ),
    ),
  q: fc.stringMatching(/^[a-zA-Z0-9 \u4e00-\u4e2f]{0,12}$/),
}
type Slot = keyof typeof slots

/** Realistic messages of each known cause, with slots ({n}, {id}, {file}, {path}, {date}, {q}). */
const TEMPLATES: Record<KnownCauseId, string[]> = {
  encoding: [
    'File encoding error: the file {file} is not UTF-8 encoded',
    '文件{file}编码格式错误，请使用UTF-8编码',
  ],
  tooManyRecords: ['The number of records {n} exceeds {n}', '文件记录数超过{n}条'],
  fileNotFound: [
    'The file {path} does not exist on the file server',
    '文件服务器上不存在该文件：{file}',
  ],
  duplicateTask: ['Duplicate import task {id}', '导入任务{id}重复，任务已存在'],
  timeFormat: ['Invalid time format in row {n}: "{q}"', '第{n}行时间格式不正确：“{q}”'],
  blacklisted: ['Number {n} is in the blacklist', '号码{n}在黑名单中'],
  campaignState: [
    'The campaign {id} is in a state that does not allow import (status {n})',
    '外呼活动{id}状态为已暂停，不允许导入',
  ],
  columns: [
    'File format error: column {n} (phone number) is empty at {date}',
    '第{n}行列数不匹配：期望{n}列，实际{n}列',
  ],
}

const fill = (template: string) =>
  fc
    .tuple(...[...template.matchAll(/\{(\w+)\}/g)].map((m) => slots[m[1] as Slot]))
    .map((values) => {
      let k = 0
      return template.replace(/\{(\w+)\}/g, () => String(values[k++]))
    })

const allTemplates = KNOWN_CAUSE_IDS.flatMap((id) => TEMPLATES[id].map((t) => ({ id, t })))

function task(over: Partial<ImportTask>): ImportTask {
  return {
    id: '1',
    status: '3',
    beginTime: '',
    endTime: '',
    beginAt: null,
    endAt: null,
    succNum: 0,
    repeatNum: 0,
    failNum: 0,
    errMsg: '',
    extra: {},
    ...over,
  }
}

describe('message normalisation', () => {
  it('puts the same message with different numbers, ids, file names, dates and quoted values in one group', () => {
    for (const { t } of allTemplates) {
      fc.assert(
        fc.property(fill(t), fill(t), (a, b) => {
          expect(normaliseMessage(a)).toBe(normaliseMessage(b))
        }),
        { numRuns: 60 },
      )
    }
  })

  it('recognises every realistic message of a known cause as that cause', () => {
    for (const { id, t } of allTemplates) {
      fc.assert(
        fc.property(fill(t), (m) => {
          expect(knownCauseOf(normaliseMessage(m))).toBe(id)
        }),
        { numRuns: 40 },
      )
    }
  })

  it('never merges messages of two different known causes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...allTemplates).chain((a) => fill(a.t).map((m) => ({ ...a, m }))),
        fc.constantFrom(...allTemplates).chain((b) => fill(b.t).map((m) => ({ ...b, m }))),
        (a, b) => {
          fc.pre(a.id !== b.id)
          expect(normaliseMessage(a.m)).not.toBe(normaliseMessage(b.m))
        },
      ),
      { numRuns: 300 },
    )
  })

  it('is idempotent on any text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          fc.constantFrom(...allTemplates).chain((x) => fill(x.t)),
        ),
        (m) => {
          const once = normaliseMessage(m)
          expect(normaliseMessage(once)).toBe(once)
        },
      ),
      { numRuns: 2000 },
    )
  })

  it('folds case, spacing, full-width characters and the final stop', () => {
    expect(normaliseMessage('  Duplicate   IMPORT task. ')).toBe('duplicate import task')
    expect(normaliseMessage('Ｄｕｐｌｉｃａｔｅ import task')).toBe('duplicate import task')
    expect(normaliseMessage('文件编码错误：第１２行')).toBe(normaliseMessage('文件编码错误: 第3行'))
  })

  it('keeps names with digits such as UTF-8 and GB2312 as they are', () => {
    expect(normaliseMessage('not UTF-8 but GB2312, row 7')).toBe('not utf-8 but gb2312, row <n>')
  })

  it('folds a URL, an IP address and its port into one value', () => {
    expect(normaliseMessage('sftp://10.0.0.1:22/upload/list.csv not found')).toBe(
      '<file> not found',
    )
    expect(normaliseMessage('File server 192.168.1.20:2222 refused the login')).toBe(
      'file server <ip> refused the login',
    )
  })

  it('leaves an unknown cause unknown', () => {
    expect(knownCauseOf(normaliseMessage('Import interrupted: database operation exception'))).toBe(
      null,
    )
  })

  it('folds each distinct message once through the cache', () => {
    const keyOf = messageKeyCache(2)
    expect(keyOf('Row 1 bad')).toBe('row <n> bad')
    expect(keyOf('Row 1 bad')).toBe('row <n> bad')
    expect(keyOf('a')).toBe('a')
    expect(keyOf('b')).toBe('b')
  })
})

describe('grouping failed imports', () => {
  it('counts imports, failed records and first and last begin time per cause, most imports first', () => {
    const groups = groupFailures([
      task({ errMsg: 'Duplicate import task 11', failNum: 0, beginAt: 3000 }),
      task({ errMsg: 'Duplicate import task 12', failNum: 2, beginAt: 1000 }),
      task({ errMsg: 'The file a.csv does not exist on the file server', beginAt: 2000 }),
      task({ status: '2', errMsg: '', failNum: 5, beginAt: 500 }),
      task({ status: '2', errMsg: '', failNum: 0 }),
      task({ status: '1', errMsg: 'x', failNum: 3 }),
    ])
    expect(
      groups.map((g) => [g.key, g.known, g.imports, g.failedRecords, g.firstAt, g.lastAt]),
    ).toEqual([
      [knownCauseKey('duplicateTask'), 'duplicateTask', 2, 2, 1000, 3000],
      [NO_MESSAGE_KEY, null, 1, 5, 500, 500],
      [knownCauseKey('fileNotFound'), 'fileNotFound', 1, 0, 2000, 2000],
    ])
    expect(groups[0]!.message).toBe('Duplicate import task 11')
    expect(groups[1]!.message).toBe('')
  })

  it('puts the English and Chinese wordings of one known cause in one group', () => {
    const groups = groupFailures([
      task({ errMsg: 'File encoding error: the file is not UTF-8 encoded' }),
      task({ errMsg: '文件a.csv编码格式错误，请使用UTF-8编码' }),
      task({ errMsg: 'Import interrupted: database operation exception' }),
    ])
    expect(groups.map((g) => [g.known, g.imports])).toEqual([
      ['encoding', 2],
      [null, 1],
    ])
  })

  it('puts failed imports without a message, however blank, in the no-message group', () => {
    expect(causeKeyOf('  ')).toBe(NO_MESSAGE_KEY)
    expect(causeKeyOf('')).toBe(NO_MESSAGE_KEY)
    expect(hasCause(task({ status: '2', failNum: 1 }), NO_MESSAGE_KEY)).toBe(true)
    expect(hasCause(task({ status: '2', failNum: 0 }), NO_MESSAGE_KEY)).toBe(false)
  })

  it('calls an import failed when it failed or finished with failed records', () => {
    expect(isFailedImport(task({ status: '3' }))).toBe(true)
    expect(isFailedImport(task({ status: '2', failNum: 1 }))).toBe(true)
    expect(isFailedImport(task({ status: '2', failNum: 0 }))).toBe(false)
    expect(isFailedImport(task({ status: '1', failNum: 4 }))).toBe(false)
  })
})
