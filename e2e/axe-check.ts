// axe-core in the page (the dev dependency's axe.min.js, injected): every serious or critical
// violation of the WCAG 2.x A/AA rules, as lines naming the rule and the elements.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'

// Playwright runs from the repository's root. The page's CSP (script-src 'self') refuses a
// <script> tag added by page.addScriptTag; an evaluated script is the devtools' and is allowed,
// so the page under test keeps its real policy.
const axeSource = readFileSync(join(process.cwd(), 'node_modules/axe-core/axe.min.js'), 'utf8')

type AxeResult = {
  violations: Array<{
    id: string
    impact: string | null
    help: string
    nodes: Array<{ target: unknown[]; failureSummary?: string }>
  }>
}

export async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource)
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<unknown> } })
      .axe
    return (await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    })) as AxeResult
  })
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 5)
          .map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`)
          .join('; ')}`,
    )
}
