import type { ProfileView } from '@shared/profile'
import { mountUi } from '../../testing/mount'
import ServerSection from './ServerSection.vue'

function section(
  over: {
    keychainProblem?: string | null
    profile?: Partial<ProfileView>
    keySettingsChanged?: boolean
  } = {},
) {
  const w = mountUi(ServerSection, {
    props: {
      name: '',
      vdnId: 1,
      serverUrl: '',
      ak: '',
      sk: '',
      sessionOnly: true,
      profile: over.profile as ProfileView | undefined,
      keychainProblem: over.keychainProblem ?? null,
      errors: { serverUrl: 'Enter https://host:port' },
      keySettingsChanged: over.keySettingsChanged ?? false,
      'onUpdate:sk': (v: string) => void w.setProps({ sk: v }),
      'onUpdate:serverUrl': (v: string) => void w.setProps({ serverUrl: v }),
      'onUpdate:sessionOnly': (v: boolean) => void w.setProps({ sessionOnly: v }),
    },
  })
  return w
}

describe('ServerSection', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('edits the address and shows the problem given for it', async () => {
    const w = section()
    await w.find('[data-testid=profile-url] input').setValue('https://10.0.0.1:28443')
    expect(w.props('serverUrl')).toBe('https://10.0.0.1:28443')
    expect(w.text()).toContain('Enter https://host:port')
  })

  it('offers session-only keeping only when the keychain has a problem', async () => {
    expect(section().find('[data-testid=profile-keychain-problem]').exists()).toBe(false)
    const w = section({ keychainProblem: 'no Secret Service' })
    expect(w.find('[data-testid=profile-keychain-problem]').text()).toContain('no Secret Service')
    await w.find('[data-testid=profile-session-only]').trigger('click')
    expect(w.props('sessionOnly')).toBe(false)
  })

  it('shows where a saved profile keeps its SK and offers to forget it', async () => {
    expect(section().find('[data-testid=profile-secret-status]').exists()).toBe(false)
    const w = section({ profile: { secretStorage: 'keychain', hasSecret: true } })
    expect(w.find('[data-testid=profile-secret-status]').attributes('data-storage')).toBe(
      'keychain',
    )
    await w.find('[data-testid=profile-clear-secret]').trigger('click')
    expect(w.emitted('clearSecret')).toHaveLength(1)
  })

  it('says beside the SK field that a changed address, AK or trust needs the SK again', async () => {
    const hint = 'The address, AK or certificate trust changed: enter the SK again to save.'
    const saved = { secretStorage: 'keychain', hasSecret: true } as const
    expect(section({ profile: saved }).find('[data-testid=profile-sk-item]').text()).not.toContain(
      hint,
    )
    const w = section({ profile: saved, keySettingsChanged: true })
    expect(w.find('[data-testid=profile-sk-item]').text()).toContain(hint)
    await w.find('[data-testid=profile-sk] input').setValue('typed')
    expect(w.find('[data-testid=profile-sk-item]').text()).not.toContain(hint)
  })

  it('says a locked keychain is locked, not that the SK is missing', () => {
    const w = section({ profile: { secretStorage: 'unavailable', hasSecret: false } })
    const status = w.find('[data-testid=profile-secret-status]')
    expect(status.attributes('data-storage')).toBe('unavailable')
    expect(status.text()).toContain('The keychain is locked or not responding')
    expect(status.text()).not.toContain('SK missing')
  })
})
