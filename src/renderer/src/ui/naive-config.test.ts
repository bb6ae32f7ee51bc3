import { createPinia, setActivePinia } from 'pinia'
import { defineComponent, h } from 'vue'
import { darkTheme, lightTheme, NConfigProvider, NEmpty } from 'naive-ui'
import { INBOX_PATH } from '../components/icons'
import { installFakeIsales } from '../testing/fake-isales'
import { mountUi } from '../testing/mount'
import { contrastRatio, composite, parseColor } from '../logic/contrast'
import { CSS_VARS, FIELD_BORDER, naiveConfig, THEME_OVERRIDES } from './naive-config'

describe('naiveConfig', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    installFakeIsales()
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('gives every empty state the plain tray picture, not Naive’s one with an × badge', () => {
    const Shell = defineComponent({
      setup() {
        const config = naiveConfig()
        return () =>
          h(NConfigProvider, config.value, () => h(NEmpty, { description: 'Nothing here' }))
      },
    })
    const w = mountUi(Shell)
    const paths = w.findAll('.n-empty__icon path')
    expect(paths.map((p) => p.attributes('d'))).toEqual([INBOX_PATH])
  })
})

/**
 * WCAG 2.1 AA on the theme itself: each colour the window draws text or meaningful graphics with,
 * as Naive resolves it (its defaults under our overrides), against each surface it lands on. A
 * future colour change below the line fails here, before any screen is audited.
 */
describe.each(['light', 'dark'] as const)('the %s theme’s colours', (name) => {
  const base = name === 'light' ? lightTheme.common : darkTheme.common
  const c = { ...base, ...THEME_OVERRIDES[name].common } as Record<string, string>
  const surfaces = {
    body: c['bodyColor']!,
    card: c['cardColor']!,
    modal: c['modalColor']!,
    tableHeader: composite(c['cardColor']!, c['tableHeaderColor']!),
    rowHover: composite(c['cardColor']!, c['hoverColor']!),
  }
  const accents = ['primary', 'info', 'success', 'warning', 'error'] as const
  const states = ['', 'Hover', 'Pressed'] as const
  const accentColors = accents.flatMap((a) => states.map((s) => `${a}Color${s}`))
  const minRatio = (fg: string, backgrounds: Record<string, unknown>) =>
    Math.min(
      ...Object.values(backgrounds).map((bg) =>
        contrastRatio(fg, bg as Parameters<typeof contrastRatio>[1]),
      ),
    )

  it.each(['textColor1', 'textColor2', 'textColor3', 'placeholderColor', ...accentColors])(
    '%s is ≥ 4.5:1 as text on every surface (page, card, dialog, table header, hovered row)',
    (key) => {
      expect(minRatio(c[key]!, surfaces)).toBeGreaterThanOrEqual(4.5)
    },
  )

  it.each(accents.map((a) => `${a}Color`))(
    '%s is ≥ 4.5:1 as tag text on its own tag tint (12 % light, 16 % dark) over card and page',
    (key) => {
      const [r, g, b] = parseColor(c[key]!)
      const tint = [r, g, b, name === 'light' ? 0.12 : 0.16] as const
      const tags = {
        card: composite(surfaces.card, tint),
        body: composite(surfaces.body, tint),
        rowHover: composite(surfaces.rowHover, tint),
      }
      expect(minRatio(c[key]!, tags)).toBeGreaterThanOrEqual(4.5)
    },
  )

  it.each(accentColors)('the filled button’s text (the base colour) is ≥ 4.5:1 on %s', (key) => {
    expect(contrastRatio(c['baseColor']!, c[key]!)).toBeGreaterThanOrEqual(4.5)
  })

  it.each(['primaryColor', 'iconColor', ...accents.map((a) => `${a}Color`)])(
    '%s is ≥ 3:1 as a graphic (focus ring, icon, chart bar) on every surface',
    (key) => {
      expect(minRatio(c[key]!, surfaces)).toBeGreaterThanOrEqual(3)
    },
  )

  it('a text field’s border is ≥ 3:1 on the page, a card and a dialog', () => {
    const border = FIELD_BORDER[name]
    const { body, card, modal } = surfaces
    expect(minRatio(border, { body, card, modal })).toBeGreaterThanOrEqual(3)
  })

  it('our CSS’s muted text is ≥ 4.5:1 and its focus ring ≥ 3:1 on every surface', () => {
    expect(minRatio(CSS_VARS[name]['--app-text-muted'], surfaces)).toBeGreaterThanOrEqual(4.5)
    expect(minRatio(CSS_VARS[name]['--app-focus-ring'], surfaces)).toBeGreaterThanOrEqual(3)
  })

  it('our CSS’s warning and error text is ≥ 4.5:1 on every surface', () => {
    expect(minRatio(CSS_VARS[name]['--app-text-warning'], surfaces)).toBeGreaterThanOrEqual(4.5)
    expect(minRatio(CSS_VARS[name]['--app-text-error'], surfaces)).toBeGreaterThanOrEqual(4.5)
  })

  it('the empty states’ text is the tertiary text colour, not Naive’s disabled grey', () => {
    expect(THEME_OVERRIDES[name].Empty?.textColor).toBe(c['textColor3'])
  })
})
