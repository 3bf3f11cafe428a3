// A run as JUnit XML, the format CI servers (Jenkins, GitLab, GitHub Actions' test reporters)
// read: one <testsuite> per iteration (data row), one <testcase> per request. A failed
// expectation is a <failure> (the check did not hold), a call without an answer an <error>, a
// request the run never reached <skipped>. Checked in tests against the JUnit report schema
// (src/testing/fixtures/junit.xsd).
import type { RunState, StepResult } from './run-steps'

/** XML 1.0 allows no control characters but tab, LF and CR, escaped or not: they are dropped. */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g

export function xmlEscape(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;')
}

const seconds = (ms: number | undefined) => ((ms ?? 0) / 1000).toFixed(3)

function testcase(result: StepResult, classname: string): string {
  const attrs = `name="${xmlEscape(result.label)}" classname="${xmlEscape(classname)}" time="${seconds(result.durationMs)}"`
  const lines = result.expectations.map(
    (e) => `${e.passed ? 'PASS' : 'FAIL'} ${e.label}: ${e.message}`,
  )
  const call = `${result.method} ${result.path}${result.status ? ` -> ${result.status}` : ''}`
  const out = `      <system-out>${xmlEscape([call, ...lines].join('\n'))}</system-out>\n`
  switch (result.outcome) {
    case 'passed':
      return `    <testcase ${attrs}>\n${out}    </testcase>\n`
    case 'failed': {
      const failed = result.expectations.filter((e) => !e.passed)
      const message = failed.map((e) => `${e.label}: ${e.message}`).join('; ')
      return `    <testcase ${attrs}>\n      <failure type="expectation" message="${xmlEscape(message)}">${xmlEscape(failed.map((e) => `${e.label}: ${e.message}`).join('\n'))}</failure>\n${out}    </testcase>\n`
    }
    case 'error':
      return `    <testcase ${attrs}>\n      <error type="no-answer" message="${xmlEscape(result.error ?? 'No answer')}">${xmlEscape(result.error ?? '')}</error>\n${out}    </testcase>\n`
    case 'notRun':
      // A note on a step not run says why (a run cut off by a closed page: src/data/runs).
      return `    <testcase ${attrs}>\n      <skipped message="${xmlEscape(result.error ?? 'Not run: the run was cancelled or stopped before it')}" />\n    </testcase>\n`
  }
}

export type JunitOptions = {
  /** The run's name: the presets file, or "Handles Workbench run". */
  name: string
  /** Names of the iterations (data rows), e.g. "row 1"; default "row N" / the run's name. */
  iterationName?: (iteration: number) => string
}

export function toJunitXml(state: RunState, options: JunitOptions): string {
  const iterations = [...new Set(state.results.map((r) => r.iteration))].sort((a, b) => a - b)
  const count = (results: StepResult[], outcome: StepResult['outcome']) =>
    results.filter((r) => r.outcome === outcome).length
  const total = (results: StepResult[]) => results.reduce((sum, r) => sum + (r.durationMs ?? 0), 0)
  const timestamp = new Date(state.startedAt ?? Date.now()).toISOString().replace(/\.\d{3}Z$/, '')
  const suites = iterations.map((iteration) => {
    const results = state.results.filter((r) => r.iteration === iteration)
    const name =
      options.iterationName?.(iteration) ??
      (iterations.length > 1 ? `${options.name}, row ${iteration + 1}` : options.name)
    const cases = results.map((r) => testcase(r, name)).join('')
    return `  <testsuite name="${xmlEscape(name)}" tests="${results.length}" failures="${count(results, 'failed')}" errors="${count(results, 'error')}" skipped="${count(results, 'notRun')}" time="${seconds(total(results))}" timestamp="${timestamp}" id="${iteration}" package="handles-workbench">\n${cases}  </testsuite>\n`
  })
  const all = state.results
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${xmlEscape(options.name)}" tests="${all.length}" failures="${count(all, 'failed')}" errors="${count(all, 'error')}" time="${seconds(total(all))}">\n${suites.join('')}</testsuites>\n`
}
