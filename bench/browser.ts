// Headless Chromium for the browser sections: the Debian build, not a Playwright download, with the
// background services off so they do not compete with the page for the two cores.
import { chromium, type Browser, type BrowserContext } from '@playwright/test'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const CHROMIUM_PATH = process.env.BENCH_CHROMIUM ?? '/usr/bin/chromium'

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // Exact JS heap figures instead of the bucketed ones performance.memory gives by default.
  '--enable-precise-memory-info',
]

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ARGS })
}

const NAME_SHIM = 'globalThis.__name = (fn) => fn'

/**
 * A fresh context (empty cache and storage) whose pages define `__name`. tsx compiles this bench
 * with esbuild's keepNames, which wraps inner functions in `__name(fn, "name")` calls; functions we
 * hand to page.evaluate or addInitScript are serialised with those calls, so the page needs the
 * helper too. It is a one-line identity function, negligible next to what is measured.
 */
export async function newBenchContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext()
  await context.addInitScript({ content: NAME_SHIM })
  return context
}

export type DiskContext = { context: BrowserContext; close: () => Promise<void> }

/**
 * A context with its profile on disk, for the seeded History sections. An ordinary (incognito)
 * context keeps IndexedDB in memory, where writing 100,000 records took 4.5 minutes on the bench
 * machine against about 40 s on disk; the app's users have on-disk profiles too.
 */
export async function launchDiskContext(): Promise<DiskContext> {
  const dir = mkdtempSync(join(tmpdir(), 'workbench-bench-'))
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
  })
  await context.addInitScript({ content: NAME_SHIM })
  return {
    context,
    close: async () => {
      await context.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
