import type { ImportTask, TaskStatus } from '../../shared/import-task'
import { buildTask } from '../../shared/testing/task-builder'
import { endedNotification, endedSince } from './ended-notification'

function task(id: string, status: TaskStatus, over: Partial<ImportTask> = {}): ImportTask {
  return buildTask({ id, status, ...over })
}

describe('endedSince', () => {
  it('finds tasks that went from preparing/importing to imported/failed', () => {
    const previous = new Map<string, TaskStatus>([
      ['a', '0'],
      ['b', '1'],
      ['c', '1'],
      ['d', '2'],
      ['e', '3'],
    ])
    const now = [
      task('a', '2'),
      task('b', '3'),
      task('c', '1'),
      task('d', '2'),
      task('e', '3'),
      task('new', '2'), // not seen before: no transition
    ]
    expect(endedSince(previous, now).map((t) => t.id)).toEqual(['a', 'b'])
  })
})

describe('endedNotification', () => {
  it('is null when nothing ended', () => {
    expect(endedNotification('X', [])).toBeNull()
  })

  it('one finished import: its numbers, with thousands separators', () => {
    expect(endedNotification('Spring', [task('a', '2', { succNum: 1234, failNum: 5 })])).toEqual({
      title: 'Import finished: campaign Spring',
      body: '1,234 succeeded, 5 failed',
    })
  })

  it('one failed import: its reason, or a plain word when the server gave none', () => {
    expect(endedNotification('1001', [task('a', '3', { errMsg: ' Bad file ' })])).toEqual({
      title: 'Import failed: campaign 1001',
      body: 'Bad file',
    })
    expect(endedNotification('1001', [task('a', '3')])?.body).toBe('the server gave no reason')
  })

  it('several at once: one summary', () => {
    const ended = [
      task('a', '2', { succNum: 1000, failNum: 1 }),
      task('b', '2', { succNum: 2500, failNum: 2 }),
      task('c', '3', { errMsg: 'Bad file' }),
      task('d', '3', { errMsg: 'Bad file' }),
      task('e', '3', { errMsg: 'Timeout' }),
      task('f', '3', { errMsg: 'Disk full' }),
    ]
    expect(endedNotification('Spring', ended)).toEqual({
      title: '6 imports ended: campaign Spring',
      body: '2 finished — 3,500 succeeded, 3 failed. 4 failed — Bad file; Timeout (+1 more reasons)',
    })
    expect(endedNotification('S', ended.slice(0, 2))?.title).toBe('2 imports finished: campaign S')
    expect(endedNotification('S', ended.slice(2))?.title).toBe('4 imports failed: campaign S')
  })

  it('speaks the window language: Chinese titles and counts, the server reasons as they came', () => {
    expect(
      endedNotification('春季续约', [task('a', '2', { succNum: 1234, failNum: 5 })], 'zh-CN'),
    ).toEqual({ title: '导入完成：活动 春季续约', body: '成功 1,234 条，失败 5 条' })
    expect(endedNotification('1001', [task('a', '3')], 'zh-CN')).toEqual({
      title: '导入失败：活动 1001',
      body: '服务器未说明原因',
    })
    const ended = [
      task('a', '2', { succNum: 1000, failNum: 1 }),
      task('c', '3', { errMsg: 'Bad file' }),
      task('d', '3', { errMsg: 'Timeout' }),
      task('e', '3', { errMsg: 'Disk full' }),
    ]
    expect(endedNotification('S', ended, 'zh-CN')).toEqual({
      title: '4 个导入已结束：活动 S',
      body: '1 个已完成——成功 1,000 条，失败 1 条。3 个失败——Bad file；Timeout（另有 1 个原因）',
    })
  })
})
