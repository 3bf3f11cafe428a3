// A run's progress, controls and results table, with the JUnit XML and JSON exports: the run going
// in this tab, or one kept from before (after a reload too, decision 120).
import { Alert } from '../../components/alert'
import type { ListedRun } from '../../data/runs/run-queries'
import { isUnfinished } from '../../data/runs/run-record'
import type { useRunActions } from '../../data/runs/use-run-actions'
import { downloadText } from '../../lib/download'
import { toJunitXml } from '../../mpsd/run/junit'
import { toRunReport } from '../../mpsd/run/run-report'
import { summarize, type RunState, type StepResult } from '../../mpsd/run/run-steps'

const OUTCOME_TEXT: Record<StepResult['outcome'], string> = {
  passed: 'Passed',
  failed: 'Failed',
  error: 'Error',
  notRun: 'Not run',
}

function fileStem(name: string): string {
  return name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'run'
}

/** What the status line says: how far the run got, and how it ended. */
export function runStatusText(state: RunState, here: boolean): string {
  const summary = summarize(state)
  const done = summary.steps - summary.notRun
  switch (state.status) {
    case 'ready':
    case 'running':
      return here
        ? `Running: ${done} of ${summary.steps}`
        : `Running in another tab: ${done} of ${summary.steps}`
    case 'paused':
      return here
        ? `Paused after ${done} of ${summary.steps}`
        : `Paused in another tab after ${done} of ${summary.steps}`
    case 'cancelled':
      return `Cancelled after ${done} of ${summary.steps}`
    case 'interrupted':
      return `Interrupted after ${done} of ${summary.steps}: the page was closed or reloaded while it ran`
    case 'done':
      return `Done: ${summary.passed} passed, ${summary.failed} failed, ${summary.errors} errors`
  }
}

type RunResultsProps = {
  run: ListedRun
  actions: ReturnType<typeof useRunActions>
  /** Why this tab's run could not be kept for after a reload, when it could not. */
  saveError?: string | undefined
}

export function RunResults({ run, actions, saveError }: RunResultsProps) {
  const { state, here } = run
  const summary = summarize(state)
  const done = summary.steps - summary.notRun
  const finished = !isUnfinished(run)
  const status = state.status
  return (
    <section className="panel" aria-label="Run results">
      <h2>Results: {run.name}</h2>
      <progress max={summary.steps} value={done} aria-label="Run progress" />
      <p role="status">{runStatusText(state, here)}</p>
      <div className="button-row">
        {here && status === 'running' ? (
          <button type="button" onClick={actions.pause}>
            Pause
          </button>
        ) : null}
        {here && status === 'paused' ? (
          <button type="button" onClick={actions.resume}>
            Resume
          </button>
        ) : null}
        {here && (status === 'running' || status === 'paused') ? (
          <button type="button" onClick={actions.cancel}>
            Cancel
          </button>
        ) : null}
        <button
          type="button"
          disabled={!finished}
          onClick={() =>
            downloadText(
              `${fileStem(run.name)}.junit.xml`,
              toJunitXml(state, { name: run.name }),
              'application/xml',
            )
          }
        >
          Export JUnit XML
        </button>
        <button
          type="button"
          disabled={!finished}
          onClick={() =>
            downloadText(
              `${fileStem(run.name)}.run.json`,
              `${JSON.stringify(toRunReport(state, run.name), null, 2)}\n`,
            )
          }
        >
          Export JSON
        </button>
        {finished ? (
          <button type="button" onClick={() => actions.remove(run.id)}>
            Delete run
          </button>
        ) : null}
      </div>
      {saveError ? (
        <Alert>
          This run could not be kept for after a reload ({saveError}); its calls are in History.
        </Alert>
      ) : null}
      {finished && summary.failed + summary.errors > 0 ? (
        <Alert>
          {summary.failed} failed and {summary.errors} without an answer, of {summary.steps}.
        </Alert>
      ) : null}
      <table className="runs-table">
        <caption className="visually-hidden">Each request of the run</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            {run.iterations > 1 ? <th scope="col">Row</th> : null}
            <th scope="col">Preset</th>
            <th scope="col">Status</th>
            <th scope="col">Result</th>
            <th scope="col">Expectations</th>
            <th scope="col">Time</th>
          </tr>
        </thead>
        <tbody>
          {state.results.map((result) => (
            <tr key={result.index} data-outcome={result.outcome}>
              <td>{result.index + 1}</td>
              {run.iterations > 1 ? <td>{result.iteration + 1}</td> : null}
              <td>{result.label}</td>
              <td>{result.status ?? '—'}</td>
              <td>{OUTCOME_TEXT[result.outcome]}</td>
              <td>
                {result.error ??
                  result.expectations
                    .map((e) => `${e.passed ? '✓' : '✗'} ${e.label}: ${e.message}`)
                    .join('; ')}
                {result.simRule ? ` (refused by the simulator rule ${result.simRule})` : ''}
              </td>
              <td>
                {result.durationMs === undefined ? '' : `${Math.round(result.durationMs)} ms`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
