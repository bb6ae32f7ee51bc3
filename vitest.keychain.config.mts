import { defineConfig } from 'vitest/config'

/**
 * Real-keychain tests (`*.keychain-test.ts`), kept out of the main project because they need a
 * D-Bus session with an unlocked gnome-keyring: run them through `npm run test:keychain`
 * (scripts/test-keychain.sh), which provides one.
 */
export default defineConfig({
  test: {
    globals: true,
    environment: 'node',
    include: ['src/main/**/*.keychain-test.ts'],
    // One process per file, one file at a time: the no-bus test drops the bus in its own process.
    pool: 'forks',
    isolate: true,
    fileParallelism: false,
    testTimeout: 30_000,
  },
})
