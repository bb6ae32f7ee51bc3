/**
 * The name a profile goes by in the window. The demo profile's stored name is main's English one
 * (main writes it afresh at every start), so the window shows the demo's name from its own
 * catalogue, in the window's language; every other profile shows the name the user gave it.
 */
import type { ServerProfile } from '@shared/profile'

export const DEMO_NAME_KEY = 'demoProfile.name'

export function profileLabel(
  profile: Pick<ServerProfile, 'name' | 'demo'>,
  t: (key: string) => string,
): string {
  return profile.demo ? t(DEMO_NAME_KEY) : profile.name
}
