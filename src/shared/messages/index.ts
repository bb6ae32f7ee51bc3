/**
 * The main-process message catalogue: ids with named parameters, in English and Simplified
 * Chinese. Main formats them with formatMessage (CLI, log, notifications); errors and notices
 * carry the id and parameters across the bridge, and the window renders them in its own language
 * from its vue-i18n messages (`main.<id>`, merged from these same catalogues).
 *
 * Adding a message: the text in en.ts and zh-CN.ts, then `msg('newId', {...})` where it is raised.
 */
import { en } from './en'
import type {
  MainText,
  MessageCatalogue,
  MessageId,
  MessageLocale,
  MessageParams,
  MessageRef,
  ParamsArg,
} from './types'
import { zhCN } from './zh-CN'

export type * from './types'

export const MESSAGES: Readonly<Record<MessageLocale, MessageCatalogue>> = { en, 'zh-CN': zhCN }

/** A message by id, its parameters checked against the English text's placeholders. */
export function msg<Id extends MessageId>(id: Id, ...params: ParamsArg<Id>): MessageRef {
  const [p] = params
  return p === undefined ? { id } : { id, params: p as MessageParams }
}

const PLACEHOLDER = /\{(\w+)\}/g

/** The text of a message in a language; a missing parameter stays as its {name}. */
export function formatMessage(
  locale: MessageLocale,
  id: MessageId,
  params: MessageParams = {},
): string {
  const template = MESSAGES[locale][id] ?? en[id]
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = Object.hasOwn(params, name) ? params[name] : undefined
    if (value === undefined) return whole
    return typeof value === 'object' ? formatMessage(locale, value.id, value.params) : String(value)
  })
}

export function formatRef(locale: MessageLocale, ref: MessageRef): string {
  return formatMessage(locale, ref.id, ref.params)
}

/** The English text and the message, as errors, notices and statuses carry them. */
export function mainText(ref: MessageRef): MainText {
  return {
    message: formatRef('en', ref),
    messageId: ref.id,
    ...(ref.params ? { params: ref.params } : {}),
  }
}

/** The {name} placeholders of a text, in order of first appearance. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))]
}

/**
 * The language of the window's setting: 'system' follows the OS languages (any Chinese means
 * Simplified Chinese here; everything else is English).
 */
export function resolveMessageLocale(
  setting: 'system' | MessageLocale,
  systemLanguages: readonly string[],
): MessageLocale {
  if (setting === 'en' || setting === 'zh-CN') return setting
  for (const lang of systemLanguages) {
    const l = lang.toLowerCase()
    if (l.startsWith('zh')) return 'zh-CN'
    if (l.startsWith('en')) return 'en'
  }
  return 'en'
}
