import { msg, type MessageParam } from './messages'

/**
 * Blacklist imports (the blackfile interface) are shown as one more "campaign" per profile, under a
 * reserved campaign id rather than a separate `kind` field next to every campaign id. The id already
 * keys every layer — watch keys, cache files, refresh events, alerts, mutes, overview rows, the
 * window's stores, filters and export — so one reserved value passes through all of them unchanged,
 * and only the few places that must tell the two apart ask `isBlacklist`: which interface a fetch
 * calls (main/monitor/campaign-fetch.ts) and the name shown for it. A `kind` field would have to be
 * threaded through each of those keys and payloads for the same effect.
 *
 * It cannot be mistaken for a real campaign: iSales campaign ids are integers in every other
 * interface, and '#' is not a character any of them carries; the id is also longer than any the
 * campaign list returns. Typing it into a profile's campaign list means "watch the blacklist imports".
 */
export const BLACKLIST_CAMPAIGN_ID = '#blacklist'

export function isBlacklist(campaignId: string): boolean {
  return campaignId === BLACKLIST_CAMPAIGN_ID
}

/** A campaign's own name in main's texts: its label, else its id. */
function labelOrId(c: { id: string; label: string }): string {
  return c.label.trim() !== '' ? c.label.trim() : c.id
}

/**
 * What the supervisor calls a watched campaign in main's texts (alerts, notifications): its label,
 * else its id; the blacklist always by its name, in the reader's language.
 */
export function campaignName(c: { id: string; label: string }): MessageParam {
  return isBlacklist(c.id) ? msg('blacklistImports') : labelOrId(c)
}

/** A server's watched campaigns named in one text (the server-wide alerts). */
export function campaignNames(cs: readonly { id: string; label: string }[]): MessageParam {
  const names = cs
    .filter((c) => !isBlacklist(c.id))
    .map(labelOrId)
    .join(', ')
  if (!cs.some((c) => isBlacklist(c.id))) return names
  return names === '' ? msg('blacklistImports') : msg('campaignsAndBlacklist', { campaigns: names })
}
