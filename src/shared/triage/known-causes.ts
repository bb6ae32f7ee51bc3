/**
 * Causes a supervisor can act on, recognised from a normalised message key (normalise.ts), in
 * English and Chinese. The first matching entry wins, so the more specific ones come first. Their
 * labels and "what to fix" lines live in the renderer's i18n catalogues (triage.cause.<id> and
 * triage.fix.<id>). The interface document names no import error texts: these patterns follow the
 * file-server import's rules (UTF-8, fixed columns, at most 500,000 records per file,
 * docs isales-api.md §4) and the wording iSales uses for them.
 */
export const KNOWN_CAUSE_IDS = [
  'encoding',
  'tooManyRecords',
  'fileNotFound',
  'duplicateTask',
  'timeFormat',
  'blacklisted',
  'campaignState',
  'columns',
] as const
export type KnownCauseId = (typeof KNOWN_CAUSE_IDS)[number]

const PATTERNS: Readonly<Record<KnownCauseId, RegExp>> = {
  encoding: /encod|charset|utf-?8|gbk|gb2312|bom\b|乱码|编码|字符集/,
  tooManyRecords:
    /(records?|rows?|lines?|data)\b.*\b(exceeds?|exceeded|more than|over|above|limit)|(exceeds?|more than|over) (the )?(maximum|max|limit).*(records?|rows?|lines?)|(记录|条数|行数|数据量|数据条数).*(超过|超出|大于|上限)|超过.*(条|行|记录)/,
  fileNotFound:
    /(file|文件).*(not exist|does not exist|not found|no such|cannot be found|missing on)|(文件).*(不存在|找不到|未找到)|找不到.*文件/,
  duplicateTask:
    /duplicate (import )?task|task.*(already exists|duplicated|repeated|already running)|(重复|已存在).*任务|任务.*(重复|已存在)/,
  timeFormat:
    /\b(time|date)s? ?(format|value)?.*(format|invalid|incorrect|wrong|cannot be parsed)|(时间|日期).*(格式|不正确|错误|非法)/,
  blacklisted: /black ?list|黑名单/,
  campaignState:
    /campaign.*(state|status|suspended|stopped|paused|completed|finished|ended|not started|expired)|(活动|外呼活动).*(状态|暂停|已停止|已结束|未启动|已完成)/,
  columns: /column|field count|number of fields|header|列|字段|表头/,
}

/** The known cause of a normalised key, or null (shown as the server sent it). */
export function knownCauseOf(key: string): KnownCauseId | null {
  for (const id of KNOWN_CAUSE_IDS) if (PATTERNS[id].test(key)) return id
  return null
}
