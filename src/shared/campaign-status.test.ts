import { campaignStatusOf } from './campaign-status'

const withStatus = (status: unknown) => ({ extra: { status } })

describe('campaignStatusOf', () => {
  it('reads the campaign list codes, as numbers or text', () => {
    expect(campaignStatusOf(withStatus(2))).toBe('started')
    expect(campaignStatusOf(withStatus('3'))).toBe('suspended')
    expect(campaignStatusOf(withStatus(' 4 '))).toBe('completed')
  })

  it('knows nothing of other values, a missing status or a missing campaign', () => {
    expect(campaignStatusOf(withStatus(0))).toBeNull()
    expect(campaignStatusOf(withStatus('suspended?'))).toBeNull()
    expect(campaignStatusOf(withStatus(null))).toBeNull()
    expect(campaignStatusOf(withStatus({ code: 3 }))).toBeNull()
    expect(campaignStatusOf({ extra: {} })).toBeNull()
    expect(campaignStatusOf(undefined)).toBeNull()
  })
})
