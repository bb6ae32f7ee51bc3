import { defineComponent, h, nextTick, withDirectives } from 'vue'
import { NInputNumber, NSelect } from 'naive-ui'
import { mountUi } from '../testing/mount'
import { vCombobox, vStepButtons } from './a11y'
import { announce, ensureLiveRegions, LIVE_REGION_IDS } from './toasts'

/** Lets the directives' MutationObservers run. */
const settle = async () => {
  await nextTick()
  await new Promise((resolve) => setTimeout(resolve, 0))
}

describe('accessibility directives', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('a select marked v-combobox is announced as a named combobox with its open state', async () => {
    const Shell = defineComponent({
      setup() {
        return () =>
          withDirectives(h(NSelect, { options: [{ label: 'A', value: 'a' }], value: null }), [
            [vCombobox, 'Theme'],
          ])
      },
    })
    const w = mountUi(Shell)
    await settle()
    const box = w.get('[role=combobox]')
    expect(box.attributes('aria-label')).toBe('Theme')
    expect(box.attributes('aria-haspopup')).toBe('listbox')
    expect(box.attributes('aria-expanded')).toBe('false')
    // Naive marks the selection active while its menu is open: the state follows.
    w.get('.n-base-selection').element.classList.add('n-base-selection--active')
    await settle()
    expect(box.attributes('aria-expanded')).toBe('true')
  })

  it('names the open menu in the next frame, and reads no style or layout while it is named', async () => {
    // Frames run only when the test says so.
    const frames: FrameRequestCallback[] = []
    vi.spyOn(window, 'requestAnimationFrame').mockImplementation((cb) => frames.push(cb))
    const runFrames = () => frames.splice(0).forEach((cb) => cb(0))
    const Shell = defineComponent({
      setup() {
        return () =>
          withDirectives(h(NSelect, { options: [{ label: 'A', value: 'a' }], value: null }), [
            [vCombobox, 'Status'],
          ])
      },
    })
    const w = mountUi(Shell)
    await settle()
    const box = w.get('[role=combobox]')
    const menu = document.createElement('div')
    menu.className = 'n-base-select-menu'
    const shown = vi.fn(() => true)
    Object.assign(menu, { checkVisibility: shown })
    document.body.append(menu)
    const selection = w.get('.n-base-selection').element
    selection.classList.add('n-base-selection--active')
    await settle()
    // Not during the update that opened it: in the frame after.
    expect(shown).not.toHaveBeenCalled()
    runFrames()
    expect(box.attributes('aria-controls')).toBe(menu.id)
    shown.mockClear()
    // Naive changes the selection while open (focus, a value picked): the link holds as it is.
    selection.classList.add('n-base-selection--focus')
    await settle()
    runFrames()
    expect(shown).not.toHaveBeenCalled()
    expect(box.attributes('aria-controls')).toBe(menu.id)
    selection.classList.remove('n-base-selection--active')
    await settle()
    expect(box.attributes('aria-controls')).toBeUndefined()
    vi.restoreAllMocks()
  })

  it('the − and + of a number input get the names given', async () => {
    const Shell = defineComponent({
      setup() {
        return () =>
          withDirectives(h(NInputNumber, { value: 10 }), [
            [vStepButtons, ['Decrease Interval', 'Increase Interval']],
          ])
      },
    })
    const w = mountUi(Shell)
    await settle()
    const names = w.findAll('.n-input__suffix > button').map((b) => b.attributes('aria-label'))
    expect(names).toEqual(['Decrease Interval', 'Increase Interval'])
  })
})

describe('toast announcements', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('reads a toast out politely, an error assertively, title, lines and action together', () => {
    ensureLiveRegions()
    const polite = document.getElementById(LIVE_REGION_IDS.polite)!
    const assertive = document.getElementById(LIVE_REGION_IDS.assertive)!
    expect(polite.getAttribute('role')).toBe('status')
    expect(polite.getAttribute('aria-live')).toBe('polite')
    expect(assertive.getAttribute('role')).toBe('alert')
    expect(assertive.getAttribute('aria-live')).toBe('assertive')

    announce({
      kind: 'success',
      title: 'Exported 3 tasks',
      lines: ['/tmp/a.csv'],
      action: { label: 'Show in folder', testid: 'x', run: () => undefined },
      testid: 'toast-exported',
    })
    expect(polite.textContent).toBe('Exported 3 tasks. /tmp/a.csv. Show in folder')
    expect(assertive.textContent).toBe('')

    announce({ kind: 'error', title: 'Export failed', lines: ['Disk full'], testid: 'toast-error' })
    expect(assertive.textContent).toBe('Export failed. Disk full')
  })
})
