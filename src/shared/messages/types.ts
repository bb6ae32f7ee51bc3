/** The types of the main-process message catalogue (en.ts is the source of the ids). */
import type { en } from './en'

export type MessageId = keyof typeof en
export type MessageCatalogue = { readonly [K in MessageId]: string }
export type MessageLocale = 'en' | 'zh-CN'

/** A parameter: text or a number shown as is, or another message in the same language. */
export type MessageParam = string | number | MessageRef
export type MessageParams = Readonly<Record<string, MessageParam>>

/** A message by id, as it crosses the bridge (plain data). */
export interface MessageRef {
  id: MessageId
  params?: MessageParams
}

/** The {name} placeholders of a text, as a union of names. */
type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | Placeholders<Rest>
  : never

/** The parameters one message needs: exactly its placeholders. */
export type ParamsOf<Id extends MessageId> = {
  readonly [K in Placeholders<(typeof en)[Id]>]: MessageParam
}

/** msg()'s arguments after the id: none for a text without placeholders. */
export type ParamsArg<Id extends MessageId> = [Placeholders<(typeof en)[Id]>] extends [never]
  ? []
  : [params: ParamsOf<Id>]

/** What main says to a person: its English text, and the message it came from when it has one. */
export interface MainText {
  /** English rendering: the CLI, the log, and the window's fallback. */
  message: string
  messageId?: MessageId
  params?: MessageParams
}

/** The ids of messages without parameters (for tables of codes → message). */
export type PlainMessageId = {
  [K in MessageId]: ParamsArg<K> extends [] ? K : never
}[MessageId]
