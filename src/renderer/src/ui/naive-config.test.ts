import { createPinia, setActivePinia } from 'pinia'
import { defineComponent, h } from 'vue'
import { NConfigProvider, NEmpty } from 'naive-ui'
import { INBOX_PATH } from '../components/icons'
import { installFakeIsales } from '../testing/fake-isales'
import { mountUi } from '../testing/mount'
import { naiveConfig } from './naive-config'

describe('naiveConfig', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    installFakeIsales()
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('gives every empty state the plain tray picture, not Naive’s one with an × badge', () => {
    const Shell = defineComponent({
      setup() {
        const config = naiveConfig()
        return () =>
          h(NConfigProvider, config.value, () => h(NEmpty, { description: 'Nothing here' }))
      },
    })
    const w = mountUi(Shell)
    const paths = w.findAll('.n-empty__icon path')
    expect(paths.map((p) => p.attributes('d'))).toEqual([INBOX_PATH])
  })
})
