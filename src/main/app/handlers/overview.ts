import type { Handlers } from '../../ipc/registry'
import type { AppServices } from './services'

/** Every watched campaign's day at a glance (main/overview). */
export function overviewHandlers({
  overview,
}: Pick<AppServices, 'overview'>): Pick<Handlers, 'overview:get'> {
  return {
    'overview:get': async () => overview.snapshot(),
  }
}
