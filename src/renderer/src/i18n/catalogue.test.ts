import { ERROR_CODES, ISALES_CODES, isalesCodeMessages } from '@shared/errors'
import {
  TASK_FIELDS,
  fieldLabelKey,
  fieldShortLabelKey,
  type TaskFieldDescriptor,
} from '@shared/task-fields'
import { formatMessage, MESSAGES, placeholdersOf, type MessageId } from '@shared/messages'
import { describeError } from '../logic/error-view'
import { i18n, messages, resolveLocale } from './index'

function flatten(obj: object, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>()
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k
    if (v !== null && typeof v === 'object') {
      for (const [kk, vv] of flatten(v as object, key)) out.set(kk, vv)
    } else out.set(key, v)
  }
  return out
}

// The window's own messages and main's (under `main.`), as vue-i18n has them.
const enKeys = flatten(messages.en)
const zhKeys = flatten(messages['zh-CN'])

describe('message catalogues', () => {
  it('English and Chinese have exactly the same keys', () => {
    expect([...zhKeys.keys()].sort()).toEqual([...enKeys.keys()].sort())
  })

  it('no message is empty or anything but text', () => {
    for (const [key, value] of [...enKeys, ...zhKeys]) {
      expect(typeof value, key).toBe('string')
      expect((value as string).trim(), key).not.toBe('')
    }
  })

  it('every iSales code of the shared catalogue has a meaning and an action in both languages', () => {
    expect(Object.keys(ISALES_CODES).length).toBeGreaterThan(10)
    i18n.global.locale.value = 'en'
    for (const code of Object.keys(ISALES_CODES)) {
      for (const part of ['Meaning', 'Action']) {
        expect(zhKeys.has(`main.isales${part}${code}`), `${code} ${part}`).toBe(true)
        // The window renders with vue-i18n what main renders with formatRef: the same English.
        const ref = isalesCodeMessages(code)[part === 'Meaning' ? 'meaning' : 'action']
        expect(i18n.global.t(`main.${ref.id}`, ref.params ?? {}), `${code} ${part}`).toBe(
          ISALES_CODES[code]![part === 'Meaning' ? 'meaning' : 'action'],
        )
      }
    }
  })

  it('every task field has its label, and a short one when its header is short', () => {
    const fields: readonly TaskFieldDescriptor[] = TASK_FIELDS
    for (const f of fields) {
      expect(enKeys.has(fieldLabelKey(f)), fieldLabelKey(f)).toBe(true)
      expect(enKeys.has(fieldShortLabelKey(f)), fieldShortLabelKey(f)).toBe(Boolean(f.shortLabel))
    }
    // No label left over from a field that is gone.
    const fieldKeys = [...enKeys.keys()].filter((k) => /^field(Short)?\./.test(k))
    const expected = fields.flatMap((f) =>
      f.shortLabel ? [fieldLabelKey(f), fieldShortLabelKey(f)] : [fieldLabelKey(f)],
    )
    expect(fieldKeys.sort()).toEqual(expected.sort())
  })

  it('every message compiles and fills its parameters in both languages', () => {
    const params = new Proxy({} as Record<string, string>, { get: () => 'X' })
    for (const locale of ['en', 'zh-CN'] as const) {
      i18n.global.locale.value = locale
      for (const key of enKeys.keys()) {
        const out = i18n.global.t(key, params)
        expect(out, `${locale} ${key}`).not.toBe(key)
        expect(out, `${locale} ${key}`).not.toMatch(/[{}]/)
      }
    }
    i18n.global.locale.value = 'en'
  })

  it('every error code has a title and a body, and every literal key used in code exists', () => {
    const codes = ERROR_CODES
    for (const code of codes) {
      expect(enKeys.has(`error.${code}.title`), code).toBe(true)
      expect(enKeys.has(`error.${code}.body`), code).toBe(true)
      const view = describeError({ code, message: 'm', detail: { resultCode: '0200007' } })
      for (const m of [view.title, ...view.lines]) expect(enKeys.has(m.key), m.key).toBe(true)
      for (const a of view.actions) expect(enKeys.has(`error.actions.${a}`), a).toBe(true)
    }
    const sources = import.meta.glob(['../**/*.vue', '../**/*.ts', '!../**/*.test.ts'], {
      query: '?raw',
      import: 'default',
      eager: true,
    }) as Record<string, string>
    const used = new Set<string>()
    for (const src of Object.values(sources)) {
      for (const m of src.matchAll(/\b(?:t|tr|trn)\(\s*'([A-Za-z0-9_.-]+)'/g)) used.add(m[1]!)
    }
    expect(used.size).toBeGreaterThan(50)
    for (const key of used) expect(enKeys.has(key), `${key} is used but not in en.ts`).toBe(true)
  })
})

describe("main's messages in the window", () => {
  it('vue-i18n renders every one as main does, in both languages', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      i18n.global.locale.value = locale
      for (const id of Object.keys(MESSAGES.en) as MessageId[]) {
        const params = Object.fromEntries(placeholdersOf(MESSAGES.en[id]).map((p) => [p, `<${p}>`]))
        expect(i18n.global.t(`main.${id}`, params), `${locale} ${id}`).toBe(
          formatMessage(locale, id, params),
        )
      }
    }
    i18n.global.locale.value = 'en'
  })
})

describe('resolveLocale', () => {
  it('follows the OS language unless the setting picks one', () => {
    expect(resolveLocale('system', ['zh-TW', 'en'])).toBe('zh-CN')
    expect(resolveLocale('system', ['fr-FR', 'en-GB'])).toBe('en')
    expect(resolveLocale('system', ['de'])).toBe('en')
    expect(resolveLocale('en', ['zh-CN'])).toBe('en')
    expect(resolveLocale('zh-CN', ['en-US'])).toBe('zh-CN')
  })
})
