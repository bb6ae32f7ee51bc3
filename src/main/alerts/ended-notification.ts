import { isInProgress, type ImportTask, type TaskStatus } from '../../shared/import-task'
import {
  formatMessage,
  msg,
  type MessageLocale,
  type MessageParam,
  type MessageRef,
} from '../../shared/messages'

/**
 * Which imports ended between two fetches of a campaign, and the one native notification that
 * reports them (several ending at once are summed up in a single notification), in the language
 * the window shows. The server's error texts are quoted as they came.
 */

export interface NotificationText {
  title: string
  body: string
}

/** Tasks that were preparing/importing in the previous fetch and are now imported or failed. */
export function endedSince(
  previous: ReadonlyMap<string, TaskStatus>,
  tasks: readonly ImportTask[],
): ImportTask[] {
  return tasks.filter((t) => {
    const before = previous.get(t.id)
    return before !== undefined && isInProgress(before) && !isInProgress(t.status)
  })
}

/** null when nothing ended. `campaign` is what the supervisor calls it (label, else id), or a
 * message naming it with its server. */
export function endedNotification(
  campaign: MessageParam,
  ended: readonly ImportTask[],
  locale: MessageLocale = 'en',
): NotificationText | null {
  if (ended.length === 0) return null
  const text = (ref: MessageRef): string => formatMessage(locale, ref.id, ref.params)
  const number = (n: number): string => n.toLocaleString(locale)
  const reason = (task: ImportTask): string =>
    task.errMsg.trim() !== '' ? task.errMsg.trim() : text(msg('notifyNoReason'))
  const sums = (tasks: readonly ImportTask[]) => ({
    succeeded: number(tasks.reduce((s, t) => s + t.succNum, 0)),
    failed: number(tasks.reduce((s, t) => s + t.failNum, 0)),
  })

  const done = ended.filter((t) => t.status === '2')
  const failed = ended.filter((t) => t.status === '3')
  if (ended.length === 1) {
    const [task] = ended as [ImportTask]
    return task.status === '2'
      ? {
          title: text(msg('notifyFinishedTitle', { campaign })),
          body: text(msg('notifyCounts', sums([task]))),
        }
      : { title: text(msg('notifyFailedTitle', { campaign })), body: reason(task) }
  }
  const count = number(ended.length)
  const title =
    failed.length === 0
      ? msg('notifyManyFinishedTitle', { count, campaign })
      : done.length === 0
        ? msg('notifyManyFailedTitle', { count, campaign })
        : msg('notifyManyEndedTitle', { count, campaign })
  const parts: string[] = []
  if (done.length > 0) {
    parts.push(text(msg('notifyFinishedPart', { count: number(done.length), ...sums(done) })))
  }
  if (failed.length > 0) {
    const distinct = [...new Set(failed.map(reason))]
    const reasons = distinct.slice(0, 2).join(text(msg('notifyReasonSeparator')))
    const more = distinct.length - 2
    parts.push(
      text(
        more > 0
          ? msg('notifyFailedPartMore', {
              count: number(failed.length),
              reasons,
              more: number(more),
            })
          : msg('notifyFailedPart', { count: number(failed.length), reasons }),
      ),
    )
  }
  return { title: text(title), body: parts.join(text(msg('notifyPartSeparator'))) }
}
