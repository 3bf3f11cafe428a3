// A run's progress, controls and results table, with the JUnit XML and JSON exports.
import { useQueryClient } from '@tanstack/react-query'
import { Alert } from '../../components/alert'
import {
  cancelRun,
  clearRun,
  pauseRun,
  resumeRun,
  type RunView,
} from '../../data/runs/run-controller'
import { downloadText } from '../../lib/download'
import { toJunitXml } from '../../mpsd/run/junit'
import { toRunReport } from '../../mpsd/run/run-report'
import { summarize, type StepResult } from '../../mpsd/run/run-steps'

const OUTCOME_TEXT: Record<StepResult['outcome'], string> = {
  passed: 'Passed',
  failed: 'Failed',
  error: 'Error',
  notRun: 'Not run',
}

function fileStem(name: string): string {
  return name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'run'
}

export function RunResults({ run }: { run: RunView }) {
  const queryClient = useQueryClient()
  const { state } = run
  if (!state) return null
  const summary = summarize(state)
  const done = summary.steps - summary.notRun
  const finished = state.status === 'done' || state.status === 'cancelled'
  return (
    <section className="panel" aria-label="Run results">
      <h2>Results</h2>
      <progress max={summary.steps} value={done} aria-label="Run progress" />
      <p role="status">
        {state.status === 'running'
          ? `Running: ${done} of ${summary.steps}`
          : state.status === 'paused'
            ? `Paused after ${done} of ${summary.steps}`
            : state.status === 'cancelled'
              ? `Cancelled after ${done} of ${summary.steps}`
              : `Done: ${summary.passed} passed, ${summary.failed} failed, ${summary.errors} errors`}
      </p>
      <div className="button-row">
        {state.status === 'running' ? (
          <button type="button" onClick={pauseRun}>
            Pause
          </button>
        ) : null}
        {state.status === 'paused' ? (
          <button type="button" onClick={() => void resumeRun(queryClient)}>
            Resume
          </button>
        ) : null}
        {state.status === 'running' || state.status === 'paused' ? (
          <button type="button" onClick={cancelRun}>
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
          <button type="button" onClick={clearRun}>
            Clear results
          </button>
        ) : null}
      </div>
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
