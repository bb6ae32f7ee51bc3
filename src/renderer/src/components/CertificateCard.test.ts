import type { CertificateInfo } from '@shared/import-task'
import { mountUi } from '../testing/mount'
import CertificateCard from './CertificateCard.vue'

const DAY = 86_400_000

function card(over: Partial<CertificateInfo>, locale: 'en' | 'zh-CN' = 'en') {
  const cert: CertificateInfo = {
    subject: 'CN=localhost',
    issuer: 'CN=localhost',
    validFrom: new Date(Date.now() - 30 * DAY).toISOString(),
    validTo: new Date(Date.now() + 300 * DAY).toISOString(),
    subjectAltNames: ['DNS:localhost'],
    fingerprint256: 'AA:BB',
    chainVerified: false,
    pem: '',
    ...over,
  }
  return mountUi(CertificateCard, { props: { cert, pin: null, canTrust: true } }, locale)
}

describe('CertificateCard', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('says why the chain is not trusted in plain words, the code in the tooltip', () => {
    const chain = card({ verifyError: 'DEPTH_ZERO_SELF_SIGNED_CERT' }).find(
      '[data-testid=cert-chain]',
    )
    expect(chain.text()).toContain('self-signed: not issued by an authority this computer trusts')
    expect(chain.text()).not.toContain('DEPTH_ZERO')
    expect(chain.attributes('title')).toContain('DEPTH_ZERO_SELF_SIGNED_CERT')
    expect(
      card({ verifyError: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' })
        .find('[data-testid=cert-chain]')
        .text(),
    ).toContain('an authority this computer does not know')
    expect(card({ verifyError: 'WHATEVER' }).find('[data-testid=cert-chain]').text()).toBe(
      'Not trusted by this computer',
    )
    const zh = card({ verifyError: 'CERT_HAS_EXPIRED' }, 'zh-CN').find('[data-testid=cert-chain]')
    expect(zh.text()).toContain('已过期')
  })

  it('warns when the validity ends within 14 days or has ended, not otherwise', () => {
    expect(card({}).find('[data-testid=cert-validity-warning]').exists()).toBe(false)
    const soon = card({ validTo: new Date(Date.now() + 7 * DAY).toISOString() })
    expect(soon.find('[data-testid=cert-validity-warning]').text()).toContain('expires on')
    const gone = card({ validTo: new Date(Date.now() - DAY).toISOString() })
    expect(gone.find('[data-testid=cert-validity-warning]').text()).toContain('expired on')
  })

  it('the fingerprint wraps only after a colon, never inside a byte', () => {
    const fp = Array.from({ length: 32 }, (_, k) => k.toString(16).toUpperCase().padStart(2, '0'))
    const w = card({ fingerprint256: fp.join(':') })
    const el = w.get('[data-testid=cert-fingerprint]')
    expect(el.text()).toBe(fp.join(':'))
    // Each byte and its colon is one text piece, a break opportunity after it and nowhere else.
    // (Vue's fragment anchors are empty text nodes and comments: not pieces.)
    const nodes = [...el.element.childNodes].filter(
      (n) => n.nodeName === 'WBR' || (n.nodeType === 3 && n.textContent !== ''),
    )
    expect(nodes.filter((n) => n.nodeName === 'WBR')).toHaveLength(31)
    expect(nodes.filter((n) => n.nodeType === 3).map((n) => n.textContent)).toEqual(
      fp.map((b, k) => (k < 31 ? `${b}:` : b)),
    )
  })
})
