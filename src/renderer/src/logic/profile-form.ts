/**
 * The profile dialog's form: defaults, from/to the bridge's ProfileInput, the checks the
 * window can make before main does (main checks again and has the last word), and the small
 * edits its sections make (TLS mode, signed headers, watched campaigns, pin state). The rules
 * themselves (address, VDN range) are shared/server-url.ts and shared/limits.ts.
 */
import type { ProfileInput, ServerDraft } from '@shared/contract'
import type { CertificateInfo } from '@shared/import-task'
import { MAX_VDN_ID, MIN_VDN_ID } from '@shared/limits'
import { checkServerUrl, isServerUrl } from '@shared/server-url'
import type {
  ProfileView,
  ServerProfile,
  SignableHeader,
  TimestampFormat,
  TlsSettings,
  WatchedCampaign,
} from '@shared/profile'

export interface ProfileForm {
  id: string | undefined
  name: string
  serverUrl: string
  vdnId: number | null
  ak: string
  sk: string
  sessionOnly: boolean
  timestampFormat: TimestampFormat
  signedHeaders: SignableHeader[]
  tls: TlsSettings
  campaigns: WatchedCampaign[]
}

export type FormField = 'name' | 'serverUrl' | 'vdnId' | 'ak' | 'sk' | 'tls'

/** Per field: what is wrong with it (a message key from validateForm, or its text on screen). */
export type FormErrors = Partial<Record<FormField, string>>

export function emptyForm(): ProfileForm {
  return {
    id: undefined,
    name: '',
    serverUrl: '',
    vdnId: 1,
    ak: '',
    sk: '',
    sessionOnly: true,
    timestampFormat: 'seconds',
    signedHeaders: ['host'],
    tls: { mode: 'system' },
    campaigns: [],
  }
}

export function formFromProfile(p: ProfileView): ProfileForm {
  return {
    id: p.id,
    name: p.name,
    serverUrl: p.serverUrl,
    vdnId: p.vdnId,
    ak: p.ak,
    sk: '',
    sessionOnly: true,
    timestampFormat: p.signing.timestampFormat,
    signedHeaders: [...p.signing.signedHeaders],
    tls: { ...p.tls },
    campaigns: p.campaigns.map((c) => ({ ...c })),
  }
}

/** Field → message key, for the fields that cannot be sent as they are. */
export function validateForm(form: ProfileForm, opts: { needSecret: boolean }): FormErrors {
  const errors: FormErrors = {}
  if (form.name.trim() === '') errors.name = 'profile.required'
  if (form.serverUrl.trim() === '') errors.serverUrl = 'profile.required'
  else if (!isServerUrl(form.serverUrl)) errors.serverUrl = 'profile.urlInvalid'
  if (
    form.vdnId === null ||
    !Number.isInteger(form.vdnId) ||
    form.vdnId < MIN_VDN_ID ||
    form.vdnId > MAX_VDN_ID
  )
    errors.vdnId = 'profile.vdnRange'
  if (form.ak.trim() === '') errors.ak = 'profile.required'
  if (opts.needSecret && form.sk === '') errors.sk = 'profile.skRequired'
  if (form.tls.mode === 'ca' && !form.tls.caPem) errors.tls = 'profile.noCa'
  if (form.tls.mode === 'pin' && !form.tls.fingerprint256) errors.tls = 'profile.pinMissing'
  return errors
}

export function toProfileInput(form: ProfileForm): ProfileInput {
  const signedHeaders = withHost(form.signedHeaders)
  return {
    ...(form.id ? { id: form.id } : {}),
    name: form.name.trim(),
    serverUrl: form.serverUrl.trim(),
    vdnId: form.vdnId ?? 0,
    ak: form.ak.trim(),
    signing: { timestampFormat: form.timestampFormat, signedHeaders },
    tls: form.tls,
    campaigns: form.campaigns.map((c) => ({ id: c.id.trim(), label: c.label.trim() })),
  }
}

/**
 * The form as a server to test or list campaigns from before saving. The typed SK goes along;
 * without one, main may use the stored SK of `savedId` (see storedKeyMayGo).
 */
export function toServerDraft(form: ProfileForm, savedId: string | undefined): ServerDraft {
  const { serverUrl, vdnId, ak, signing, tls } = toProfileInput(form)
  return {
    ...(savedId ? { profileId: savedId } : {}),
    serverUrl,
    vdnId,
    ak,
    signing,
    tls,
    ...(form.sk ? { sk: form.sk } : {}),
  }
}

function sameTrust(a: TlsSettings, b: TlsSettings): boolean {
  if (a.mode === 'ca') return b.mode === 'ca' && a.caPem.trim() === b.caPem.trim()
  if (a.mode === 'pin') {
    return b.mode === 'pin' && a.fingerprint256.toUpperCase() === b.fingerprint256.toUpperCase()
  }
  return a.mode === b.mode
}

/**
 * Whether the form keeps the saved profile's address, AK and trust, the settings its stored SK
 * was given for (main's rule, profiles/server-draft.ts storedKeyMayGo, has the last word).
 */
export function keepsKeySettings(form: ProfileForm, saved: ServerProfile): boolean {
  const origin = (url: string) => checkServerUrl(url)?.origin
  return (
    origin(form.serverUrl) !== undefined &&
    origin(form.serverUrl) === origin(saved.serverUrl) &&
    form.ak.trim() === saved.ak &&
    sameTrust(form.tls, saved.tls)
  )
}

/** Whether main will sign with the saved profile's stored SK for this form. */
export function storedKeyMayGo(form: ProfileForm, saved: ProfileView | undefined): boolean {
  return saved?.hasSecret === true && keepsKeySettings(form, saved)
}

/**
 * Whether saving the form needs the SK typed in: always for a new profile, and for a saved one
 * whose address, AK or trust changed (main refuses such a save without it, handlers/profiles.ts).
 */
export function needsSecret(form: ProfileForm, saved: ServerProfile | undefined): boolean {
  return saved === undefined || !keepsKeySettings(form, saved)
}

/**
 * Whether the form holds all a signed request needs (address, VDN, AK, trust, and an SK typed
 * or allowed from the store): the campaign list's Load button waits for it.
 */
export function canSign(form: ProfileForm, saved: ProfileView | undefined): boolean {
  const problems = validateForm({ ...form, name: form.name || '-' }, { needSecret: false })
  if (Object.keys(problems).length > 0) return false
  return form.sk !== '' || storedKeyMayGo(form, saved)
}

/** The settings a TLS mode starts with before anything is chosen for it. */
export function defaultTls(mode: TlsSettings['mode']): TlsSettings {
  if (mode === 'system') return { mode }
  if (mode === 'ca') return { mode, caPem: '', caLabel: '' }
  return { mode, fingerprint256: '', subject: '', trustedAt: '' }
}

/** The signature always covers host, first; the others are the user's choice. */
export function withHost(headers: readonly string[]): SignableHeader[] {
  return ['host', ...(headers.filter((h) => h !== 'host') as SignableHeader[])]
}

/**
 * Whether the certificate just probed is the pinned one: trusted when the saved profile pins it
 * already, pending when only the form does (pinned on save), null otherwise.
 */
export function pinState(
  cert: CertificateInfo | null,
  tls: TlsSettings,
  savedTls: TlsSettings | undefined,
): 'trusted' | 'pending' | null {
  if (!cert || tls.mode !== 'pin') return null
  if (tls.fingerprint256.toUpperCase() !== cert.fingerprint256.toUpperCase()) return null
  return savedTls?.mode === 'pin' && savedTls.fingerprint256 === tls.fingerprint256
    ? 'trusted'
    : 'pending'
}

/** The list with the campaign added at the end, unless it is watched already. */
export function addCampaign(list: WatchedCampaign[], c: WatchedCampaign): WatchedCampaign[] {
  return list.some((x) => x.id === c.id) ? list : [...list, { ...c }]
}

export function removeCampaign(list: WatchedCampaign[], id: string): WatchedCampaign[] {
  return list.filter((c) => c.id !== id)
}

export function relabelCampaign(
  list: WatchedCampaign[],
  id: string,
  label: string,
): WatchedCampaign[] {
  return list.map((c) => (c.id === id ? { ...c, label } : c))
}
