import type { SignableHeader } from '@shared/profile'
import { mountUi } from '../../testing/mount'
import SigningSection from './SigningSection.vue'

describe('SigningSection', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('keeps host first in the signed headers whatever the user ticks', async () => {
    const w = mountUi(SigningSection, {
      props: {
        timestampFormat: 'seconds',
        signedHeaders: ['content-type', 'host'] as SignableHeader[],
        'onUpdate:signedHeaders': (v: SignableHeader[]) => void w.setProps({ signedHeaders: v }),
        'onUpdate:timestampFormat': (v: 'seconds' | 'milliseconds') =>
          void w.setProps({ timestampFormat: v }),
      },
    })
    await w.find('[data-testid=profile-header-content-length]').trigger('click')
    expect(w.props('signedHeaders')).toEqual(['host', 'content-type', 'content-length'])
    await w.find('[data-testid=profile-timestamp-milliseconds] input').setValue(true)
    expect(w.props('timestampFormat')).toBe('milliseconds')
  })
})
