import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { MAX_IN_FLIGHT_PER_SERVER } from '../../shared/limits'
import { SETTINGS } from '../../shared/settings'
import { OFFLINE_FIRST_DELAY_MS, OFFLINE_MAX_DELAY_MS, OFFLINE_MAX_RETRY_AFTER_MS } from './backoff'
import { OUTAGE_PROBE_INTERVAL_MS } from './outage-probe'
import { HALT_AFTER_IDENTICAL_FAILURES } from './outcome'

/**
 * Every number README.md states about refresh, back-off and halting is the code's: a change to
 * either side without the other fails here.
 */

const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8').replace(/\s+/g, ' ')

const sec = (ms: number) => ms / 1000
const min = (ms: number) => ms / 60_000

describe('README numbers', () => {
  it('the offline back-off and the Retry-After cap are the ones backoff.ts uses', () => {
    expect(readme).toContain(
      `retries with back-off (${sec(OFFLINE_FIRST_DELAY_MS)} s up to ${min(OFFLINE_MAX_DELAY_MS)} min;`,
    )
    expect(readme).toContain(
      `a server's Retry-After is honoured up to ${min(OFFLINE_MAX_RETRY_AFTER_MS)} min too`,
    )
  })

  it('the outage probe interval and the halt count are the monitor’s', () => {
    expect(readme).toContain(
      `probes it every ${sec(OUTAGE_PROBE_INTERVAL_MS)} s with one 1-row request`,
    )
    expect(readme).toContain(`after ${HALT_AFTER_IDENTICAL_FAILURES} identical failures in a row`)
  })

  it('the poll intervals and the in-flight limit are the settings’ and limits’', () => {
    const fast = SETTINGS.refreshIntervalSec
    const idle = SETTINGS.idleCheckIntervalSec
    expect(readme).toContain(
      `every ${fast.default} s (configurable, at least ${fast.min} s), the others every ${idle.default / 60} minutes (configurable, ${idle.min} s to ${idle.max / 3600} hour)`,
    )
    expect(readme).toContain(`at most ${MAX_IN_FLIGHT_PER_SERVER} requests in flight per server`)
  })
})
