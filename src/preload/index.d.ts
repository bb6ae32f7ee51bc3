import type { IsalesApi } from '../shared/api'

declare global {
  interface Window {
    /** The typed bridge to the main process (see src/shared/api.ts). */
    readonly isales: IsalesApi
  }
}

export {}
