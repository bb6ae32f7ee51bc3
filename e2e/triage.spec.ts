/**
 * Triage: the failed imports of a campaign grouped by cause. The groups and their counts must
 * equal those computed here from the simulator's data, by message family (the simulator's
 * template a message was filled from, joined by the cause this file names for each template; no
 * message for imports that finished with failed records), not by the app's normalisation; and a
 * click on a group shows exactly that family in the table.
 */
import type { Page } from '@playwright/test'
import { FAILURE_MESSAGES } from '../src/main/simulator/dataset'
import { expect, test } from './fixtures'
import { saveScreenshot } from './support/screenshots'
import { simTasks, sortTasks, type ExpectedTask } from './support/sim-data'
import { connectServer, expectCount, expectTopRows, openCampaign } from './support/ui'

const CAMPAIGN = { id: '5301', name: 'Triage campaign', taskCount: 500, seed: 73 }

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
/** Each simulator template as a pattern: its slots match any text. */
const FAMILIES = FAILURE_MESSAGES.map(
  (f) => new RegExp(`^${escape(f.text).replace(/\\\{\w+\\\}/g, '.+')}$`),
)
const NO_MESSAGE = 'no message'

/** The cause of each simulator template, read by a person; unknown causes are not listed. */
const CAUSE_OF_TEMPLATE: Record<string, string> = {
  'File format error: column {col} (phone number) is empty': 'columns',
  'The number of records exceeds 500000': 'tooManyRecords',
  'Duplicate import task': 'duplicateTask',
  'The file does not exist on the file server': 'fileNotFound',
  'File encoding error: the file is not UTF-8 encoded': 'encoding',
  'The file {file} does not exist on the file server': 'fileNotFound',
  'Duplicate import task {id}': 'duplicateTask',
  'Invalid time format in row {row}: "{date}"': 'timeFormat',
  '文件{file}编码格式错误，请使用UTF-8编码': 'encoding',
  '文件记录数{n}超过500000条': 'tooManyRecords',
  '第{row}行列数不匹配：期望{col}列': 'columns',
  '号码{n}在黑名单中': 'blacklisted',
  '外呼活动状态为已暂停，不允许导入': 'campaignState',
}

/** The family of a message: its template's cause, the template itself, or "no message". */
function familyOf(message: string): string {
  if (message.trim() === '') return NO_MESSAGE
  const k = FAMILIES.findIndex((re) => re.test(message))
  if (k < 0) throw new Error(`Not a simulator message: ${message}`)
  const template = FAILURE_MESSAGES[k]!.text
  return CAUSE_OF_TEMPLATE[template] ?? template
}

/** Failed: the import failed, or it finished with failed records. */
const isFailed = (t: ExpectedTask) => t.status === '3' || (t.status === '2' && t.failNum > 0)

function expectedFamilies(all: readonly ExpectedTask[]) {
  const families = new Map<string, { tasks: ExpectedTask[]; failed: number }>()
  for (const t of all.filter(isFailed)) {
    const key = familyOf(t.errMsg)
    const f = families.get(key) ?? { tasks: [], failed: 0 }
    f.tasks.push(t)
    f.failed += t.failNum
    families.set(key, f)
  }
  return families
}

async function panelGroups(page: Page) {
  const rows = page.getByTestId('triage-panel').getByTestId('triage-group')
  return rows.evaluateAll((els) =>
    els.map((el) => ({
      known: el.getAttribute('data-known') ?? '',
      message: el.getAttribute('data-message') ?? '',
      imports: Number(el.getAttribute('data-imports')),
      failed: Number(el.getAttribute('data-failed')),
    })),
  )
}

test('the triage panels group failed imports by cause as the server data says, and a click filters to one cause', async ({
  appPage: page,
  app,
}) => {
  const sim = await app.startSimulator({ campaigns: [{ ...CAMPAIGN, inProgress: 3 }] })
  // The same causes again, worded with other numbers and names, in Chinese too.
  const now = new Date().toISOString()
  for (const errMsg of [
    '文件记录数612345超过500000条',
    '文件记录数777001超过500000条',
    '文件calldata_20240101_7.csv编码格式错误，请使用UTF-8编码',
    'Duplicate import task 170000000000012345678901234567',
    'Invalid time format in row 12: "2024/13/01 25:00"',
  ]) {
    sim.addTask(CAMPAIGN.id, { status: '3', errMsg, endTime: now })
  }
  await connectServer(page, app, sim)
  await openCampaign(page, CAMPAIGN.id)

  const all = simTasks(sim, CAMPAIGN.id)
  const families = expectedFamilies(all)
  expect(families.size).toBeGreaterThan(5)

  // One group per family, with its imports and failed records; most imports first.
  await expect(page.getByTestId('triage-group')).toHaveCount(families.size)
  const groups = await panelGroups(page)
  for (const g of groups) {
    const f = families.get(familyOf(g.message))
    expect(f, g.message).toBeDefined()
    // The app recognised the cause this file names for the template (or none).
    expect(g.known || familyOf(g.message)).toBe(familyOf(g.message))
    expect({ message: g.message, imports: g.imports, failed: g.failed }).toEqual({
      message: g.message,
      imports: f!.tasks.length,
      failed: f!.failed,
    })
  }
  expect(groups.map((g) => g.imports)).toEqual(
    [...groups.map((g) => g.imports)].sort((a, b) => b - a),
  )
  // Known causes carry what to fix, one group per cause whatever the language.
  const tooMany = page.locator('[data-testid=triage-group][data-known=tooManyRecords]')
  await expect(tooMany).toHaveCount(1)
  await expect(tooMany.getByTestId('triage-fix')).toContainText('500,000')
  await saveScreenshot(page, 'triage-panel')

  // A click on a group: the table shows exactly that cause, with a chip to remove it.
  // "Over 500,000 records" in both languages (the Chinese wording was added above).
  const tooManyRecords = families.get('tooManyRecords')!
  expect(tooManyRecords.tasks.some((t) => t.errMsg.startsWith('文件记录数'))).toBe(true)
  await tooMany.getByTestId('triage-group-filter').click()
  await expect(page.getByTestId('filter-cause-chip')).toBeVisible()
  await expectCount(page, tooManyRecords.tasks.length, all.length)
  await expectTopRows(page, sortTasks(tooManyRecords.tasks))

  // The biggest group (most imports) the same way.
  const biggest = groups[0]!
  await page.getByTestId('triage-group').first().getByTestId('triage-group-filter').click()
  const family = families.get(familyOf(biggest.message))!
  await expectCount(page, family.tasks.length, all.length)
  await expectTopRows(page, sortTasks(family.tasks))

  // The chip removes the cause: every task again.
  await page.getByTestId('filter-cause-clear').click()
  await expect(page.getByTestId('filter-cause-chip')).toHaveCount(0)
  await expectCount(page, all.length, all.length)

  // The overview: today's failed imports by cause; a campaign's count opens it on that cause today.
  const midnight = new Date()
  midnight.setHours(0, 0, 0, 0)
  const today = expectedFamilies(
    all.filter((t) => (t.beginAt ?? t.endAt ?? -Infinity) >= midnight.getTime()),
  )
  await page.getByTestId('nav-overview').click()
  const overviewPanel = page.getByTestId('overview').getByTestId('triage-panel')
  await expect(overviewPanel.getByTestId('triage-group')).toHaveCount(today.size)
  const todayTooMany = today.get('tooManyRecords')!
  const todayGroup = overviewPanel.locator('[data-testid=triage-group][data-known=tooManyRecords]')
  await expect(todayGroup).toHaveAttribute('data-imports', String(todayTooMany.tasks.length))
  await expect(todayGroup.getByTestId('triage-campaign')).toHaveText(
    `${CAMPAIGN.name}: ${todayTooMany.tasks.length}`,
  )
  await saveScreenshot(page, 'triage-overview')
  await todayGroup.getByTestId('triage-campaign').click()
  await expect(page.getByTestId('filter-cause-chip')).toBeVisible()
  // Below 1720 px the presets sit in the "Begin time" menu (e2e/layout.spec.ts): Today is the one on.
  await page.getByTestId('filter-begin').click()
  await expect(page.getByTestId('filter-preset-today')).toHaveAttribute('aria-pressed', 'true')
  await page.keyboard.press('Escape')
  await expectCount(page, todayTooMany.tasks.length, all.length)
  await expectTopRows(page, sortTasks(todayTooMany.tasks))
})
