/**
 * The profile dialog's form: defaults, from/to the bridge's ProfileInput, and the checks the
 * window can make before main does (main checks again and has the last word). The rules
 * themselves (address, VDN range) are shared/server-url.ts and shared/limits.ts.
 */
import type { ProfileInput } from '@shared/contract'
import { MAX_VDN_ID, MIN_VDN_ID } from '@shared/limits'
import { isServerUrl } from '@shared/server-url'
import type {
  ProfileView,
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
export function validateForm(
  form: ProfileForm,
  opts: { needSecret: boolean },
): Partial<Record<FormField, string>> {
  const errors: Partial<Record<FormField, string>> = {}
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
  const signedHeaders: SignableHeader[] = [
    'host',
    ...form.signedHeaders.filter((h) => h !== 'host'),
  ]
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
