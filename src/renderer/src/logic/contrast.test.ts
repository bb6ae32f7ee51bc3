import { composite, contrastRatio, luminance, parseColor } from './contrast'

describe('contrast', () => {
  it('reads hex, short hex, rgb() and rgba() colours', () => {
    expect(parseColor('#fff')).toEqual([255, 255, 255, 1])
    expect(parseColor('#0b6e3c')).toEqual([11, 110, 60, 1])
    expect(parseColor('#00000080')[3]).toBeCloseTo(0.5, 2)
    expect(parseColor('rgb(1, 2, 3)')).toEqual([1, 2, 3, 1])
    expect(parseColor('rgba(255, 255, 255, 0.38)')).toEqual([255, 255, 255, 0.38])
    expect(() => parseColor('green')).toThrow(/Not a colour/)
  })

  it('gives the WCAG ratios of known pairs: black on white 21, white on white 1, #767676 4.54', () => {
    expect(contrastRatio('#000', '#fff')).toBeCloseTo(21, 5)
    expect(contrastRatio('#fff', '#fff')).toBe(1)
    expect(contrastRatio('#767676', '#fff')).toBeCloseTo(4.54, 2)
    expect(luminance('#fff')).toBeCloseTo(1, 5)
  })

  it('paints a translucent foreground over the background before comparing', () => {
    expect(composite('#ffffff', 'rgba(0, 0, 0, 0.5)')).toEqual([128, 128, 128, 1])
    expect(contrastRatio('rgba(255, 255, 255, 0.38)', 'rgb(24, 24, 28)')).toBeCloseTo(3.58, 1)
  })
})
