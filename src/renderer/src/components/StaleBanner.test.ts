import type { TaskSnapshot } from '@shared/contract'
import type { ErrorPayload } from '@shared/errors'
import { incompleteKey, staleKind, type StaleKind } from '../logic/stale-state'
import en from '../i18n/en'
import zhCN from '../i18n/zh-CN'
import { mountUi } from '../testing/mount'
import RefreshProgress from './RefreshProgress.vue'
import StaleBanner from './StaleBanner.vue'

const malformed: ErrorPayload = {
  code: 'protocol',
  message: 'The server’s reply is not valid JSON.',
  detail: { cause: 'invalid-json' },
}

function banner(kind: StaleKind, failures: number | null, locale: 'en' | 'zh-CN' = 'en') {
  const at = Date.UTC(2025, 5, 1, 10, 0, 0)
  return mountUi(
    StaleBanner,
    {
      props: {
        fetchedAt: new Date(at).toISOString(),
        now: at + 60_000,
        error: malformed,
        kind,
        failures,
        retryIn: 12,
        busy: false,
      },
    },
    locale,
  )
}

describe('staleKind', () => {
  const snap = (s: Partial<TaskSnapshot>) =>
    s as Pick<TaskSnapshot, 'error' | 'halted' | 'failures'>

  it('tells unreachable, retrying after a bad reply, halted after repeats, and needs-the-user apart', () => {
    expect(staleKind(snap({}))).toBe('unreachable')
    expect(staleKind(snap({ error: { code: 'network', message: 'x' } }))).toBe('unreachable')
    expect(staleKind(snap({ error: malformed, failures: 2 }))).toBe('retrying')
    expect(staleKind(snap({ error: malformed, failures: 5, halted: true }))).toBe('halted')
    // Halted at its first failure: an error only the user can fix (403, parameters…).
    const forbidden: ErrorPayload = { code: 'http', message: 'x', detail: { status: 403 } }
    expect(staleKind(snap({ error: forbidden, failures: 1, halted: true }))).toBe('failed')
    expect(staleKind(snap({ error: { code: 'auth', message: 'x' } }))).toBe('failed')
  })
})

describe('StaleBanner states', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('after a bad reply it shows the reason and when main tries again, with a retry button', () => {
    const w = banner('retrying', 2)
    expect(w.find('[data-testid=stale-banner-text]').text()).toMatch(
      /the last refresh failed\. Retrying in 12 s\.$/,
    )
    expect(w.find('[data-testid=stale-banner-detail]').text()).toBe(malformed.message)
    expect(w.find('[data-testid=stale-retry]').exists()).toBe(true)
    expect(w.find('[data-testid=halted-retry]').exists()).toBe(false)
  })

  it('halted after repeated identical failures it says so in plain words and offers Retry now', async () => {
    const w = banner('halted', 5)
    expect(w.find('[data-testid=stale-banner]').attributes('data-kind')).toBe('halted')
    expect(w.find('[data-testid=stale-banner-text]').text()).toContain(
      'Automatic refresh stopped after 5 identical failures in a row.',
    )
    expect(w.find('[data-testid=stale-banner-detail]').text()).toBe(malformed.message)
    const retry = w.find('[data-testid=halted-retry]')
    expect(retry.text()).toBe('Retry now')
    await retry.trigger('click')
    expect(w.emitted('retry')).toEqual([[]])
  })

  it('says the same in Chinese', () => {
    const w = banner('halted', 5, 'zh-CN')
    expect(w.find('[data-testid=stale-banner-text]').text()).toContain(
      '连续 5 次出现相同的失败，已停止自动刷新。',
    )
    expect(w.find('[data-testid=halted-retry]').text()).toBe('立即重试')
  })

  it('an error the user must fix offers no automatic retry and leaves the details to the error panel', () => {
    const w = banner('failed', 1)
    expect(w.text()).toContain('Fix the problem below, then refresh.')
    expect(w.find('[data-testid=stale-retry]').exists()).toBe(false)
    expect(w.find('[data-testid=halted-retry]').exists()).toBe(false)
    expect(w.find('[data-testid=stale-banner-detail]').exists()).toBe(false)
  })
})

describe('incomplete warning', () => {
  it('names why the list may be incomplete, in both languages', () => {
    expect(incompleteKey('count-inflated')).toBe('banner.incompleteCountInflated')
    expect(incompleteKey('offset-ignored')).toBe('banner.incompleteOffsetIgnored')
    expect(incompleteKey('list-moving')).toBe('banner.incomplete')
    expect(incompleteKey(undefined)).toBe('banner.incomplete')
    expect(en.banner.incompleteCountInflated).toMatch(
      /^The server reported more imports than it returned; the list may be incomplete\./,
    )
    expect(zhCN.banner.incompleteCountInflated).toContain('列表可能不完整')
    expect(zhCN.banner.incompleteOffsetIgnored).toContain('列表可能不完整')
  })
})

describe('RefreshProgress for an automatic refresh', () => {
  it('says it runs by itself and can be cancelled', async () => {
    const w = mountUi(RefreshProgress, { props: { progress: null, auto: true } })
    expect(w.find('[data-testid=auto-refresh-progress]').exists()).toBe(true)
    expect(w.find('[data-testid=refresh-progress-text]').text()).toBe('Refreshing automatically…')
    await w.find('[data-testid=refresh-cancel]').trigger('click')
    expect(w.emitted('cancel')).toEqual([[]])
  })
})
