import { profileInputSchema, settingsPatchSchema } from './contract'
import { ISALES_CODES } from './errors'
import { formatRef } from './messages'
import { isalesCodeMessages } from './errors'
import {
  MAX_REFRESH_INTERVAL_SEC,
  MAX_VDN_ID,
  MIN_REFRESH_INTERVAL_SEC,
  MIN_VDN_ID,
} from './limits'

const profile = {
  name: 'Lab',
  serverUrl: 'https://10.0.0.1:28443',
  ak: 'ak',
  signing: { timestampFormat: 'seconds', signedHeaders: ['host'] },
  tls: { mode: 'system' },
  campaigns: [],
} as const

describe('the bridge contract enforces the shared limits', () => {
  it('accepts a VDN id at both ends of the range and refuses one step outside', () => {
    for (const vdnId of [MIN_VDN_ID, MAX_VDN_ID]) {
      expect(profileInputSchema.safeParse({ ...profile, vdnId }).success).toBe(true)
    }
    for (const vdnId of [MIN_VDN_ID - 1, MAX_VDN_ID + 1]) {
      expect(profileInputSchema.safeParse({ ...profile, vdnId }).success).toBe(false)
    }
  })

  it('accepts a refresh interval at both ends of the range and refuses one step outside', () => {
    for (const refreshIntervalSec of [MIN_REFRESH_INTERVAL_SEC, MAX_REFRESH_INTERVAL_SEC]) {
      expect(settingsPatchSchema.safeParse({ refreshIntervalSec }).success).toBe(true)
    }
    for (const refreshIntervalSec of [MIN_REFRESH_INTERVAL_SEC - 1, MAX_REFRESH_INTERVAL_SEC + 1]) {
      expect(settingsPatchSchema.safeParse({ refreshIntervalSec }).success).toBe(false)
    }
  })
})

// Texts are not code: this keeps them saying the same range as the rule (the window's hints:
// logic/small-logic.test.ts).
describe('texts that name a range name the shared one', () => {
  it('the advice for iSales code 02000005, in both languages', () => {
    expect(ISALES_CODES['02000005']?.action).toContain(`${MIN_VDN_ID}–${MAX_VDN_ID}`)
    const { action } = isalesCodeMessages('02000005')
    expect(formatRef('zh-CN', action)).toContain(`${MIN_VDN_ID}–${MAX_VDN_ID}`)
  })
})
