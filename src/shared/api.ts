/**
 * The window's API (`window.isales`): named functions over the contract's channels, plus event
 * subscriptions. Built from a factory that takes `invoke`, so the preload (over Electron IPC) and
 * the end-to-end harness (over Playwright's exposeBinding) run the same code.
 * Type-only imports from the contract keep zod out of the sandboxed preload bundle.
 */
import type { ArgsOf, Channel, ChannelResults, EventName, EventPayloads, Result } from './contract'

export const METHODS = {
  appInfo: 'app:info',
  openLogFolder: 'app:openLogFolder',
  getSettings: 'settings:get',
  updateSettings: 'settings:update',
  listProfiles: 'profiles:list',
  saveProfile: 'profiles:save',
  deleteProfile: 'profiles:delete',
  exportProfiles: 'profiles:export',
  importProfiles: 'profiles:import',
  startDemo: 'demo:start',
  clearSecret: 'secrets:clear',
  probeCertificate: 'tls:probe',
  trustCertificate: 'tls:trust',
  pickCaFile: 'tls:pickCaFile',
  listRemoteCampaigns: 'campaigns:listRemote',
  testConnection: 'profiles:test',
  listDraftCampaigns: 'campaigns:listDraft',
  cachedTasks: 'tasks:cached',
  refreshTasks: 'tasks:refresh',
  cancelRefresh: 'tasks:cancel',
  stopRefresh: 'tasks:stop',
  openCampaign: 'tasks:open',
  exportCsv: 'export:csv',
  showInFolder: 'export:showInFolder',
  listAlerts: 'alerts:list',
  acknowledgeAlerts: 'alerts:acknowledge',
  muteCampaign: 'alerts:mute',
  getOverview: 'overview:get',
} as const satisfies Record<string, Channel>

/** The events the window receives ('tasks:updated' stays in main: the window gets 'tasks:changed'). */
export const EVENTS = {
  onTasksChanged: 'tasks:changed',
  onTasksProgress: 'tasks:progress',
  onConnectivityChanged: 'connectivity:changed',
  onRefreshScheduled: 'refresh:scheduled',
  onRefreshRunning: 'refresh:running',
  onProfilesChanged: 'profiles:changed',
  onAlertsChanged: 'alerts:changed',
  onOverviewUpdated: 'overview:updated',
} as const satisfies Record<string, EventName>

type Methods = typeof METHODS
type Events = typeof EVENTS

type MethodFn<C extends Channel> = keyof ArgsOf<C> extends never
  ? () => Promise<Result<ChannelResults[C]>>
  : (args: ArgsOf<C>) => Promise<Result<ChannelResults[C]>>

export type IsalesApi = { readonly [K in keyof Methods]: MethodFn<Methods[K]> } & {
  readonly [K in keyof Events]: (
    listener: (payload: EventPayloads[Events[K]]) => void,
  ) => () => void
}

export type Invoke = (channel: Channel, args: unknown) => Promise<unknown>
export type Subscribe = (event: EventName, listener: (payload: unknown) => void) => () => void

export function createIsalesApi(invoke: Invoke, subscribe: Subscribe): IsalesApi {
  const api: Record<string, unknown> = {}
  for (const [name, channel] of Object.entries(METHODS)) {
    api[name] = (args?: unknown) => invoke(channel, args ?? {})
  }
  for (const [name, event] of Object.entries(EVENTS)) {
    api[name] = (listener: (payload: unknown) => void) => subscribe(event, listener)
  }
  return Object.freeze(api) as IsalesApi
}
