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

export type WindowColumn =
  /** `column`: the field's sort key (a time sorts by its instant), its key when not sortable. */
  | { column: string; sortable: boolean; field: TaskField }
  | { column: ComputedColumn; sortable: true; field: null }

/** Where each computed column goes: right after this field. */
const COMPUTED: readonly { column: ComputedColumn; after: TaskFieldKey }[] = [
  { column: 'duration', after: 'endTime' },
  { column: 'successRate', after: 'blackNum' },
]

export const WINDOW_COLUMNS: readonly WindowColumn[] = TASK_FIELDS.flatMap(
  (field): WindowColumn[] => {
    const sortKey = fieldSortKey(field)
    return [
      { column: sortKey ?? field.key, sortable: sortKey !== null, field },
      ...COMPUTED.filter((c) => c.after === field.key).map((c): WindowColumn => ({
        column: c.column,
        sortable: true,
        field: null,
      })),
    ]
  },
)
