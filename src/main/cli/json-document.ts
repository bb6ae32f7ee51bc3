/**
 * The CLI's JSON output, `{ count, total, <list>: [ records ] }`, as the text
 * `JSON.stringify(document, null, 2) + '\n'` would be, byte for byte, but in pieces of a few
 * thousand records: at 100,000 tasks the one 27 MB string (and the whole array of records behind
 * it) cost a quarter of the CLI's CPU and a third of its memory.
 */

/** Records stringified at once: one JSON.stringify call per chunk, not per record. */
export const JSON_CHUNK_RECORDS = 2000

/** Two spaces: the indent of JSON.stringify(document, null, 2). */
const INDENT = '  '

/**
 * The document's text in pieces. `head` holds the fields before the list (at least one), in
 * order; `record` turns each item into what the list holds.
 */
export function* jsonDocument<T>(
  head: Readonly<Record<string, unknown>>,
  listKey: string,
  items: readonly T[],
  record: (item: T) => unknown,
  chunkRecords = JSON_CHUNK_RECORDS,
): Generator<string> {
  // `{\n  "count": 3,\n  "total": 3\n}` without its closing `\n}`, then the list's key.
  const opening = JSON.stringify(head, null, 2).slice(0, -2)
  const key = JSON.stringify(listKey)
  // A chunk is stringified inside `{ <list>: [...] }`, which puts its records at the document's
  // depth (no re-indenting); these are the text around them.
  const before = `{\n${INDENT}${key}: [\n`
  const after = `\n${INDENT}]\n}`
  let text = `${opening},\n${INDENT}${key}: [`
  for (let from = 0; from < items.length; from += chunkRecords) {
    const chunk = items.slice(from, from + chunkRecords).map(record)
    const list = JSON.stringify({ [listKey]: chunk }, null, 2)
    text += (from === 0 ? '\n' : ',\n') + list.slice(before.length, -after.length)
    yield text
    text = ''
  }
  yield items.length === 0 ? `${text}]\n}\n` : `${text}${after}\n`
}
