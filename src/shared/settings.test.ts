import { settingsPatchSchema } from './contract'
import { DEFAULT_SETTINGS, SETTINGS } from './settings'

describe('the settings table', () => {
  it('gives every setting a default its own rule accepts', () => {
    expect(Object.keys(DEFAULT_SETTINGS).sort()).toEqual(Object.keys(SETTINGS).sort())
    expect(settingsPatchSchema.parse(DEFAULT_SETTINGS)).toEqual(DEFAULT_SETTINGS)
  })

  it('builds the patch schema from each row: kind, range and choices', () => {
    const ok = (patch: object) => settingsPatchSchema.safeParse(patch).success
    expect(ok({})).toBe(true)
    expect(ok({ notifications: false, csvBom: false })).toBe(true)
    expect(ok({ notifications: 'yes' })).toBe(false)
    expect(ok({ refreshIntervalSec: SETTINGS.refreshIntervalSec.min })).toBe(true)
    expect(ok({ refreshIntervalSec: SETTINGS.refreshIntervalSec.max + 1 })).toBe(false)
    expect(ok({ refreshIntervalSec: 7.5 })).toBe(false)
    for (const locale of SETTINGS.locale.values) expect(ok({ locale })).toBe(true)
    expect(ok({ locale: 'fr' })).toBe(false)
    expect(ok({ theme: 'dark' })).toBe(true)
    expect(ok({ windowBounds: {} })).toBe(false)
  })
})
