/**
 * Server profiles: the list (kept current by main's profiles:changed), saving with the SK, the
 * demo, secrets, certificate probing and trust, the server's campaign list, import/export.
 */
import { defineStore } from 'pinia'
import { computed, reactive, ref } from 'vue'
import type { CaFile, ConnectionOutcome, ProfileInput, ServerDraft } from '@shared/contract'
import type { ErrorPayload } from '@shared/errors'
import type { Campaign, CertificateInfo } from '@shared/import-task'
import { DEMO_PROFILE_ID, type ProfileView, type WatchedCampaign } from '@shared/profile'
import { call, subscribe } from '../bridge'
import { tr, trn } from '../i18n'
import { reportError } from '../ui/error-text'
import { toast } from '../ui/toasts'

export interface AsyncState<T> {
  busy: boolean
  data: T | null
  error: ErrorPayload | null
}

function idle<T>(): AsyncState<T> {
  return { busy: false, data: null, error: null }
}

export interface SecretInput {
  sk: string
  sessionOnly: boolean
}

/** A saved profile as the edit dialog sends it back (no view-only fields). */
export function toInput(p: ProfileView): ProfileInput {
  return {
    id: p.id,
    name: p.name,
    serverUrl: p.serverUrl,
    vdnId: p.vdnId,
    ak: p.ak,
    signing: { ...p.signing, signedHeaders: [...p.signing.signedHeaders] },
    tls: { ...p.tls },
    campaigns: p.campaigns.map((c) => ({ ...c })),
  }
}

export const useProfilesStore = defineStore('profiles', () => {
  const profiles = ref<ProfileView[]>([])
  const loaded = ref(false)
  const loadError = ref<ErrorPayload | null>(null)
  const demoStarting = ref(false)
  /** What the edit dialog is waiting on. */
  const editor = reactive({
    saving: false,
    error: null as ErrorPayload | null,
    probe: idle<CertificateInfo>(),
    /** What the signed request of the last "Test connection" found (null: none yet). */
    outcome: null as ConnectionOutcome | null,
    /** The server's campaign list for the form being edited (saved or not). */
    remote: idle<Campaign[]>(),
  })
  /** The server's campaign list per profile id (edit dialog and the "no campaigns" screen). */
  const remote = ref<Record<string, AsyncState<Campaign[]>>>({})

  const byId = computed(() => new Map(profiles.value.map((p) => [p.id, p])))

  function upsert(view: ProfileView): void {
    const i = profiles.value.findIndex((p) => p.id === view.id)
    if (i === -1) profiles.value = [...profiles.value, view]
    else profiles.value = profiles.value.map((p, k) => (k === i ? view : p))
  }

  async function load(): Promise<void> {
    const r = await call((api) => api.listProfiles({}))
    loaded.value = true
    if (r.ok) {
      profiles.value = r.data
      loadError.value = null
    } else {
      loadError.value = r.error
      reportError('loadProfiles', r.error)
    }
  }

  function start(): () => void {
    return subscribe((api) =>
      api.onProfilesChanged((list) => {
        profiles.value = list
        loaded.value = true
      }),
    )
  }

  function resetEditor(): void {
    editor.saving = false
    editor.error = null
    editor.probe = idle()
    editor.outcome = null
    editor.remote = idle()
  }

  /** Saves (with the SK when one was typed); the dialog shows editor.error on failure. */
  async function save(profile: ProfileInput, secret?: SecretInput): Promise<ProfileView | null> {
    editor.saving = true
    editor.error = null
    const r = await call((api) => api.saveProfile(secret ? { profile, secret } : { profile }))
    editor.saving = false
    if (!r.ok) {
      editor.error = r.error
      return null
    }
    upsert(r.data)
    toast({ kind: 'success', title: tr('toast.profileSaved'), testid: 'toast-profile-saved' })
    return r.data
  }

  /** Adds a watched campaign to a saved profile (the "no campaigns" screen). */
  async function addCampaign(profileId: string, campaign: WatchedCampaign): Promise<boolean> {
    const p = byId.value.get(profileId)
    if (!p) return false
    if (p.campaigns.some((c) => c.id === campaign.id)) return true
    const input = toInput(p)
    input.campaigns.push(campaign)
    const r = await call((api) => api.saveProfile({ profile: input }))
    if (!r.ok) {
      reportError('saveProfile', r.error)
      return false
    }
    upsert(r.data)
    return true
  }

  async function remove(profileId: string): Promise<boolean> {
    const r = await call((api) => api.deleteProfile({ profileId }))
    if (!r.ok) {
      reportError('deleteProfile', r.error)
      return false
    }
    profiles.value = profiles.value.filter((p) => p.id !== profileId)
    toast({ kind: 'success', title: tr('toast.profileDeleted'), testid: 'toast-profile-deleted' })
    return true
  }

  /** Closes the demo: main stops its server and removes its profile, tasks and key. */
  async function closeDemo(): Promise<boolean> {
    const r = await call((api) => api.deleteProfile({ profileId: DEMO_PROFILE_ID }))
    if (!r.ok) {
      reportError('closeDemo', r.error)
      return false
    }
    profiles.value = profiles.value.filter((p) => p.id !== DEMO_PROFILE_ID)
    toast({ kind: 'success', title: tr('setup.demoClosed'), testid: 'toast-demo-closed' })
    return true
  }

  async function startDemo(): Promise<ProfileView | null> {
    demoStarting.value = true
    const r = await call((api) => api.startDemo({}))
    demoStarting.value = false
    if (!r.ok) {
      reportError('startDemo', r.error)
      return null
    }
    upsert(r.data)
    return r.data
  }

  async function clearSecret(profileId: string): Promise<ProfileView | null> {
    const r = await call((api) => api.clearSecret({ profileId }))
    if (!r.ok) {
      reportError('clearSecret', r.error)
      return null
    }
    upsert(r.data)
    return r.data
  }

  /** "Test connection": the certificate the server presents (editor.probe). */
  async function probe(serverUrl: string, caPem?: string): Promise<CertificateInfo | null> {
    editor.probe = { busy: true, data: null, error: null }
    const r = await call((api) =>
      api.probeCertificate(caPem ? { serverUrl, caPem } : { serverUrl }),
    )
    editor.probe = r.ok
      ? { busy: false, data: r.data, error: null }
      : { busy: false, data: null, error: r.error }
    return r.ok ? r.data : null
  }

  /**
   * "Test connection" for the dialog's form: the certificate (editor.probe), then what a signed
   * request found (editor.outcome).
   */
  async function testConnection(server: ServerDraft): Promise<ConnectionOutcome | null> {
    editor.probe = { busy: true, data: null, error: null }
    editor.outcome = null
    const r = await call((api) => api.testConnection({ server }))
    editor.probe = r.ok
      ? { busy: false, data: r.data.certificate, error: null }
      : { busy: false, data: null, error: r.error }
    editor.outcome = r.ok ? r.data.outcome : null
    return editor.outcome
  }

  /** Forgets the last test's verdict (the form changed since). */
  function clearOutcome(): void {
    editor.outcome = null
  }

  /** The server's campaign list for the dialog's form, before it is saved (editor.remote). */
  async function listDraft(server: ServerDraft): Promise<Campaign[] | null> {
    editor.remote = { busy: true, data: null, error: null }
    const r = await call((api) => api.listDraftCampaigns({ server }))
    editor.remote = r.ok
      ? { busy: false, data: r.data, error: null }
      : { busy: false, data: null, error: r.error }
    return r.ok ? r.data : null
  }

  async function trust(profileId: string, fingerprint256: string): Promise<ProfileView | null> {
    const r = await call((api) => api.trustCertificate({ profileId, fingerprint256 }))
    if (!r.ok) {
      reportError('trust', r.error)
      return null
    }
    upsert(r.data)
    toast({ kind: 'success', title: tr('toast.trusted'), testid: 'toast-trusted' })
    return r.data
  }

  /** null: the user closed the file dialog. */
  async function pickCaFile(): Promise<CaFile | null> {
    const r = await call((api) => api.pickCaFile({}))
    if (!r.ok) {
      reportError('pickCa', r.error)
      return null
    }
    return r.data
  }

  async function listRemote(profileId: string): Promise<Campaign[] | null> {
    remote.value = { ...remote.value, [profileId]: { busy: true, data: null, error: null } }
    const r = await call((api) => api.listRemoteCampaigns({ profileId }))
    remote.value = {
      ...remote.value,
      [profileId]: r.ok
        ? { busy: false, data: r.data, error: null }
        : { busy: false, data: null, error: r.error },
    }
    return r.ok ? r.data : null
  }

  async function exportProfiles(): Promise<void> {
    const r = await call((api) => api.exportProfiles({}))
    if (!r.ok) return reportError('exportProfiles', r.error)
    if (r.data === null) return
    toast({
      kind: 'success',
      title: trn('toast.profilesExported', r.data.rowCount),
      lines: [r.data.path],
      testid: 'toast-profiles-exported',
    })
  }

  async function importProfiles(): Promise<void> {
    const r = await call((api) => api.importProfiles({}))
    if (!r.ok) return reportError('importProfiles', r.error)
    if (r.data === null) return
    toast({
      kind: 'success',
      title: tr('toast.profilesImported', { imported: r.data.imported, skipped: r.data.skipped }),
      testid: 'toast-profiles-imported',
    })
    await load()
  }

  return {
    profiles,
    loaded,
    loadError,
    demoStarting,
    editor,
    remote,
    byId,
    load,
    start,
    resetEditor,
    save,
    addCampaign,
    remove,
    startDemo,
    closeDemo,
    clearSecret,
    probe,
    testConnection,
    clearOutcome,
    listDraft,
    trust,
    pickCaFile,
    listRemote,
    exportProfiles,
    importProfiles,
  }
})
