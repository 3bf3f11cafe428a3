// Startup section: time from navigation start until the "SCID" field exists and is enabled, in a
// fresh browser context per run (empty HTTP cache, empty storage), the Workbench and the floor app
// alternated so drift on a busy machine hits both equally. Measured in the page, so Playwright's
// round trips are not part of the figure.
import type { Browser, Page } from '@playwright/test'
import { newBenchContext } from './browser'
import { median } from './stats'
import type { Figure } from './table'

export const STARTUP_RUNS = 10
export const STARTUP_RATIO_TARGET = 1.3

declare global {
  interface Window {
    __benchScidReady?: number
    __benchFirstRender?: number
  }
}

/** Runs in the page before its own scripts: records performance.now() when SCID becomes usable. */
function watchForScid(): void {
  const ready = (): boolean => {
    for (const label of Array.from(document.querySelectorAll('label'))) {
      if (label.textContent?.trim() !== 'SCID') continue
      const control = label.control
      if (control instanceof HTMLInputElement && !control.disabled && control.isConnected)
        return true
    }
    return false
  }
  const observer = new MutationObserver(() => {
    // When the app first put anything in #root: tells "slow to boot" from "booted, then waited".
    if (
      window.__benchFirstRender === undefined &&
      (document.getElementById('root')?.childElementCount ?? 0) > 0
    ) {
      window.__benchFirstRender = performance.now()
    }
    if (window.__benchScidReady === undefined && ready()) {
      // performance.now() counts from the navigation start of this document.
      window.__benchScidReady = performance.now()
      observer.disconnect()
    }
  })
  observer.observe(document, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['disabled'],
  })
}

export type StartupSample = { scidMs: number; firstRenderMs: number }

export async function timeToScid(browser: Browser, url: string): Promise<StartupSample> {
  const context = await newBenchContext(browser)
  try {
    const page: Page = await context.newPage()
    await page.addInitScript(watchForScid)
    await page.goto(url, { waitUntil: 'commit' })
    await page.waitForFunction(() => window.__benchScidReady !== undefined, undefined, {
      timeout: 30_000,
      polling: 50,
    })
    return await page.evaluate(() => ({
      scidMs: window.__benchScidReady ?? Number.NaN,
      firstRenderMs: window.__benchFirstRender ?? Number.NaN,
    }))
  } finally {
    await context.close()
  }
}

export async function measureStartup(
  browser: Browser,
  appUrl: string,
  floorUrl: string,
): Promise<Figure[]> {
  // One discarded run each: the first request of all pays for the OS file cache and the servers' JIT.
  await timeToScid(browser, appUrl)
  await timeToScid(browser, floorUrl)
  const app: StartupSample[] = []
  const floor: StartupSample[] = []
  for (let i = 0; i < STARTUP_RUNS; i++) {
    // Alternate which goes first so neither always runs right after a GC of the other.
    if (i % 2 === 0) {
      app.push(await timeToScid(browser, appUrl))
      floor.push(await timeToScid(browser, floorUrl))
    } else {
      floor.push(await timeToScid(browser, floorUrl))
      app.push(await timeToScid(browser, appUrl))
    }
  }
  const a = median(app.map((s) => s.scidMs))
  const f = median(floor.map((s) => s.scidMs))
  const runs = (samples: StartupSample[]) => samples.map((s) => s.scidMs.toFixed(0)).join(' ')
  const firstRender = (samples: StartupSample[]) =>
    median(samples.map((s) => s.firstRenderMs)).toFixed(0)
  return [
    {
      section: 'startup',
      figure: `Startup to SCID interactive (median of ${STARTUP_RUNS})`,
      value: a,
      unit: 'ms',
      reference: f,
      referenceLabel: 'floor',
      target: `≤ ${STARTUP_RATIO_TARGET} × floor`,
      pass: a <= STARTUP_RATIO_TARGET * f,
      note:
        `app runs ${runs(app)}; floor runs ${runs(floor)}; ` +
        `median first render into #root: app ${firstRender(app)} ms, floor ${firstRender(floor)} ms`,
    },
  ]
}
