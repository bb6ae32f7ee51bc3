import { nextTick } from 'vue'
import { TASK_FIELDS, fieldLabelKey } from '@shared/task-fields'
import { buildTask } from '@shared/testing/task-builder'
import { i18n } from '../i18n'
import { task } from '../testing/fake-isales'
import { mountUi } from '../testing/mount'
import TaskDrawer from './TaskDrawer.vue'

async function drawer(props: { task: ReturnType<typeof task>; hasBlackNum: boolean }) {
  mountUi(TaskDrawer, { props: { ...props, fetchedAt: Date.UTC(2025, 5, 1, 3) } })
  await nextTick()
  await nextTick()
  const byId = (id: string) => document.body.querySelector(`[data-testid=drawer-${id}]`)
  const labels = [...document.body.querySelectorAll('.n-descriptions-table-header')].map((e) =>
    e.textContent?.trim(),
  )
  return { byId, labels }
}

describe('TaskDrawer', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows a row per field of the field table, labelled from the catalogue, times twice', async () => {
    const { byId, labels } = await drawer({
      task: task('100', { status: '3', errMsg: 'Bad file', blackNum: 2 }),
      hasBlackNum: true,
    })
    const t = i18n.global.t
    for (const f of TASK_FIELDS) {
      expect(byId(f.key), f.key).not.toBeNull()
      expect(labels, f.key).toContain(t(fieldLabelKey(f)))
      if ('at' in f) {
        expect(byId(f.at), f.at).not.toBeNull()
        expect(labels).toContain(t('drawer.serverText', { label: t(fieldLabelKey(f)) }))
      }
    }
    expect(labels).toContain('Duration')
    expect(labels).toContain('Success rate')
    expect(byId('status')?.textContent?.trim()).toBe('Import failed (3)')
    expect(byId('beginTime')?.textContent).toBe('2025-06-01 10:00:00')
    expect(byId('succNum')?.textContent).toBe('90')
    expect(byId('errMsg')?.textContent).toBe('Bad file')
  })

  it('shows an optional field only when the server sends it', async () => {
    const without = await drawer({ task: buildTask({ id: '1' }), hasBlackNum: false })
    expect(without.byId('blackNum')).toBeNull()
    expect(without.byId('errMsg')?.textContent).toBe('None')
    document.body.innerHTML = ''
    const withIt = await drawer({ task: buildTask({ id: '1' }), hasBlackNum: true })
    expect(withIt.byId('blackNum')).not.toBeNull()
    document.body.innerHTML = ''
    const sent = await drawer({ task: buildTask({ id: '1', blackNum: 4 }), hasBlackNum: false })
    expect(sent.byId('blackNum')?.textContent).toBe('4')
  })
})
