/**
 * `npm run bench`'s window and process parts (bench/*.measure.ts), run by Playwright's runner for
 * its TypeScript loading and the e2e fixtures (e2e/fixtures: the browser harness in Debian's
 * Chromium). One worker, one measurement at a time: they must not share the 2 cores. Not part of
 * `npm test`; bench/run.mjs runs it after building.
 */
import { defineConfig } from '@playwright/test'
import type { Mode } from '../e2e/fixtures/app-controls'
import baseConfig from '../playwright.config'

process.env['TZ'] = 'UTC'

const browserProject = baseConfig.projects?.find((p) => p.name === 'browser')

export default defineConfig<{ mode: Mode }>({
  testDir: '.',
  testMatch: /.*\.measure\.ts$/,
  outputDir: '../test-results/bench',
  reporter: [['list']],
  workers: 1,
  fullyParallel: false,
  retries: 0,
  // Loading 100,000 tasks through the harness takes minutes on 2 busy cores (over ten at a load
  // average of 30): the bench's own length is bounded by what it measures, not by a budget.
  timeout: 90 * 60_000,
  expect: { timeout: 600_000 },
  globalTeardown: './write-report.ts',
  use: {
    ...baseConfig.use,
    actionTimeout: 600_000,
    mode: 'browser',
    ...(browserProject?.use?.launchOptions
      ? { launchOptions: browserProject.use.launchOptions }
      : {}),
  },
})
