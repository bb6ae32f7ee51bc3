/**
 * Paths of the iSales interfaces, built in one place for the client and the simulator (which keeps
 * its own route matching). The campaign id is percent-encoded; the result is also the path that is
 * signed (c2-signer.ts), so it must be byte-identical to the one sent.
 */

export const API_BASE = '/rest/isales/v1/openapi/campaigns'

/** POST: queryDataImportTask for one campaign. */
export function importTasksPath(vdnId: number | string, campaignId: string): string {
  return `${API_BASE}/${vdnId}/calldatafile/queryDataImportTask/${encodeURIComponent(campaignId)}`
}

/** GET: the VDN's campaign list (query string not included). */
export function campaignsPath(vdnId: number | string): string {
  return `${API_BASE}/${vdnId}`
}

/** POST: queryDataImportTask for the VDN's blacklist files (no campaign id). */
export function blacklistTasksPath(vdnId: number | string): string {
  return `${API_BASE}/${vdnId}/blackfile/queryDataImportTask`
}
