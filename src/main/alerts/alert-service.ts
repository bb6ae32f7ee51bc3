/**
 * The one home for alerts and desktop notifications. It watches what main already sends the
 * window (observe() wraps the emit the monitor and the handlers use), asks AlertRules what the
 * events mean, keeps today's alerts (since local midnight, in memory) for the window's list, and
 * raises the desktop notifications: one per event, none for a muted campaign, none with the
 * `notifications` setting off.
 */
import type { Alert } from '../../shared/alerts'
import type { Emit, EventName, EventPayloads } from '../../shared/contract'
import { localDayStart } from '../../shared/day-health'
import { formatRef, mainText, type MessageLocale } from '../../shared/messages'
import type { ServerProfile } from '../../shared/profile'
import type { Settings } from '../../shared/settings'
import { AlertRules, type RaisedAlert, type RuleContext } from './alert-rules'
import { endedNotification, type NotificationText } from './ended-notification'

export interface AlertServiceOptions {
  /** Sends to the window (alerts:changed). */
  emit: Emit
  notify(notification: NotificationText): void
  settings(): Settings
  /** The window's language, for the desktop notifications. */
  locale(): MessageLocale
  /** The profile, or undefined when there is none with this id. */
  findProfile(id: string): ServerProfile | undefined
  log: { warn(message: string, meta?: Record<string, unknown>): void }
  now?: () => number
}

/** More than a day's worth would be noise; the oldest go first. */
const MAX_ALERTS = 500

export class AlertService {
  readonly #o: AlertServiceOptions
  readonly #rules = new AlertRules()
  #alerts: Alert[] = []
  #nextId = 1

  constructor(options: AlertServiceOptions) {
    this.#o = options
  }

  /** An emit that sends as `emit` does, then looks at what was sent. */
  observe(emit: Emit): Emit {
    return (event, payload) => {
      emit(event, payload)
      try {
        this.#seen(event, payload)
      } catch (error) {
        // An alert that cannot be decided must not stop the event that carried it.
        this.#o.log.warn('Alert not decided', { event, error })
      }
    }
  }

  /** Today's alerts, newest first. */
  list(): Alert[] {
    const since = localDayStart(this.#now())
    const today = this.#alerts.filter((a) => a.at >= since)
    if (today.length !== this.#alerts.length) this.#alerts = today
    return today.slice().reverse()
  }

  /** Marks the alerts named (all of today's without ids) as seen. */
  acknowledge(ids?: readonly string[]): Alert[] {
    const chosen = ids ? new Set(ids) : null
    let changed = false
    this.#alerts = this.#alerts.map((a) => {
      if (a.acknowledged || (chosen && !chosen.has(a.id))) return a
      changed = true
      return { ...a, acknowledged: true }
    })
    const list = this.list()
    if (changed) this.#o.emit('alerts:changed', list)
    return list
  }

  #seen<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    const ctx = this.#context()
    if (event === 'tasks:updated') {
      const verdict = this.#rules.onSnapshot(payload as EventPayloads['tasks:updated'], ctx)
      if (!verdict) return
      this.#add(verdict.alerts)
      const text = endedNotification(verdict.where, verdict.ended, this.#o.locale())
      if (text && !verdict.muted) this.#notify(text)
      // A failed import is in the summary above; a stuck one has its own notification.
      for (const a of verdict.alerts) if (a.kind === 'importStuck') this.#notifyAlert(a)
    } else if (event === 'connectivity:changed') {
      const alert = this.#rules.onConnectivity(
        payload as EventPayloads['connectivity:changed'],
        ctx,
      )
      if (!alert) return
      this.#add([alert])
      this.#notifyAlert(alert)
    } else if (event === 'profiles:changed') {
      const views = payload as EventPayloads['profiles:changed']
      this.#rules.keepProfiles(new Set(views.map((p) => p.id)))
    }
  }

  #add(raised: readonly RaisedAlert[]): void {
    if (raised.length === 0) return
    const at = this.#now()
    for (const r of raised) {
      this.#alerts.push({
        id: `${at}-${this.#nextId++}`,
        kind: r.kind,
        at,
        profileId: r.profileId,
        campaignId: r.campaignId,
        title: mainText(r.title),
        body: mainText(r.body),
        acknowledged: false,
      })
    }
    if (this.#alerts.length > MAX_ALERTS) this.#alerts = this.#alerts.slice(-MAX_ALERTS)
    this.#o.emit('alerts:changed', this.list())
  }

  #notifyAlert(alert: RaisedAlert): void {
    if (alert.muted) return
    const locale = this.#o.locale()
    this.#notify({ title: formatRef(locale, alert.title), body: formatRef(locale, alert.body) })
  }

  #notify(text: NotificationText): void {
    if (this.#o.settings().notifications) this.#o.notify(text)
  }

  #context(): RuleContext {
    return {
      now: this.#now(),
      settings: this.#o.settings(),
      profile: (id) => this.#o.findProfile(id),
    }
  }

  #now(): number {
    return (this.#o.now ?? Date.now)()
  }
}
