import { applyLocale, i18n } from '../i18n'
import { profileLabel } from './profile-label'

const t = (key: string) => i18n.global.t(key)

describe('profileLabel', () => {
  afterEach(() => applyLocale('en'))

  it('names the demo profile in the window’s language, whatever name is stored', () => {
    const demo = { name: 'Demo server (built-in)', demo: true }
    applyLocale('zh-CN')
    expect(profileLabel(demo, t)).toBe('演示服务器（内置）')
    applyLocale('en')
    expect(profileLabel(demo, t)).toBe('Demo server (built-in)')
  })

  it('shows every other profile under the name the user gave it', () => {
    applyLocale('zh-CN')
    expect(profileLabel({ name: 'Shanghai CC' }, t)).toBe('Shanghai CC')
    expect(profileLabel({ name: 'Demo server (built-in)', demo: false }, t)).toBe(
      'Demo server (built-in)',
    )
  })
})
