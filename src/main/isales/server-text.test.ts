import fc from 'fast-check'
import { MAX_SERVER_TEXT_CHARS } from '../../shared/limits'
import { ELLIPSIS, serverText } from './server-text'

/** Characters that must never reach a log line or a dialog from a server. */
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- finding them is the point
  /[\u0000-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/u

describe('serverText', () => {
  it('keeps an ordinary description as it is', () => {
    expect(serverText('The campaign does not exist.')).toBe('The campaign does not exist.')
    expect(serverText('外呼活动不存在')).toBe('外呼活动不存在')
  })

  it.each([
    ['a bidi override', 'file\u202Etxt.exe', 'filetxt.exe'],
    ['bidi isolates and marks', '\u2066a\u2069\u200Fb\u061C', 'ab'],
    ['zero-width characters', 'pa\u200Bss\u200Cw\u200Dord\u2060\uFEFF', 'password'],
    ['C0 controls and escape sequences', 'ok\u001B[31mred\u0007\u0000', 'ok[31mred'],
    ['C1 controls', 'a\u0085b\u009Bc', 'a bc'],
    [
      'a forged log line',
      'ok\n2026-01-01T00:00:00Z INFO forged',
      'ok 2026-01-01T00:00:00Z INFO forged',
    ],
  ])('strips %s', (_what, input, output) => {
    expect(serverText(input)).toBe(output)
  })

  it(`cuts a long text to ${MAX_SERVER_TEXT_CHARS} characters, the ellipsis included`, () => {
    const out = serverText('x'.repeat(100_000))
    expect([...out]).toHaveLength(MAX_SERVER_TEXT_CHARS)
    expect(out.endsWith(`x${ELLIPSIS}`)).toBe(true)
    expect(serverText('y'.repeat(MAX_SERVER_TEXT_CHARS))).toBe('y'.repeat(MAX_SERVER_TEXT_CHARS))
  })

  it('never splits a character made of two UTF-16 units when cutting', () => {
    const out = serverText('😀'.repeat(1000))
    expect(out).toBe('😀'.repeat(MAX_SERVER_TEXT_CHARS - 1) + ELLIPSIS)
  })

  it('masks an echoed signature and the given secret', () => {
    const sig = `auth-v2/AK/2026-01-01T00:00:00Z/host/${'0f'.repeat(32)}`
    const out = serverText(
      `bad sig ${sig} for key ${Buffer.from('the-secret-key').toString('hex')}`,
      ['the-secret-key'],
    )
    expect(out).toBe('bad sig auth-v2/*** for key ***')
  })

  it('masks a signature split by an invisible character', () => {
    expect(serverText(`auth\u200B-v2/AK/x/host/${'ab'.repeat(32)}`)).toBe('auth-v2/***')
  })

  it('leaves no control or invisible character, stays short and is idempotent, whatever the server sends', () => {
    const unit = fc.oneof(
      fc.constantFrom(
        '\u202E',
        '\u200B',
        '\n',
        '\r',
        '\u0000',
        '\u0085',
        '\u2066',
        '\uFEFF',
        '\t',
        ' ',
        'a',
        '导',
      ),
      fc.string({ unit: 'binary', maxLength: 3 }),
    )
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 800 }), (parts) => {
        const out = serverText(parts.join(''))
        expect(out).not.toMatch(FORBIDDEN)
        expect([...out].length).toBeLessThanOrEqual(MAX_SERVER_TEXT_CHARS)
        expect(serverText(out)).toBe(out)
      }),
      { numRuns: 300 },
    )
  })
})
