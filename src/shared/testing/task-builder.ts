/**
 * Test support, never imported by the app: the one ImportTask builder for unit tests, test
 * fixtures and the e2e helpers.
 *
 * The defaults come from the field table (task-fields.ts), so a new field needs no change here or
 * in any test: each field holds what the app makes of a reply that leaves it out (times "" with
 * no instant, counts 0, texts ""; optional fields absent), the id is a 30-digit id and the status
 * "2" (imported). Give every value a test relies on explicitly.
 */
import type { ImportTask } from '../import-task'
import { TASK_FIELDS, type FieldValue } from '../task-fields'

export const DEFAULT_TASK_ID = '100000000000000000000000000001'

const DEFAULT_VALUE: FieldValue = {
  id: DEFAULT_TASK_ID,
  status: '2',
  time: '',
  count: 0,
  text: '',
}

export function buildTask(over: Partial<ImportTask> = {}): ImportTask {
  const task: Record<string, unknown> = {}
  for (const f of TASK_FIELDS) {
    if (f.optional) continue
    task[f.key] = DEFAULT_VALUE[f.kind]
    if ('at' in f) task[f.at] = null
  }
  // Every required field is set above from the default of its kind.
  return { ...(task as unknown as ImportTask), extra: {}, ...over }
}
