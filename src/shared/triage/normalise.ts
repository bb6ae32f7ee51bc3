/**
 * The server's error message folded to a cause key, so the same cause groups together whatever
 * numbers, ids, file names, dates or quoted values it carries, in English or Chinese, full-width
 * or half-width. Pure and idempotent: normaliseMessage(normaliseMessage(m)) === normaliseMessage(m).
 *
 * Placeholders: <q> quoted value, <file> file name, path or URL, <ip> address, <date> and
 * <time>, <id> hex/uuid ids, <n> numbers (ids of digits included).
 */

// Straight, curly and CJK quotes; the content never spans a line.
const QUOTED =
  /"[^"\n]*"|'[^'\n]*'|“[^”\n]*”|‘[^’\n]*’|「[^」\n]*」|『[^』\n]*』|《[^》\n]*》|`[^`\n]*`/g
// A URL whole (its host, port and path are one value), and an IP address with its port.
const URL = /[a-z][a-z0-9+.-]*:\/\/[^\s"'“”‘’<>]+/g
const IP = /\b\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?\b/g
// Two or more path segments with / or \ (sftp://host/a/b.csv, /data/in/x, C:\in\x.csv).
const PATH = /(?:[a-z][a-z0-9+.-]*:\/\/|[a-z]:\\|[\\/])?(?:[\w.~$@%+-]+[\\/]){1,}[\w.~$@%+-]*/g
const FILE =
  /[\w\u4e00-\u9fff~$@%+.-]*[\w\u4e00-\u9fff~$@%+-]\.(?:csv|txt|xlsx?|zip|gz|tar|dat|json|xml)\b/g
const DATE_TIME =
  /\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[t ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?/g
const CJK_DATE = /\d{2,4}年\d{1,2}月(?:\d{1,2}[日号])?/g
const TIME = /\b\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\b/g
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g
const HEX_ID = /\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{12,}\b/g
// A number standing on its own: "utf-8", "gb2312" and "sha256" are names, not values.
const NUMBER = /(?<![a-z]-?\d*)(?<!\d)\d+(?:[.,]\d+)*/g
// Chinese text has no spaces between words: a space next to a CJK character is layout only.
const SPACE_BY_CJK = / *([\u3000-\u30ff\u4e00-\u9fff]) */g
const SPACE_BEFORE_PUNCT = / +(?=[,.:;!?)\]，。：；！？）])/g

/** The cause key of one message (lower-case, placeholders, single spaces, no end stop). */
export function normaliseMessage(message: string): string {
  return (
    message
      .normalize('NFKC')
      .toLowerCase()
      .replace(QUOTED, '<q>')
      .replace(URL, '<file>')
      .replace(IP, '<ip>')
      .replace(DATE_TIME, '<date>')
      .replace(CJK_DATE, '<date>')
      .replace(TIME, '<time>')
      .replace(FILE, '<file>')
      .replace(PATH, '<file>')
      // A name in a folder is one value: "/in/<file>" and "<file>" say the same.
      .replace(/(?:<file>)+/g, '<file>')
      .replace(UUID, '<id>')
      .replace(HEX_ID, '<id>')
      .replace(NUMBER, '<n>')
      .replace(/\s+/g, ' ')
      .replace(SPACE_BEFORE_PUNCT, '')
      .replace(SPACE_BY_CJK, '$1')
      .replace(/[\s.。!！]+$/u, '')
      .trim()
  )
}

/**
 * A memo of normaliseMessage: a server sends few distinct messages across 100,000 tasks, so each
 * is folded once. Bounded so a server that puts a fresh id in every message cannot grow it forever.
 */
export function messageKeyCache(limit = 20_000): (message: string) => string {
  const memo = new Map<string, string>()
  return (message) => {
    let key = memo.get(message)
    if (key === undefined) {
      key = normaliseMessage(message)
      if (memo.size >= limit) memo.clear()
      memo.set(message, key)
    }
    return key
  }
}
