// The run shown: a progress bar, counts with the ETA or the 429 wait, the failures, and the
// "Batch results" table (one row per XUID, skipped ones included).
import { resultRows } from '../../data/batch/batch-csv'
import { isResumable, type BatchCounts, type BatchRun } from '../../data/batch/batch-run'
import { Alert } from '../../components/alert'
import { formatDuration } from './format-duration'

function timeOf(at: number | undefined): string {
  return at === undefined ? '' : new Date(at).toLocaleTimeString()
}

export function BatchProgress({
  run,
  counts,
  driving,
  etaMs,
  now,
}: {
  run: BatchRun
  counts: BatchCounts
  driving: boolean
  etaMs: number | undefined
  now: number
}) {
  const rows = resultRows(run)
  const failed = counts.failed
  return (
    <div className="batch-progress">
      <progress aria-label="Batch progress" max={Math.max(1, counts.total)} value={counts.done} />
      <p role="status" className="muted">
        {counts.done} of {counts.total} done: {counts.sent} sent, {counts.failed} failed
        {counts.cancelled > 0 ? `, ${counts.cancelled} not sent` : ''}
        {etaMs !== undefined && (driving || isResumable(run))
          ? ` · ETA ${formatDuration(etaMs)}`
          : ''}
        {run.state === 'waiting' && run.throttledUntil
          ? ` · waiting ${formatDuration(run.throttledUntil - now)} (429 Retry-After)`
          : ''}
        {run.note ? ` · ${run.note}` : ''}
      </p>
      {!driving && failed > 0 ? (
        <Alert>
          {failed} {failed === 1 ? 'invite' : 'invites'} failed; they are marked in Batch results.
          “Retry failed” sends them again.
        </Alert>
      ) : null}
      <div className="batch-results-scroll">
        <table aria-label="Batch results">
          <thead>
            <tr>
              <th scope="col">XUID</th>
              <th scope="col">Status</th>
              <th scope="col">Handle id or error</th>
              <th scope="col">Time</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr
                key={`${i}-${row.xuid}`}
                className={`batch-row batch-row-${row.kind}`}
                data-kind={row.kind}
              >
                <td className="mono">{row.xuid}</td>
                <td>{row.status}</td>
                <td className={row.kind === 'sent' ? 'mono' : undefined}>{row.detail}</td>
                <td>{timeOf(row.at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}
