import { contextBridge } from 'electron'

// The bridge grows into the typed contract in src/shared; the renderer never sees ipcRenderer.
contextBridge.exposeInMainWorld('isales', {
  platform: process.platform,
})
