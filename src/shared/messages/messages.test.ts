import { AppError, isalesError } from '../errors'
import { en } from './en'
import {
  formatMessage,
  mainText,
  MESSAGES,
  msg,
  placeholdersOf,
  resolveMessageLocale,
  type MessageId,
} from './index'
import { zhCN } from './zh-CN'

const ids = Object.keys(en) as MessageId[]

describe('the shared message catalogue: English and Chinese in step', () => {
  it('has the same ids in both languages', () => {
    expect(Object.keys(zhCN).sort()).toEqual([...ids].sort())
    expect(ids.length).toBeGreaterThan(100)
  })

  it('has the same placeholders per id in both languages', () => {
    for (const id of ids) {
      expect(placeholdersOf(zhCN[id]).sort(), id).toEqual(placeholdersOf(en[id]).sort())
    }
  })

  it('has no empty text', () => {
    for (const [locale, catalogue] of Object.entries(MESSAGES)) {
      for (const id of ids) expect(catalogue[id].trim(), `${locale} ${id}`).not.toBe('')
    }
  })

  it('uses no character vue-i18n reads as syntax: braces only around a parameter name', () => {
    for (const [locale, catalogue] of Object.entries(MESSAGES)) {
      for (const id of ids) {
        const text = catalogue[id]
        expect(text, `${locale} ${id}`).not.toMatch(/[@|$%]/)
        expect(text.replace(/\{\w+\}/g, ''), `${locale} ${id}`).not.toMatch(/[{}]/)
      }
    }
  })

  it('Chinese texts are Chinese (not a copied English text)', () => {
    // Punctuation that joins parameters, and names that stay Latin in Chinese (AK, VDN ID).
    const latinByNature = new Set<MessageId>([
      'notifyReasonSeparator',
      'notifyPartSeparator',
      'problemInContext',
      'problemInContextSentence',
      'zodFieldProblem',
      'zodPathStep',
      'zodLabelId',
      'zodLabelVdnId',
      'zodLabelAk',
    ])
    for (const id of ids) {
      if (latinByNature.has(id)) continue
      expect(zhCN[id], id).toMatch(/[\u4e00-\u9fff]/)
    }
  })
})

describe('formatMessage', () => {
  it('fills named parameters, nested messages in the same language', () => {
    const ref = msg('httpStatus', { status: 404, advice: msg('httpAdviceNotFound') })
    expect(formatMessage('en', ref.id, ref.params)).toBe(
      'The server answered HTTP 404: the interface was not found at this address; check the server address and port, and that it is a CC-iSales server.',
    )
    expect(formatMessage('zh-CN', ref.id, ref.params)).toBe(
      '服务器返回 HTTP 404：此地址上找不到该接口，请检查服务器地址和端口，并确认它是 CC-iSales 服务器。',
    )
  })

  it('leaves a missing parameter as its placeholder and never reads inherited names', () => {
    expect(formatMessage('en', 'positiveNumber')).toBe('{field} must be a positive number.')
    expect(formatMessage('en', 'positiveNumber', Object.create({ field: 'x' }))).toBe(
      '{field} must be a positive number.',
    )
  })

  it('mainText carries the English text with the id and parameters', () => {
    expect(mainText(msg('tlsHandshakeTimeout', { seconds: 5 }))).toEqual({
      message: formatMessage('en', 'tlsHandshakeTimeout', { seconds: 5 }),
      messageId: 'tlsHandshakeTimeout',
      params: { seconds: 5 },
    })
    expect(mainText(msg('cancelled'))).toEqual({
      message: 'The request was cancelled.',
      messageId: 'cancelled',
    })
  })

  it('resolves the window setting like the window does: any Chinese OS language is zh-CN', () => {
    expect(resolveMessageLocale('system', ['zh-TW'])).toBe('zh-CN')
    expect(resolveMessageLocale('system', ['fr-FR', 'en-GB'])).toBe('en')
    expect(resolveMessageLocale('system', [])).toBe('en')
    expect(resolveMessageLocale('zh-CN', ['en-US'])).toBe('zh-CN')
  })
})

describe('AppError with a catalogue message', () => {
  it('keeps the English text as its message and the id and parameters in its payload', () => {
    const e = new AppError('validation', msg('caCertificateNotPem', { index: 2 }), {
      field: 'caPem',
    })
    expect(e.message).toMatch(/^Certificate 2 in the file is not a PEM certificate\./)
    expect(e.toPayload()).toEqual({
      code: 'validation',
      message: e.message,
      messageId: 'caCertificateNotPem',
      params: { index: 2 },
      detail: { field: 'caPem' },
    })
  })

  it('still takes a plain text (test doubles, the simulator), with no id in its payload', () => {
    expect(new AppError('internal', 'Plain words.').toPayload()).toEqual({
      code: 'internal',
      message: 'Plain words.',
    })
  })

  it('an iSales error keeps the server description verbatim in both languages', () => {
    const e = isalesError('0200007', 'campaign 9 not found')
    expect(e.message).toBe(
      'iSales error 0200007: The outbound campaign does not exist (server says: campaign 9 not found). Check the campaign id, or pick the campaign from the server’s list.',
    )
    const { messageId, params } = e.toPayload()
    expect(formatMessage('zh-CN', messageId!, params)).toBe(
      'iSales 错误 0200007：外呼活动不存在（服务器说明：campaign 9 not found）。请检查活动 ID，或从服务器的活动列表中选择。',
    )
    expect(isalesError('0999999', undefined).message).toBe(
      'iSales error 0999999: Unknown iSales error code 0999999. Tell the iSales administrator the code and the server description.',
    )
  })
})
