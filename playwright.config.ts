/**
 * End-to-end tests (e2e/). Two projects run the same specs:
 * - browser: the built renderer in Debian's Chromium with the real main-process services in the
 *   test process (e2e/fixtures/harness.ts). Never downloads a browser.
 * - electron: the built app through _electron.launch, where an Electron binary is installed
 *   (e2e/fixtures/electron.ts); elsewhere its tests skip with one printed reason.
 * Run `npm run test:e2e` (builds first, uses the real keychain when gnome-keyring is available).
 */
import { defineConfig } from '@playwright/test'
import type { Mode } from './e2e/fixtures/app-controls'

// The test process parses server times without an offset as local time, as the app does; the
// simulator writes them in UTC. One zone for the app under test, the oracle and the browser.
process.env['TZ'] = 'UTC'

const CHROMIUM = process.env['E2E_CHROMIUM'] ?? '/usr/bin/chromium'

export default defineConfig<{ mode: Mode }>({
  testDir: 'e2e',
  outputDir: 'test-results',
  reporter: [['list']],
  workers: 2,
  fullyParallel: true,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env['CI'],
  use: {
    actionTimeout: 10_000,
    locale: 'en-US',
    colorScheme: 'light',
    timezoneId: 'UTC',
  },
  projects: [
    {
      name: 'browser',
      use: {
        mode: 'browser',
        launchOptions: {
          executablePath: CHROMIUM,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--disable-quic',
            // Keeps Chromium's own password store out of the test keyring.
            '--password-store=basic',
          ],
        },
      },
    },
    { name: 'electron', use: { mode: 'electron' } },
  ],
})
