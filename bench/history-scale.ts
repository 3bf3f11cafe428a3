// History at scale: /history with 100,000 stored entries against the same view with 100 entries
// (the reference: what the view costs when data is not the problem), both in the same run. Times are
// taken in the page: first row from navigation start, the filter from the select's change event to
// the first paint-ready frame that shows only matching rows.
import type { BrowserContext, Page } from '@playwright/test'
import type { Figure } from './table'

export const FIRST_ROWS_TARGET_MS = 1_000
export const FILTER_TARGET_MS = 1_000
export const DOM_ROWS_TARGET = 100

declare global {
  interface Window {
    __benchFirstRow?: number
  }
}

export type HistoryScaleResult = {
  firstRowMs: number
  filterMs: number
  domRows: number
  heapMB: number
}

/** Runs in the page before its scripts: notes when the first History row with content appears. */
function watchForFirstRow(): void {
  const hasRow = () =>
    document.querySelector('[role="grid"][aria-label="History"] .history-entry button') !== null
  const observer = new MutationObserver(() => {
    if (window.__benchFirstRow === undefined && hasRow()) {
      window.__benchFirstRow = performance.now()
      observer.disconnect()
    }
  })
  observer.observe(document, { childList: true, subtree: true })
}

async function heapMB(page: Page, context: BrowserContext): Promise<number> {
  // CDP gives the exact heap after a full GC; performance.memory would include garbage.
  const cdp = await context.newCDPSession(page)
  try {
    await cdp.send('HeapProfiler.collectGarbage')
    await cdp.send('Performance.enable')
    const { metrics } = await cdp.send('Performance.getMetrics')
    const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value
    if (used === undefined) throw new Error('CDP reported no JSHeapUsedSize')
    return used / 1024 / 1024
  } finally {
    await cdp.detach()
  }
}

/** Opens /history in a new page of a context whose store is already seeded, and measures it. */
export async function measureHistoryView(
  context: BrowserContext,
  appUrl: string,
): Promise<HistoryScaleResult> {
  const page = await context.newPage()
  try {
    await page.addInitScript(watchForFirstRow)
    await page.goto(`${appUrl}/history`, { waitUntil: 'commit' })
    await page.waitForFunction(() => window.__benchFirstRow !== undefined, undefined, {
      timeout: 60_000,
      polling: 50,
    })
    const firstRowMs = await page.evaluate(() => window.__benchFirstRow ?? Number.NaN)
    // The label wraps the select, so its text also holds the option names: match on how it starts.
    const select = await page
      .locator('form[aria-label="Filter history"] label')
      .filter({ hasText: /^\s*Type/ })
      .locator('select')
      .first()
      .elementHandle({ timeout: 10_000 })
    if (!select) throw new Error('no select labelled "Type" on /history')
    const filterMs = await select.evaluate(
      (el, kind) =>
        new Promise<number>((resolve, reject) => {
          const started = performance.now()
          // The native setter and a bubbling change event are what a user's pick produces.
          const setter = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')?.set
          setter?.call(el, kind)
          el.dispatchEvent(new Event('change', { bubbles: true }))
          const check = () => {
            const kinds = Array.from(
              document.querySelectorAll('[role="grid"][aria-label="History"] .history-entry .kind'),
            )
            const loading = document.querySelector(
              '[role="grid"][aria-label="History"] .history-entry .muted',
            )
            if (kinds.length > 0 && !loading && kinds.every((k) => k.textContent === kind))
              resolve(performance.now() - started)
            else if (performance.now() - started > 30_000)
              reject(new Error(`filter to ${kind} did not settle in 30 s`))
            else requestAnimationFrame(check)
          }
          requestAnimationFrame(check)
        }),
      'invite',
    )
    // Let the virtualizer finish its measuring pass before counting what is in the DOM.
    await page.waitForTimeout(300)
    const domRows = await page.locator('.history-entry').count()
    return { firstRowMs, filterMs, domRows, heapMB: await heapMB(page, context) }
  } finally {
    await page.close()
  }
}

export function historyFigures(
  big: HistoryScaleResult,
  small: HistoryScaleResult,
  bigCount: number,
  smallCount: number,
): Figure[] {
  const label = `${smallCount} entries`
  const n = bigCount.toLocaleString('en-US')
  return [
    {
      section: 'history',
      figure: `History first row, from navigation (${n})`,
      value: big.firstRowMs,
      unit: 'ms',
      reference: small.firstRowMs,
      referenceLabel: label,
      target: `≤ ${FIRST_ROWS_TARGET_MS} ms`,
      pass: big.firstRowMs <= FIRST_ROWS_TARGET_MS,
    },
    {
      section: 'history',
      figure: `History filter Type=invite (${n})`,
      value: big.filterMs,
      unit: 'ms',
      reference: small.filterMs,
      referenceLabel: label,
      target: `≤ ${FILTER_TARGET_MS} ms`,
      pass: big.filterMs <= FILTER_TARGET_MS,
    },
    {
      section: 'history',
      figure: `History DOM rows (${n})`,
      value: big.domRows,
      unit: '',
      reference: small.domRows,
      referenceLabel: label,
      target: `≤ ${DOM_ROWS_TARGET}`,
      pass: big.domRows <= DOM_ROWS_TARGET,
    },
    {
      section: 'history',
      figure: `History JS heap after GC (${n})`,
      value: big.heapMB,
      unit: 'MB',
      reference: small.heapMB,
      referenceLabel: label,
      target: 'informative',
    },
  ]
}
