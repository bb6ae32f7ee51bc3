import { chmod } from 'node:fs/promises'
import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import vue from '@vitejs/plugin-vue'

const shared = { '@shared': resolve(__dirname, 'src/shared') }

/** The CLI is package.json's `bin`: it must start with a shebang and be executable. */
const CLI_SHEBANG = '#!/usr/bin/env node'

function executableCli(): Plugin {
  return {
    name: 'isales-executable-cli',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir ?? resolve(__dirname, 'out/main')
      for (const file of Object.values(bundle)) {
        if (file.type === 'chunk' && file.isEntry && file.name === 'cli') {
          await chmod(resolve(dir, file.fileName), 0o755)
        }
      }
    },
  }
}

export default defineConfig({
  main: {
    resolve: { alias: shared },
    build: {
      // undici and zod are bundled in: one file loads in half the time of their hundreds of files
      // in node_modules (the CLI starts in 0.18 s instead of 0.37 s; the app's main alike).
      externalizeDeps: { exclude: ['undici', 'zod'] },
      rollupOptions: {
        // index: the Electron main process; cli and simulator: plain-Node entry points that
        // share the same client code and run without Electron.
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          cli: resolve(__dirname, 'src/main/cli/main.ts'),
          simulator: resolve(__dirname, 'src/main/simulator/main.ts'),
        },
        output: {
          // Only the CLI entry gets the shebang (a shebang in a shared chunk would break require).
          banner: (chunk) => (chunk.isEntry && chunk.name === 'cli' ? CLI_SHEBANG : ''),
        },
      },
    },
    plugins: [executableCli()],
  },
  preload: {
    resolve: { alias: shared },
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        // A sandboxed preload must be one CommonJS file that imports only `electron`.
        output: { format: 'cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    resolve: {
      alias: { ...shared, '@renderer': resolve(__dirname, 'src/renderer/src') },
    },
    plugins: [vue()],
    // The window loads from disk, but a smaller bundle still starts faster on old workstations.
    build: { minify: true },
    define: {
      __VUE_I18N_FULL_INSTALL__: true,
      __VUE_I18N_LEGACY_API__: false,
      __INTLIFY_PROD_DEVTOOLS__: false,
    },
  },
})
