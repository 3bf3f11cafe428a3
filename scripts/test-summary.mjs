// Adds up the JSON reports of Vitest and Playwright into the one line CI reads:
// "N passed, N failed". Exits non-zero when no test ran at all, so an empty run is visible.
import { existsSync, readFileSync } from 'node:fs'

let passed = 0
let failed = 0
let skipped = 0
const parts = []

if (existsSync('test-results/vitest.json')) {
  const v = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'))
  passed += v.numPassedTests
  failed += v.numFailedTests
  skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0)
  parts.push(`vitest ${v.numPassedTests}/${v.numTotalTests}`)
} else {
  parts.push('vitest: no report (did an earlier step fail?)')
}

if (existsSync('test-results/playwright.json')) {
  const p = JSON.parse(readFileSync('test-results/playwright.json', 'utf8'))
  const s = p.stats ?? {}
  passed += (s.expected ?? 0) + (s.flaky ?? 0)
  failed += s.unexpected ?? 0
  skipped += s.skipped ?? 0
  parts.push(
    `playwright ${(s.expected ?? 0) + (s.flaky ?? 0)}/${(s.expected ?? 0) + (s.unexpected ?? 0) + (s.flaky ?? 0)}`,
  )
} else {
  parts.push('playwright: no report')
}

console.log(parts.join('; '))
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
process.exit(passed === 0 || failed > 0 ? 1 : 0)
