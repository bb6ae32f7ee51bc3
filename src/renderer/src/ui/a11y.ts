/**
 * What Naive UI leaves out for screen readers and keyboards, added from outside its components
 * (issue 14): selects announced as comboboxes with a name and their open state, the date range's
 * two inputs in the tab order with names of their own, and where keyboard focus goes to.
 * Naive re-renders these parts from its own state, so the directives watch the DOM (a
 * MutationObserver on the component's root) and put the attributes back whenever they change.
 */
import type { Directive } from 'vue'

interface Watched {
  observer: MutationObserver
  apply(): void
}
const watched = new WeakMap<HTMLElement, Watched>()

function setAttr(el: Element, name: string, value: string): void {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value)
}

/** Observes `el`'s subtree (classes, tab indexes, children) and runs `apply` on each change. */
function watchDom(el: HTMLElement, apply: () => void): void {
  const observer = new MutationObserver(apply)
  observer.observe(el, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['class', 'tabindex'],
  })
  watched.set(el, { observer, apply })
  apply()
}

function unwatch(el: HTMLElement): void {
  watched.get(el)?.observer.disconnect()
  watched.delete(el)
}

/** The element of an NSelect that takes focus (Naive puts tabindex=0 on it). */
export function selectFocusTarget(root: Element): HTMLElement | null {
  return (
    root.querySelector<HTMLElement>('.n-base-selection input') ??
    root.querySelector<HTMLElement>('.n-base-selection [tabindex="0"]') ??
    root.querySelector<HTMLElement>('.n-base-selection')
  )
}

let menuIds = 0

/** Whether `target` names a menu still in the page: then it is linked and nothing is looked up. */
function linkedMenu(target: HTMLElement): boolean {
  const id = target.getAttribute('aria-controls')
  return id !== null && !!document.getElementById(id)?.classList.contains('n-base-select-menu')
}

/** Shown: from the computed style where the browser offers it (no layout), else by its boxes. */
function isShown(el: HTMLElement): boolean {
  const check = (el as { checkVisibility?: () => boolean }).checkVisibility
  return check ? check.call(el) : el.getClientRects().length > 0
}

/**
 * An open combobox names the menu it controls. Naive teleports the menu to <body> and mounts it
 * a frame or two after the selection turns active: the one menu on screen is it. Looked up in
 * an animation frame, never during an update: telling which menu shows reads the page's style
 * or layout, which mid-update would force a whole extra layout (a filter change on 50,000 tasks
 * spent about 10 ms there).
 */
function linkMenu(target: HTMLElement, tries = 10): void {
  if (linkedMenu(target)) return
  requestAnimationFrame(() => {
    if (target.getAttribute('aria-expanded') !== 'true' || linkedMenu(target)) return
    const menu = [...document.querySelectorAll<HTMLElement>('.n-base-select-menu')].find(isShown)
    if (!menu) {
      if (tries > 0) linkMenu(target, tries - 1)
      return
    }
    if (!menu.id) menu.id = `select-menu-${++menuIds}`
    setAttr(target, 'aria-controls', menu.id)
  })
}

/**
 * `v-combobox="label"` on an n-select (or a `.a11y-host` around it): its focusable part gets role=combobox, the label as its
 * name, aria-haspopup=listbox and aria-expanded following the menu (Naive marks the selection
 * `--active` while its menu is open).
 */
export const vCombobox: Directive<HTMLElement, string> = {
  mounted(el, binding) {
    el.dataset['comboboxLabel'] = binding.value
    watchDom(el, () => {
      const target = selectFocusTarget(el)
      if (!target) return
      const open = el.querySelector('.n-base-selection--active') !== null
      setAttr(target, 'role', 'combobox')
      setAttr(target, 'aria-label', el.dataset['comboboxLabel'] ?? '')
      setAttr(target, 'aria-haspopup', 'listbox')
      setAttr(target, 'aria-expanded', String(open))
      if (open) linkMenu(target)
      else target.removeAttribute('aria-controls')
    })
  },
  updated(el, binding) {
    el.dataset['comboboxLabel'] = binding.value
    watched.get(el)?.apply()
  },
  beforeUnmount: unwatch,
}

/**
 * `v-range-inputs="[startLabel, endLabel]"` on an n-date-picker of a range type (or around it): Naive makes its
 * box one tab stop that has to be "activated" with Enter before either input can be reached;
 * here both inputs are ordinary tab stops, each with its name, and the box itself is not.
 */
export const vRangeInputs: Directive<HTMLElement, readonly [string, string]> = {
  mounted(el, binding) {
    el.dataset['rangeLabels'] = JSON.stringify(binding.value)
    watchDom(el, () => {
      const labels = JSON.parse(el.dataset['rangeLabels'] ?? '[]') as string[]
      const box = el.querySelector('.n-input')
      if (box && box.getAttribute('tabindex') !== null) setAttr(box, 'tabindex', '-1')
      el.querySelectorAll('input.n-input__input-el').forEach((input, k) => {
        setAttr(input, 'tabindex', '0')
        setAttr(input, 'aria-label', labels[k] ?? '')
      })
    })
  },
  updated(el, binding) {
    el.dataset['rangeLabels'] = JSON.stringify(binding.value)
    watched.get(el)?.apply()
  },
  beforeUnmount: unwatch,
}

/**
 * `v-step-buttons="[decreaseLabel, increaseLabel]"` on an n-input-number: its − and + buttons
 * (Naive renders them unnamed, out of the tab order: the arrow keys step the value) get names.
 */
export const vStepButtons: Directive<HTMLElement, readonly [string, string]> = {
  mounted(el, binding) {
    el.dataset['stepLabels'] = JSON.stringify(binding.value)
    watchDom(el, () => {
      const labels = JSON.parse(el.dataset['stepLabels'] ?? '[]') as string[]
      el.querySelectorAll('.n-input__suffix > button').forEach((button, k) => {
        setAttr(button, 'aria-label', labels[k] ?? '')
      })
    })
  },
  updated(el, binding) {
    el.dataset['stepLabels'] = JSON.stringify(binding.value)
    watched.get(el)?.apply()
  },
  beforeUnmount: unwatch,
}

/** The header's h1 (the campaign or screen name): where focus goes when a screen opens. */
export const PAGE_TITLE_ID = 'page-title'
/** The main area (the overview or a campaign): where the skip link goes. */
export const MAIN_ID = 'main-content'

export function focusById(id: string): void {
  document.getElementById(id)?.focus()
}

/** Focuses the first element under `root` (an element, else nothing) matching `selector`. */
export function focusWithin(root: unknown, selector: string): void {
  if (root instanceof Element) root.querySelector<HTMLElement>(selector)?.focus()
}

// ---- how the last action was made ----------------------------------------------------------------

let keyboardLast = false
let tracking = false

/**
 * Whether the last thing the user did was a key press (not a click or a touch): the result of a
 * keyboard action may take focus (the export toast's "Show in folder"), a click's does not.
 */
export function lastInputWasKeyboard(): boolean {
  return keyboardLast
}

/** Starts following key presses and pointer presses (once, for the window's lifetime). */
export function trackInputModality(target: Pick<Window, 'addEventListener'> = window): void {
  if (tracking) return
  tracking = true
  target.addEventListener('keydown', () => (keyboardLast = true), true)
  target.addEventListener('pointerdown', () => (keyboardLast = false), true)
}

/** Test hook: forget the last input and whether listeners are installed. */
export function resetInputModality(): void {
  keyboardLast = false
  tracking = false
}
