/**
 * A success rate's band (good / fair / poor), one rule for every place that colours a rate (the
 * summary strip, the task grid's rate bar): the colour always comes with the band's word, so the
 * threshold is never told by colour alone.
 */
export type RateBand = 'good' | 'fair' | 'poor'

/** Lower bounds of the bands: 90 % and more is good, 60 % to 90 % fair, under 60 % poor. */
export const RATE_BAND_FLOOR = { good: 0.9, fair: 0.6 } as const

export interface RateBandView {
  band: RateBand
  /** i18n key of the band's word ("Good", "良好"…). */
  labelKey: `rateBand.${RateBand}`
  /** The Naive theme variable to draw it with (≥ 4.5:1 as text in both themes). */
  colorVar: 'successColor' | 'warningColor' | 'errorColor'
}

const VIEWS: Record<RateBand, RateBandView> = {
  good: { band: 'good', labelKey: 'rateBand.good', colorVar: 'successColor' },
  fair: { band: 'fair', labelKey: 'rateBand.fair', colorVar: 'warningColor' },
  poor: { band: 'poor', labelKey: 'rateBand.poor', colorVar: 'errorColor' },
}

/** The band of a rate from 0 to 1; null (no records yet) has none. */
export function rateBand(rate: number | null): RateBandView | null {
  if (rate === null || Number.isNaN(rate)) return null
  if (rate >= RATE_BAND_FLOOR.good) return VIEWS.good
  if (rate >= RATE_BAND_FLOOR.fair) return VIEWS.fair
  return VIEWS.poor
}
