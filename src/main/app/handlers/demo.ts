import type { Handlers } from '../../ipc/registry'
import type { AppServices } from './services'

/** The built-in demo: its server and profile (see demo/demo-controller.ts). */
export function demoHandlers({
  demo,
  views,
}: Pick<AppServices, 'demo' | 'views'>): Pick<Handlers, 'demo:start'> {
  return {
    'demo:start': async () => {
      const profile = await demo.ensure()
      views.announce()
      return views.of(profile)
    },
  }
}
