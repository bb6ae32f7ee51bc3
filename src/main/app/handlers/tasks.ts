import type { Handlers } from '../../ipc/registry'
import type { AppServices } from './services'

/**
 * A campaign's tasks: from the cache, refreshed on demand (cancelled when the window goes). The
 * lists go through the window feed: tasks:cached answers the whole list with its version, and a
 * refresh only its version and outcome (the tasks went out as the 'tasks:changed' event).
 */
export function taskHandlers({
  monitor,
  feed,
}: Pick<AppServices, 'monitor' | 'feed'>): Pick<
  Handlers,
  'tasks:cached' | 'tasks:refresh' | 'tasks:cancel' | 'tasks:stop' | 'tasks:open'
> {
  return {
    'tasks:cached': async ({ profileId, campaignId }) =>
      feed.cached(await monitor.cached(profileId, campaignId)),
    'tasks:refresh': async ({ profileId, campaignId, requestId }, ctx) => {
      const onAbort = () => monitor.cancel(requestId)
      ctx.signal?.addEventListener('abort', onAbort, { once: true })
      try {
        return feed.receipt(await monitor.refresh(profileId, campaignId, requestId))
      } finally {
        ctx.signal?.removeEventListener('abort', onAbort)
      }
    },
    'tasks:cancel': async ({ requestId }) => {
      monitor.cancel(requestId)
      return null
    },
    'tasks:stop': async ({ profileId, campaignId }) => {
      monitor.stopRefresh(profileId, campaignId)
      return null
    },
    'tasks:open': async ({ campaign }) => {
      monitor.open(campaign)
      return null
    },
  }
}
