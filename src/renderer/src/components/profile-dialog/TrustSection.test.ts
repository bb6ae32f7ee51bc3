import type { ConnectionOutcome } from '@shared/contract'
import type { CertificateInfo } from '@shared/import-task'
import type { TlsSettings } from '@shared/profile'
import { mountUi } from '../../testing/mount'
import TrustSection from './TrustSection.vue'

const cert: CertificateInfo = {
  subject: 'CN=isales.example',
  issuer: 'CN=isales.example',
  validFrom: new Date(Date.now() - 86_400_000).toISOString(),
  validTo: new Date(Date.now() + 300 * 86_400_000).toISOString(),
  subjectAltNames: ['DNS:isales.example'],
  fingerprint256: 'AA:BB:CC',
  chainVerified: false,
  pem: '',
}

/** The section with its v-model wired back, as the dialog does. */
function section(
  tls: TlsSettings,
  data: CertificateInfo | null = null,
  outcome: ConnectionOutcome | null = null,
) {
  const w = mountUi(TrustSection, {
    props: {
      tls,
      probe: { busy: false, data, error: null },
      outcome,
      savedTls: undefined,
      error: undefined,
      'onUpdate:tls': (v: TlsSettings) => void w.setProps({ tls: v }),
    },
  })
  return w
}

async function chooseMode(w: ReturnType<typeof section>, mode: TlsSettings['mode']) {
  await w.find(`[data-testid=profile-tls-${mode}] input`).setValue(true)
}

describe('TrustSection', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('keeps a chosen CA file when the user switches to another mode and back', async () => {
    const w = section({ mode: 'ca', caPem: 'PEM', caLabel: 'corp-ca.pem' })
    expect(w.find('[data-testid=profile-ca-label]').text()).toContain('corp-ca.pem')
    await chooseMode(w, 'system')
    expect(w.props('tls')).toEqual({ mode: 'system' })
    expect(w.find('[data-testid=profile-ca-label]').exists()).toBe(false)
    await chooseMode(w, 'ca')
    expect(w.props('tls')).toEqual({ mode: 'ca', caPem: 'PEM', caLabel: 'corp-ca.pem' })
  })

  it('starts a mode never chosen with nothing chosen in it', async () => {
    const w = section({ mode: 'system' })
    await chooseMode(w, 'pin')
    expect(w.props('tls')).toEqual({ mode: 'pin', fingerprint256: '', subject: '', trustedAt: '' })
    expect(w.find('[data-testid=profile-pin-info]').text()).toBe(
      'No certificate pinned yet: use Test connection, then trust the certificate.',
    )
  })

  it('asks the dialog to probe, pick a CA file and trust the certificate found', async () => {
    const w = section({ mode: 'ca', caPem: '', caLabel: '' }, cert)
    await w.find('[data-testid=profile-test-connection]').trigger('click')
    await w.find('[data-testid=profile-pick-ca]').trigger('click')
    await w.find('[data-testid=cert-trust]').trigger('click')
    expect(w.emitted('probe')).toHaveLength(1)
    expect(w.emitted('pickCa')).toHaveLength(1)
    expect(w.emitted('trust')).toEqual([[cert]])
  })

  it('says in plain words what the signed test found, next to the certificate', () => {
    const ok = section({ mode: 'system' }, cert, { kind: 'ok', campaignCount: 3 })
    const okOutcome = ok.find('[data-testid=profile-test-outcome]')
    expect(okOutcome.attributes('data-verdict')).toBe('ok')
    expect(okOutcome.text()).toContain('AK, SK and VDN id are right. Campaigns for this VDN: 3.')
    expect(ok.find('[data-testid=cert-card]').exists()).toBe(true)

    const wrong = section({ mode: 'system' }, cert, {
      kind: 'failed',
      error: { code: 'auth', message: 'The server rejected the signature.' },
    })
    const wrongOutcome = wrong.find('[data-testid=profile-test-outcome]')
    expect(wrongOutcome.attributes('data-verdict')).toBe('wrongKey')
    expect(wrongOutcome.text()).toContain('Wrong AK or SK')
  })

  it('shows no verdict before a test ran', () => {
    const w = section({ mode: 'system' }, cert)
    expect(w.find('[data-testid=profile-test-outcome]').exists()).toBe(false)
  })

  it('Test connection is a plain bordered button, not the tinted style that reads as disabled', () => {
    const button = section({ mode: 'system' } as TlsSettings).get(
      '[data-testid=profile-test-connection]',
    )
    expect(button.attributes('disabled')).toBeUndefined()
    expect(button.classes()).not.toContain('n-button--secondary')
    expect(button.classes()).toContain('n-button--default-type')
  })
})
