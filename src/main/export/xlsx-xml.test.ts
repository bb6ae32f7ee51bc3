import { columnName, inlineString, xmlAttr, xmlText } from './xlsx-xml'

describe('xlsx XML text', () => {
  it('escapes markup and keeps ordinary text as it is', () => {
    expect(xmlText('a < b && c > d')).toBe('a &lt; b &amp;&amp; c &gt; d')
    expect(xmlText('导入失败：文件格式错误 "ok"')).toBe('导入失败：文件格式错误 "ok"')
    expect(xmlAttr('say "hi" & go')).toBe('say &quot;hi&quot; &amp; go')
  })

  it('writes characters XML cannot carry as Excel escapes, and escapes a literal escape', () => {
    expect(xmlText('a\u0001b\u001fc\uffff')).toBe('a_x0001_b_x001F_c_xFFFF_')
    expect(xmlText('id_x0041_')).toBe('id_x005F_x0041_')
    // Tab and LF are XML; CR is a reference so XML's line-end handling keeps it.
    expect(xmlText('a\tb\nc\r\nd')).toBe('a\tb\nc&#13;\nd')
  })

  it('marks text with leading or trailing whitespace to be kept', () => {
    expect(inlineString('  Imported')).toBe('<is><t xml:space="preserve">  Imported</t></is>')
    expect(inlineString('x')).toBe('<is><t>x</t></is>')
  })

  it('names columns as spreadsheets do', () => {
    expect([0, 10, 25, 26, 51, 701, 702].map(columnName)).toEqual([
      'A',
      'K',
      'Z',
      'AA',
      'AZ',
      'ZZ',
      'AAA',
    ])
  })
})
