import en from '../i18n/en'
import zhCN from '../i18n/zh-CN'
import { rateBand } from './rate-band'

describe('rateBand', () => {
  it('puts 90 % and more in good, 60 % up to 90 % in fair, under 60 % in poor', () => {
    expect([1, 0.9, 0.8999, 0.6, 0.5999, 0].map((r) => rateBand(r)?.band)).toEqual([
      'good',
      'good',
      'fair',
      'fair',
      'poor',
      'poor',
    ])
  })

  it('gives no band without a rate (no records yet)', () => {
    expect(rateBand(null)).toBeNull()
  })

  it('names every band in both languages and draws it in the matching theme colour', () => {
    for (const rate of [1, 0.7, 0.1]) {
      const view = rateBand(rate)!
      const word = view.labelKey.split('.')[1] as 'good' | 'fair' | 'poor'
      expect(en.rateBand[word]).toMatch(/\w/)
      expect(zhCN.rateBand[word]).toMatch(/\S/)
    }
    expect([1, 0.7, 0.1].map((r) => rateBand(r)?.colorVar)).toEqual([
      'successColor',
      'warningColor',
      'errorColor',
    ])
  })
})
