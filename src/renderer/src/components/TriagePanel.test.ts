import { buildTask } from '@shared/testing/task-builder'
import { failedTodayTriage, triageOf } from '../logic/triage'
import { mountUi } from '../testing/mount'
import TriagePanel from './TriagePanel.vue'
import { knownCauseKey } from '@shared/triage/group'

const DUP = knownCauseKey('duplicateTask')

const NOW = new Date(2026, 4, 14, 15, 0, 0).getTime()
const AT = new Date(2026, 4, 14, 9, 0, 0).getTime()

const tasks = [
  buildTask({ id: '1', status: '3', errMsg: 'Duplicate import task 11', beginAt: AT }),
  buildTask({ id: '2', status: '3', errMsg: 'Duplicate import task 12', beginAt: AT + 60_000 }),
  buildTask({ id: '3', status: '3', errMsg: 'Import interrupted: DB exception', beginAt: AT }),
  buildTask({ id: '4', status: '2', failNum: 7, errMsg: '', beginAt: AT }),
]
const groups = triageOf(tasks)

function panel(selected: string | null = null, locale: 'en' | 'zh-CN' = 'en') {
  return mountUi(TriagePanel, { props: { groups, selected, now: NOW } }, locale)
}

afterEach(() => {
  document.body.innerHTML = ''
})

describe('TriagePanel', () => {
  it('lists the causes by import count with label, fix line, counts and first and last seen', () => {
    const rows = panel().findAll('[data-testid=triage-group]')
    expect(rows.map((r) => r.get('[data-testid=triage-cause]').text())).toEqual([
      'Duplicate import task',
      'Failed records, no message from the server',
      'Import interrupted: DB exception',
    ])
    expect(rows[0]!.get('[data-testid=triage-imports]').text()).toBe('2 imports')
    expect(rows[0]!.get('[data-testid=triage-fix]').text()).toContain('do not start it twice')
    expect(rows[0]!.get('[data-testid=triage-message]').text()).toBe('Duplicate import task 11')
    expect(rows[0]!.get('[data-testid=triage-seen]').text()).toBe(
      'first 05-14 09:00:00, last 05-14 09:01:00',
    )
    expect(rows[1]!.get('[data-testid=triage-failed]').text()).toBe('7 failed records')
    // An unknown cause is shown as the server sent it, without a made-up fix.
    expect(rows[2]!.find('[data-testid=triage-fix]').exists()).toBe(false)
  })

  it('a click selects the cause, a click on the selected cause clears it', async () => {
    const w = panel()
    await w.findAll('[data-testid=triage-group-filter]')[0]!.trigger('click')
    expect(w.emitted('select')).toEqual([[DUP]])
    const selected = panel(DUP)
    const button = selected.findAll('[data-testid=triage-group-filter]')[0]!
    expect(button.attributes('aria-pressed')).toBe('true')
    await button.trigger('click')
    expect(selected.emitted('select')).toEqual([[null]])
  })

  it('folds as its caller remembers (v-model:folded), and on its own when no state is given', async () => {
    const remembered = mountUi(TriagePanel, { props: { groups, now: NOW, folded: true } }, 'en')
    expect(remembered.findAll('[data-testid=triage-group]')).toHaveLength(0)
    await remembered.get('[data-testid=triage-toggle]').trigger('click')
    expect(remembered.emitted('update:folded')).toEqual([[false]])

    const own = panel()
    expect(own.findAll('[data-testid=triage-group]')).toHaveLength(3)
    await own.get('[data-testid=triage-toggle]').trigger('click')
    expect(own.findAll('[data-testid=triage-group]')).toHaveLength(0)
    expect(own.emitted('update:folded')).toEqual([[true]])
  })

  it('speaks Chinese in the Chinese window', () => {
    const row = panel(null, 'zh-CN').findAll('[data-testid=triage-group]')[0]!
    expect(row.get('[data-testid=triage-cause]').text()).toBe('重复的导入任务')
    expect(row.get('[data-testid=triage-fix]').text()).toContain('不要重复发起')
  })

  it('across campaigns, a campaign’s count opens that campaign on the cause', async () => {
    const cross = failedTodayTriage(
      [{ profileId: 'p', campaignId: 'C1', label: 'Spring', tasks }],
      NOW,
    )
    const w = mountUi(TriagePanel, { props: { groups: cross, now: NOW, crossCampaign: true } })
    const open = w.findAll('[data-testid=triage-campaign]')[0]!
    expect(open.text()).toBe('Spring: 2')
    await open.trigger('click')
    expect(w.emitted('open')).toEqual([
      [{ profileId: 'p', campaignId: 'C1', label: 'Spring', imports: 2 }, DUP],
    ])
  })
})
