import { msg } from '../../../shared/messages'
import type { Handlers } from '../../ipc/registry'
import { approvePin } from '../../tls/approve-pin'
import { readCaFile } from '../../tls/ca-file'
import { probeCertificate } from '../../tls/probe'
import { signalOf, type AppServices } from './services'

/** Certificates: "Test connection", "Trust this certificate", and choosing a company CA file. */
export function tlsHandlers({
  profiles,
  views,
  monitor,
  adapters,
  shown,
  gate,
}: Pick<AppServices, 'profiles' | 'views' | 'monitor' | 'adapters' | 'shown' | 'gate'>): Pick<
  Handlers,
  'tls:probe' | 'tls:trust' | 'tls:pickCaFile'
> {
  return {
    'tls:probe': async ({ serverUrl, caPem }, ctx) =>
      probeCertificate(serverUrl, { gate, ...(caPem ? { caPem } : {}), ...signalOf(ctx) }),
    'tls:trust': async ({ profileId, fingerprint256 }, ctx) => {
      const profile = profiles.get(profileId)
      const pin = await approvePin(profile.serverUrl, fingerprint256, { gate, ...signalOf(ctx) })
      const saved = await profiles.setTls(profileId, pin)
      monitor.profileChanged(profileId)
      views.announce()
      return views.of(saved)
    },
    'tls:pickCaFile': async () => {
      const path = await adapters.chooseOpenPath({
        title: shown(msg('dialogPickCaFile')),
        extensions: ['pem', 'crt', 'cer'],
      })
      if (!path) return null
      return readCaFile(path)
    },
  }
}
