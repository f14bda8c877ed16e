/**
 * Debian's chromium, driven through playwright-core: a headless browser
 * with a throw-away profile, for the tests that need a real one.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium as playwright, type BrowserContext } from 'playwright-core'
import { chromium } from './system.js'

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

/** A running browser and the way to close it (which also removes its profile). */
export interface Browser {
  readonly context: BrowserContext
  readonly close: () => Promise<void>
}

/** Starts chromium with a fresh profile and no network of its own. */
export const launchChromium = async (viewport = { width: 1280, height: 900 }): Promise<Browser> => {
  const profile = mkdtempSync(join(tmpdir(), 'nabla-chromium-'))
  const context = await playwright.launchPersistentContext(profile, {
    executablePath: chromium.path,
    args: ARGS,
    headless: true,
    viewport,
  })
  return {
    context,
    close: async () => {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}
