import type { ErrorPayload } from '@shared/errors'
import { mountUi } from '../testing/mount'
import ErrorPanel from './ErrorPanel.vue'
import StaleBanner from './StaleBanner.vue'

function panel(error: ErrorPayload, retryIn: number | null = null) {
  return mountUi(ErrorPanel, { props: { error, retryIn, busy: false } })
}

const buttons = (w: ReturnType<typeof panel>) =>
  w.findAll('button').map((b) => b.attributes('data-testid'))

describe('ErrorPanel', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('auth: "Wrong AK/SK" and Open profile', async () => {
    const w = panel({ code: 'auth', message: 'The server rejected the AK/SK signature.' })
    expect(w.text()).toContain('Wrong AK/SK')
    expect(buttons(w)).toEqual(['error-action-openProfile', 'error-action-retry'])
    await w.find('[data-testid=error-action-openProfile]').trigger('click')
    expect(w.emitted('action')).toEqual([['openProfile']])
  })

  it('cert-changed: both fingerprints and "Trust the new certificate"', () => {
    const w = panel({
      code: 'cert-changed',
      message: 'x',
      detail: { expectedFingerprint: 'AA:AA', presentedFingerprint: 'BB:BB' },
    })
    expect(w.find('[data-testid=error-expected-fingerprint]').text()).toBe('AA:AA')
    expect(w.find('[data-testid=error-presented-fingerprint]').text()).toBe('BB:BB')
    expect(w.text()).toContain('Trust the new certificate')
  })

  it('says main’s message in the window language, falling back to main’s English words', () => {
    const error: ErrorPayload = {
      code: 'timeout',
      message: 'The server did not complete a TLS handshake within 5 s. …',
      messageId: 'tlsHandshakeTimeout',
      params: { seconds: 5 },
    }
    const zh = mountUi(ErrorPanel, { props: { error, retryIn: null, busy: false } }, 'zh-CN')
    expect(zh.find('[data-testid=error-detail]').text()).toBe(
      '服务器在 5 秒内没有完成 TLS 握手。请检查地址和端口（必须是 HTTPS 端口），以及网络或 VPN。',
    )
    const plain = mountUi(
      ErrorPanel,
      {
        props: {
          error: { code: 'timeout', message: 'As main said it.' },
          retryIn: null,
          busy: false,
        },
      },
      'zh-CN',
    )
    expect(plain.find('[data-testid=error-detail]').text()).toBe('As main said it.')
  })

  it('isales: code, catalogue meaning and the server description', () => {
    const w = panel({
      code: 'isales',
      message: 'x',
      detail: { resultCode: '0200007', resultDesc: 'no such campaign' },
    })
    expect(w.text()).toContain('iSales error 0200007')
    expect(w.text()).toContain('The outbound campaign does not exist')
    expect(w.text()).toContain('Server says: no such campaign')
  })

  it('network: retrying, next attempt in N s', () => {
    const w = panel({ code: 'network', message: 'ECONNREFUSED' }, 12)
    expect(w.find('[data-testid=error-retry-countdown]').text()).toBe(
      'Retrying, next attempt in 12 s.',
    )
  })

  it('tls: explanation and Test connection', () => {
    const w = panel({ code: 'tls', message: 'x', detail: { cause: 'CERT_HAS_EXPIRED' } })
    expect(w.text()).toContain('The certificate has expired.')
    expect(w.text()).toContain('Technical code: CERT_HAS_EXPIRED')
    expect(buttons(w)[0]).toBe('error-action-testConnection')
  })

  it('Chinese too', () => {
    const w = mountUi(
      ErrorPanel,
      { props: { error: { code: 'auth', message: 'x' }, retryIn: null, busy: false } },
      'zh-CN',
    )
    expect(w.text()).toContain('AK/SK 错误')
    expect(w.text()).toContain('打开配置')
  })
})

describe('StaleBanner', () => {
  it('says how old the data is, why, and when the next attempt is', () => {
    const fetched = Date.UTC(2025, 5, 1, 10, 0, 0)
    const w = mountUi(StaleBanner, {
      props: {
        fetchedAt: new Date(fetched).toISOString(),
        now: fetched + 7 * 60_000,
        error: { code: 'network', message: 'x' },
        kind: 'unreachable',
        failures: null,
        retryIn: 25,
        busy: false,
      },
    })
    const text = w.find('[data-testid=stale-banner-text]').text()
    expect(text).toMatch(
      /^Showing data from .+ \(7 minutes ago\): the server could not be reached\. Retrying in 25 s\.$/,
    )
  })

  it('for an error that needs the user, it says the refresh failed', () => {
    const w = mountUi(StaleBanner, {
      props: {
        fetchedAt: new Date().toISOString(),
        now: Date.now(),
        error: { code: 'auth', message: 'x' },
        kind: 'failed',
        failures: null,
        retryIn: null,
        busy: false,
      },
    })
    expect(w.text()).toContain('the last refresh failed')
  })
})
