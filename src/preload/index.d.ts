export interface IsalesBridge {
  platform: string
}

declare global {
  interface Window {
    isales: IsalesBridge
  }
}
