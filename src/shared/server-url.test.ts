import { CHANNELS, profileInputSchema } from './contract'
import { isServerUrl, parseServerUrl, SERVER_URL_MESSAGE } from './server-url'
import { firstIssue } from './zod-issue'

describe('parseServerUrl', () => {
  it.each([
    [
      'https://10.0.0.1:28443',
      {
        origin: 'https://10.0.0.1:28443',
        host: '10.0.0.1:28443',
        hostname: '10.0.0.1',
        port: 28443,
      },
    ],
    [
      ' https://10.0.0.1:28443/ ',
      {
        origin: 'https://10.0.0.1:28443',
        host: '10.0.0.1:28443',
        hostname: '10.0.0.1',
        port: 28443,
      },
    ],
    [
      'https://[::1]:8443',
      { origin: 'https://[::1]:8443', host: '[::1]:8443', hostname: '::1', port: 8443 },
    ],
    [
      'https://isales.local',
      { origin: 'https://isales.local', host: 'isales.local', hostname: 'isales.local', port: 443 },
    ],
    [
      'https://isales.local:443',
      { origin: 'https://isales.local', host: 'isales.local', hostname: 'isales.local', port: 443 },
    ],
  ])('accepts %j', (text, expected) => {
    expect(parseServerUrl(text)).toEqual(expected)
  })

  it.each([
    'http://10.0.0.1:28443',
    'https://10.0.0.1:28443/rest',
    'https://[::1]:8443/rest',
    'https://10.0.0.1:28443/?x=1',
    'https://10.0.0.1:28443/?',
    'https://10.0.0.1:28443#top',
    'https://user:pw@10.0.0.1:28443',
    'https://10.0.0.1:0',
    'https://10.0.0.1:70000',
    '10.0.0.1:28443',
    'not a url',
    '',
  ])('refuses %j with the one wording', (text) => {
    expect(() => parseServerUrl(text)).toThrow(
      expect.objectContaining({
        code: 'validation',
        message: SERVER_URL_MESSAGE,
        detail: { field: 'server' },
      }),
    )
  })

  it('names the field it was given', () => {
    expect(() => parseServerUrl('ftp://x', 'baseUrl')).toThrow(
      expect.objectContaining({ detail: { field: 'baseUrl' } }),
    )
  })
})

describe('the one address rule, wherever it is asked', () => {
  const samples = [
    'https://10.0.0.1:28443',
    ' https://10.0.0.1:28443/ ',
    'https://[::1]:8443',
    'http://10.0.0.1:28443',
    'https://10.0.0.1:28443/rest',
    'https://10.0.0.1:28443/?',
    'https://user:pw@10.0.0.1:28443',
    'https://10.0.0.1:0',
    'not a url',
  ]

  it.each(samples)('isServerUrl and parseServerUrl agree on %j', (text) => {
    let parsed = true
    try {
      parseServerUrl(text)
    } catch {
      parsed = false
    }
    expect(isServerUrl(text)).toBe(parsed)
  })

  it.each(samples)("the bridge contract's address fields agree on %j", (text) => {
    const probe = CHANNELS['tls:probe'].safeParse({ serverUrl: text })
    expect(probe.success).toBe(isServerUrl(text))
    if (!probe.success) {
      expect(firstIssue(probe.error, { serverUrl: text })).toMatchObject({
        field: 'serverUrl',
        sentence: SERVER_URL_MESSAGE,
      })
    }
    const profile = profileInputSchema.shape.serverUrl.safeParse(text)
    expect(profile.success).toBe(isServerUrl(text))
  })
})
