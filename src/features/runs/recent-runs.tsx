// The runs kept in this browser, newest first (the last 20, decision 120): when each started, how it
// ended, and a button that shows its results (and exports) in the panel beside.
import { RelativeTime } from '../../components/relative-time'
import type { ListedRun } from '../../data/runs/run-queries'
import { runStatusText } from './run-results'

type RecentRunsProps = {
  runs: readonly ListedRun[]
  shownId: string | undefined
  onShow: (id: string) => void
}

export function RecentRuns({ runs, shownId, onShow }: RecentRunsProps) {
  return (
    <section className="panel" aria-labelledby="recent-runs-heading">
      <h2 id="recent-runs-heading">Recent runs</h2>
      {runs.length === 0 ? (
        <p className="muted">No runs yet: the last 20 are kept here, across reloads.</p>
      ) : (
        <table className="runs-table" aria-labelledby="recent-runs-heading">
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Started</th>
              <th scope="col">Result</th>
              <th scope="col">
                <span className="visually-hidden">Results</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.id} aria-current={run.id === shownId ? 'true' : undefined}>
                <td>{run.name}</td>
                <td>
                  <RelativeTime time={run.state.startedAt ?? run.createdAt} />
                </td>
                <td>{runStatusText(run.state, run.here)}</td>
                <td>
                  <button
                    type="button"
                    aria-pressed={run.id === shownId}
                    aria-label={`Show the results of ${run.name}`}
                    onClick={() => onShow(run.id)}
                  >
                    Show
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
