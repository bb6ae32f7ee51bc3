import { isInProgress, type ImportTask, type TaskStatus } from '../../shared/import-task'

/**
 * Which imports ended between two fetches of a campaign, and the one native notification that
 * reports them (several ending at once are summed up in a single notification).
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

const number = (n: number): string => n.toLocaleString('en-US')

function plural(n: number, one: string, many: string): string {
  return `${number(n)} ${n === 1 ? one : many}`
}

function reason(task: ImportTask): string {
  return task.errMsg.trim() !== '' ? task.errMsg.trim() : 'the server gave no reason'
}

function counts(tasks: readonly ImportTask[]): string {
  const succeeded = tasks.reduce((s, t) => s + t.succNum, 0)
  const failed = tasks.reduce((s, t) => s + t.failNum, 0)
  return `${number(succeeded)} succeeded, ${number(failed)} failed`
}

/** null when nothing ended. `campaign` is what the supervisor calls it (label, else id). */
export function endedNotification(
  campaign: string,
  ended: readonly ImportTask[],
): NotificationText | null {
  if (ended.length === 0) return null
  const done = ended.filter((t) => t.status === '2')
  const failed = ended.filter((t) => t.status === '3')
  const where = `campaign ${campaign}`
  if (ended.length === 1) {
    const [task] = ended as [ImportTask]
    return task.status === '2'
      ? { title: `Import finished: ${where}`, body: counts([task]) }
      : { title: `Import failed: ${where}`, body: reason(task) }
  }
  const title =
    failed.length === 0
      ? `${ended.length} imports finished: ${where}`
      : done.length === 0
        ? `${ended.length} imports failed: ${where}`
        : `${ended.length} imports ended: ${where}`
  const parts: string[] = []
  if (done.length > 0)
    parts.push(`${plural(done.length, 'finished', 'finished')} — ${counts(done)}`)
  if (failed.length > 0) {
    const reasons = [...new Set(failed.map(reason))]
    const shown = reasons.slice(0, 2).join('; ')
    const more = reasons.length > 2 ? ` (+${reasons.length - 2} more reasons)` : ''
    parts.push(`${plural(failed.length, 'failed', 'failed')} — ${shown}${more}`)
  }
  return { title, body: parts.join('. ') }
}
