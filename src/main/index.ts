/**
 * The Electron main process: the built files' places, then the lifecycle (app/main-process.ts).
 * Services come from the composition root, every IPC call goes through the validated dispatcher,
 * the window is served from app://bundle and hardens itself (window/).
 */
import { join } from 'node:path'
import { runMainProcess } from './app/main-process'

// This file is bundled as out/main/index.js: the preload and the renderer are its siblings.
runMainProcess({
  preloadFile: join(__dirname, '../preload/index.js'),
  rendererDir: join(__dirname, '../renderer'),
})
