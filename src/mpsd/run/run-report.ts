// A run as JSON: what the Runs view exports and the CLI writes with --reporter json. Results only:
// no request headers, so no token can be in it (decision 020); the requests are the presets'.
import { summarize, type RunState, type RunSummary, type StepResult } from './run-steps'

export const RUN_REPORT_TYPE = 'handles-workbench/run-report'
export const RUN_REPORT_VERSION = 1

export type RunReport = {
  type: typeof RUN_REPORT_TYPE
  version: typeof RUN_REPORT_VERSION
  name: string
  status: RunState['status']
  startedAt: string | undefined
  finishedAt: string | undefined
  summary: RunSummary
  /** `ok`: every request was sent and every expectation held. */
  ok: boolean
  results: StepResult[]
}

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString())

export function runPassed(state: RunState): boolean {
  const summary = summarize(state)
  return summary.steps > 0 && summary.passed === summary.steps
}

export function toRunReport(state: RunState, name: string): RunReport {
  return {
    type: RUN_REPORT_TYPE,
    version: RUN_REPORT_VERSION,
    name,
    status: state.status,
    startedAt: iso(state.startedAt),
    finishedAt: iso(state.finishedAt),
    summary: summarize(state),
    ok: runPassed(state),
    results: state.results,
  }
}
