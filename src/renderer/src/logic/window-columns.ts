/**
 * The window's task columns, in order: every server field of the shared field table
 * (@shared/task-fields), plus the columns the window computes from them (duration, success rate).
 * The table's columns, the drawer's rows and the sort keys all come from this list.
 */
import {
  TASK_FIELDS,
  fieldSortKey,
  type FieldSortKey,
  type TaskField,
  type TaskFieldKey,
} from '@shared/task-fields'

/** Columns computed from other fields: not sent by the server, never exported. */
export type ComputedColumn = 'duration' | 'successRate'

export type SortColumn = FieldSortKey | ComputedColumn

export type WindowColumn = (
  | /** `column`: the field's sort key (a time sorts by its instant), its key when not sortable. */
    { column: string; sortable: boolean; field: TaskField }
  | { column: ComputedColumn; sortable: true; field: null }
) & {
  /** 1: always on screen; higher: hidden sooner when the table is narrow (logic/column-priority). */
  priority: number
  /** Width in px; the error message's column: the least it gets (it takes what is left over). */
  width: number
}

/**
 * What a supervisor needs first: whether an import failed, when, how many records and why (the
 * error message). Ids, end time, duplicates and blacklisted records give way on narrow windows;
 * the drawer shows every field of the task.
 */
const PRIORITY: Record<TaskFieldKey | ComputedColumn, number> = {
  status: 1,
  beginTime: 1,
  failNum: 1,
  errMsg: 1,
  succNum: 2,
  successRate: 3,
  id: 4,
  duration: 5,
  endTime: 6,
  repeatNum: 7,
  blackNum: 8,
}

/**
 * The error message's column takes the width left over, but never less than this when the table
 * chooses its columns: about 40 characters a line, so a cause of up to about 150 characters shows whole in its 4 lines.
 */
export const ERROR_MIN_WIDTH = 280

/** Where each computed column goes: right after this field. */
const COMPUTED: readonly { column: ComputedColumn; after: TaskFieldKey; width: number }[] = [
  { column: 'duration', after: 'endTime', width: 80 },
  { column: 'successRate', after: 'blackNum', width: 62 },
]

export const WINDOW_COLUMNS: readonly WindowColumn[] = TASK_FIELDS.flatMap(
  (field): WindowColumn[] => {
    const sortKey = fieldSortKey(field)
    return [
      {
        column: sortKey ?? field.key,
        sortable: sortKey !== null,
        field,
        priority: PRIORITY[field.key],
        width: 'width' in field ? field.width : ERROR_MIN_WIDTH,
      },
      ...COMPUTED.filter((c) => c.after === field.key).map((c): WindowColumn => ({
        column: c.column,
        sortable: true,
        field: null,
        priority: PRIORITY[c.column],
        width: c.width,
      })),
    ]
  },
)
