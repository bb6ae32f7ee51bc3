/**
 * Screenshots of the main screens: always written to test-results/screenshots/<name>.png; with
 * E2E_UPDATE_SCREENSHOTS=1 also copied to docs/screenshots/ (the README shows those).
 */
import { copyFile, mkdir } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { Page } from '@playwright/test'

const ROOT = resolve(__dirname, '../..')
export const SCREENSHOT_DIR = join(ROOT, 'test-results/screenshots')
export const DOCS_SCREENSHOT_DIR = join(ROOT, 'docs/screenshots')

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`Screenshot names are kebab-case: ${name}`)
  await mkdir(SCREENSHOT_DIR, { recursive: true })
  const file = join(SCREENSHOT_DIR, `${name}.png`)
  // Stable pictures: no caret, no running animations.
  await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' })
  if (process.env['E2E_UPDATE_SCREENSHOTS'] === '1') {
    await mkdir(DOCS_SCREENSHOT_DIR, { recursive: true })
    await copyFile(file, join(DOCS_SCREENSHOT_DIR, `${name}.png`))
  }
  return file
}
