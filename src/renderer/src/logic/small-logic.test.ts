import { MAX_VDN_ID, MIN_VDN_ID } from '@shared/limits'
import en from '../i18n/en'
import zhCN from '../i18n/zh-CN'
import { emptyForm, toProfileInput, validateForm } from './profile-form'
import { shortcutOf } from './shortcuts'
import { createFormatters, secondsUntil } from './format'
import { parseViewState, serializeViewState, viewStorageKey, defaultViewState } from './view-state'

const key = (
  k: string,
  mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>>,
) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
})

describe('shortcuts', () => {
  it('Ctrl on Windows/Linux, Cmd on macOS', () => {
    expect(shortcutOf(key('f', { ctrlKey: true }), false)).toBe('search')
    expect(shortcutOf(key('E', { ctrlKey: true }), false)).toBe('export')
    expect(shortcutOf(key('r', { metaKey: true }), true)).toBe('refresh')
    expect(shortcutOf(key('r', { ctrlKey: true }), true)).toBeNull()
    expect(shortcutOf(key('r', { ctrlKey: true, shiftKey: true }), false)).toBeNull()
    expect(shortcutOf(key('x', { ctrlKey: true }), false)).toBeNull()
  })
})

describe('profile form', () => {
  it('accepts https://host:port only, as main does', () => {
    const urlProblem = (serverUrl: string) =>
      validateForm({ ...emptyForm(), serverUrl }, { needSecret: false }).serverUrl
    expect(urlProblem('https://10.0.0.1:28443')).toBeUndefined()
    expect(urlProblem('https://10.0.0.1:28443/')).toBeUndefined()
    expect(urlProblem('http://10.0.0.1:28443')).toBe('profile.urlInvalid')
    expect(urlProblem('https://10.0.0.1:28443/rest')).toBe('profile.urlInvalid')
    expect(urlProblem('https://u:p@10.0.0.1')).toBe('profile.urlInvalid')
    expect(urlProblem(' ')).toBe('profile.required')
  })

  it('refuses a VDN id outside the shared range', () => {
    const vdnProblem = (vdnId: number | null) =>
      validateForm({ ...emptyForm(), vdnId }, { needSecret: false }).vdnId
    expect(vdnProblem(MIN_VDN_ID)).toBeUndefined()
    expect(vdnProblem(MAX_VDN_ID)).toBeUndefined()
    expect(vdnProblem(MIN_VDN_ID - 1)).toBe('profile.vdnRange')
    expect(vdnProblem(MAX_VDN_ID + 1)).toBe('profile.vdnRange')
    expect(vdnProblem(1.5)).toBe('profile.vdnRange')
    expect(vdnProblem(null)).toBe('profile.vdnRange')
  })

  it('says the shared VDN range in its hint, in every language', () => {
    for (const catalogue of [en, zhCN]) {
      expect(catalogue.profile.vdnRange).toContain(`${MIN_VDN_ID}`)
      expect(catalogue.profile.vdnRange).toContain(`${MAX_VDN_ID}`)
    }
  })

  it('names the fields to fix', () => {
    const f = emptyForm()
    expect(Object.keys(validateForm(f, { needSecret: true })).sort()).toEqual(
      ['ak', 'name', 'serverUrl', 'sk'].sort(),
    )
    f.tls = { mode: 'pin', fingerprint256: '', subject: '', trustedAt: '' }
    expect(validateForm(f, { needSecret: false }).tls).toBe('profile.pinMissing')
  })

  it('always signs host and trims what it sends', () => {
    const f = { ...emptyForm(), name: ' A ', serverUrl: ' https://h:1 ', ak: ' k ' }
    f.signedHeaders = ['content-type']
    f.campaigns = [{ id: ' 3001 ', label: ' x ' }]
    expect(toProfileInput(f)).toMatchObject({
      name: 'A',
      serverUrl: 'https://h:1',
      ak: 'k',
      signing: { signedHeaders: ['host', 'content-type'] },
      campaigns: [{ id: '3001', label: 'x' }],
    })
    expect('id' in toProfileInput(f)).toBe(false)
  })
})

describe('view state', () => {
  it('round-trips and ignores anything unexpected', () => {
    const s = defaultViewState()
    s.filter = {
      statuses: ['3'],
      beginFrom: 1,
      beginTo: 2,
      text: 'x',
      onlyFailed: true,
      cause: 'duplicate import task <n>',
    }
    s.sort = { column: 'failNum', order: 'ascend' }
    expect(parseViewState(serializeViewState(s))).toEqual(s)
    expect(parseViewState('{broken')).toEqual(defaultViewState())
    expect(
      parseViewState(
        '{"filter":{"statuses":["9","1"],"beginFrom":"x"},"sort":{"column":"evil","order":"up"}}',
      ),
    ).toEqual({ ...defaultViewState(), filter: { ...defaultViewState().filter, statuses: ['1'] } })
    expect(viewStorageKey('p', 'c')).not.toBe(viewStorageKey('p', 'c2'))
  })
})

describe('formatters', () => {
  it('formats for the locale', () => {
    const en = createFormatters('en')
    const zh = createFormatters('zh-CN', '天')
    expect(en.number(1234567)).toBe('1,234,567')
    expect(en.percent(0.923)).toBe('92.3%')
    expect(en.duration(3_723_000)).toBe('1:02:03')
    expect(zh.duration(90_000_000)).toBe('1天 01:00:00')
    expect(en.relative(0, 7 * 60_000)).toBe('7 minutes ago')
    expect(zh.relative(0, 7 * 60_000)).toBe('7分钟前')
    expect(en.dateTime(null)).toBe('—')
    const at = new Date(2026, 10, 27, 2, 4, 10).getTime()
    expect(en.shortDateTime(at, new Date(2026, 0, 1).getTime())).toBe('11-27 02:04:10')
    expect(zh.shortDateTime(at, new Date(2027, 0, 2).getTime())).toBe('2026-11-27')
    expect(en.shortDateTime(null, at)).toBe('—')
    expect(secondsUntil(10_500, 0)).toBe(11)
    expect(secondsUntil(0, 10_000)).toBe(0)
  })
})
