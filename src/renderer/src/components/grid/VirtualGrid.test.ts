import { h, nextTick } from 'vue'
import { mount } from '@vue/test-utils'
import VirtualGrid from './VirtualGrid.vue'
import type { GridColumn, GridSort } from './grid-types'

interface Row {
  id: string
  name: string
  n: number
}

const ROWS: Row[] = Array.from({ length: 1000 }, (_, i) => ({
  id: `r${i}`,
  name: `name ${i}`,
  n: i,
}))

const COLUMNS: GridColumn<Row>[] = [
  { key: 'id', title: 'Id', width: 80, render: (r) => r.id },
  { key: 'name', title: 'Name', width: 120, sortable: true, grow: true, render: (r) => r.name },
  {
    key: 'n',
    title: 'Number',
    shortTitle: 'No.',
    width: 60,
    sortable: true,
    align: 'right',
    render: (r) => h('span', { class: 'vg-clip' }, String(r.n)),
    tip: (r) => `number ${r.n}`,
  },
]

// 36 px header + 10 rows of 36 px; the default overscan is 6 rows.
function grid(props: { rows?: Row[]; sort?: GridSort | null } = {}) {
  return mount(VirtualGrid<Row>, {
    attachTo: document.body,
    props: {
      rows: props.rows ?? ROWS,
      columns: COLUMNS,
      label: 'Things',
      sort: props.sort ?? null,
      rowAttrs: (r: Row) => ({ 'data-testid': 'row', 'data-id': r.id }),
      copyText: (r: Row) => r.id,
      viewportHeight: 36 * 11,
    },
  })
}

type Grid = ReturnType<typeof grid>

const ids = (w: Grid) => w.findAll('[data-testid=row]').map((r) => r.attributes('data-id'))
const scroller = (w: Grid) => w.find('[role=grid]').element as HTMLElement

async function press(w: Grid, key: string, mods: { ctrlKey?: boolean } = {}) {
  const target = document.activeElement as HTMLElement
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, ...mods }))
  await nextTick()
  await nextTick()
}

/** The focused element's row (aria-rowindex, 1 = header) and column (aria-colindex). */
function focused(): { row: number; col: number } {
  const el = document.activeElement!
  const cell = el.closest('[aria-colindex]')!
  return {
    row: Number(cell.closest('[aria-rowindex]')!.getAttribute('aria-rowindex')),
    col: Number(cell.getAttribute('aria-colindex')),
  }
}

describe('VirtualGrid', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('renders only the visible window plus overscan, and reuses row elements by slot', async () => {
    const w = grid()
    expect(ids(w)).toEqual(ROWS.slice(0, 16).map((r) => r.id))
    const kept = w.find('[data-id=r10]').element
    scroller(w).scrollTop = 36 * 5
    await w.find('[role=grid]').trigger('scroll')
    expect(ids(w)).toEqual(ROWS.slice(0, 21).map((r) => r.id))
    // The same element for the same row index.
    expect(w.find('[data-id=r10]').element).toBe(kept)
    // A new array in another order creates no row element: each shows its index's new row.
    const before = new Set(w.findAll('[data-testid=row]').map((r) => r.element))
    await w.setProps({ rows: [...ROWS.slice(0, 20).reverse(), ...ROWS.slice(20)] })
    expect(ids(w).slice(0, 3)).toEqual(['r19', 'r18', 'r17'])
    const after = w.findAll('[data-testid=row]').map((r) => r.element)
    expect(after).toHaveLength(before.size)
    expect(after.every((el) => before.has(el))).toBe(true)
    expect(kept.getAttribute('data-id')).toBe('r9')
    expect(kept.getAttribute('aria-rowindex')).toBe('12')
  })

  it('exposes a grid: row and column counts, row indexes, header and cells', () => {
    const w = grid()
    const g = w.find('[role=grid]')
    expect(g.attributes('aria-label')).toBe('Things')
    expect(g.attributes('aria-rowcount')).toBe('1001')
    expect(g.attributes('aria-colcount')).toBe('3')
    const header = w.find('[role=row][aria-rowindex="1"]')
    expect(header.findAll('[role=columnheader]')).toHaveLength(3)
    const first = w.find('[data-id=r0]')
    expect(first.attributes('role')).toBe('row')
    expect(first.attributes('aria-rowindex')).toBe('2')
    expect(first.findAll('[role=gridcell]').map((c) => c.attributes('aria-colindex'))).toEqual([
      '1',
      '2',
      '3',
    ])
    // One tab stop: the first cell of the first row.
    expect(w.findAll('[tabindex="0"]').map((e) => e.text())).toEqual(['r0'])
  })

  it('sortable headers are buttons with aria-sort; a click asks for descending, ascending, then none', async () => {
    const w = grid()
    const th = () => w.find('[role=columnheader][data-col-key=n]')
    expect(w.find('[role=columnheader][data-col-key=id]').attributes('aria-sort')).toBeUndefined()
    expect(w.find('[role=columnheader][data-col-key=id] button').exists()).toBe(false)
    expect(th().attributes('aria-sort')).toBe('none')
    await th().find('button').trigger('click')
    expect(w.emitted('sort')!.at(-1)).toEqual([{ key: 'n', order: 'descend' }])
    await w.setProps({ sort: { key: 'n', order: 'descend' } })
    expect(th().attributes('aria-sort')).toBe('descending')
    await th().find('button').trigger('click')
    expect(w.emitted('sort')!.at(-1)).toEqual([{ key: 'n', order: 'ascend' }])
    await w.setProps({ sort: { key: 'n', order: 'ascend' } })
    expect(th().attributes('aria-sort')).toBe('ascending')
    await th().find('button').trigger('click')
    expect(w.emitted('sort')!.at(-1)).toEqual([null])
    // The short header names the column in full in its tooltip.
    expect(th().find('[title=Number]').text()).toBe('No.')
  })

  it('arrow keys, page keys and Ctrl+End move the focus and scroll the focused row into view', async () => {
    const w = grid()
    ;(w.find('[tabindex="0"]').element as HTMLElement).focus()
    await press(w, 'ArrowDown')
    expect(focused()).toEqual({ row: 3, col: 1 })
    await press(w, 'ArrowRight')
    expect(focused()).toEqual({ row: 3, col: 2 })
    await press(w, 'PageDown') // ten rows on screen
    expect(focused()).toEqual({ row: 13, col: 2 })
    await press(w, 'PageDown')
    expect(focused()).toEqual({ row: 23, col: 2 })
    // Row 21 (0-based) just whole above the bottom edge: header + 22 rows − the scroller's height.
    expect(scroller(w).scrollTop).toBe(36 + 22 * 36 - 36 * 11)
    await press(w, 'End', { ctrlKey: true })
    expect(focused()).toEqual({ row: 1001, col: 3 })
    expect(ids(w)).toContain('r999')
    expect(ids(w)).not.toContain('r0')
    await press(w, 'Home', { ctrlKey: true })
    expect(focused()).toEqual({ row: 2, col: 1 })
    expect(scroller(w).scrollTop).toBe(0)
    // Up from the first row: the header; a sortable header focuses its button.
    await press(w, 'ArrowRight')
    await press(w, 'ArrowUp')
    expect(document.activeElement!.tagName).toBe('BUTTON')
    expect(focused()).toEqual({ row: 1, col: 2 })
    expect(w.findAll('[tabindex="0"]')).toHaveLength(1)
  })

  it('Enter opens the focused row; Ctrl+C copies its text; a click opens its row', async () => {
    const w = grid()
    ;(w.find('[tabindex="0"]').element as HTMLElement).focus()
    await press(w, 'ArrowDown')
    await press(w, 'Enter')
    expect(w.emitted('activate')).toEqual([[ROWS[1]]])
    await press(w, 'c', { ctrlKey: true })
    expect(w.emitted('copy')).toEqual([['r1']])
    await w.find('[data-id=r4]').trigger('click')
    expect(w.emitted('activate')!.at(-1)).toEqual([ROWS[4]])
  })

  it('the focused row stays rendered when the mouse scrolls it away', async () => {
    const w = grid()
    ;(w.find('[tabindex="0"]').element as HTMLElement).focus()
    scroller(w).scrollTop = 36 * 500
    await w.find('[role=grid]').trigger('scroll')
    expect(ids(w)).toContain('r0')
    expect(ids(w)).toContain('r500')
    expect(document.activeElement!.closest('[data-id]')!.getAttribute('data-id')).toBe('r0')
  })

  it('one shared tooltip shows a cell’s tip on hover and describes the focused cell', async () => {
    const w = grid()
    const cell = w.find('[data-id=r2] [aria-colindex="3"]')
    await cell.find('span').trigger('mouseover')
    expect(w.findAll('[role=tooltip]')).toHaveLength(1)
    expect(w.find('[role=tooltip]').text()).toBe('number 2')
    await w.find('[role=grid]').trigger('mouseleave')
    expect(w.find('[role=tooltip]').exists()).toBe(false)
    ;(cell.element as HTMLElement).focus()
    await nextTick()
    const tip = w.find('[role=tooltip]')
    expect(tip.text()).toBe('number 2')
    expect(cell.attributes('aria-describedby')).toBe(tip.attributes('id'))
  })
})
