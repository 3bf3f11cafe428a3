// Send invites, and what can be done with the run shown: Pause, Resume, Cancel, Retry failed,
// Export CSV; with why the last of these failed.
import type { BatchRun } from '../../data/batch/batch-run'
import { batchResultsCsv } from '../../data/batch/batch-csv'
import type { useBatchActions } from '../../data/batch/use-batch-actions'
import { isResumable } from '../../data/batch/batch-run'
import { downloadText } from '../../lib/download'
import { Alert } from '../../components/alert'

export function BatchControls({
  run,
  driving,
  canSend,
  failed,
  onSend,
  actions,
}: {
  run: BatchRun | null
  driving: boolean
  canSend: boolean
  failed: number
  onSend: () => void
  actions: ReturnType<typeof useBatchActions>
}) {
  return (
    <>
      <div className="button-row">
        <button type="button" className="primary" disabled={!canSend} onClick={onSend}>
          Send invites
        </button>
        {driving ? (
          <button type="button" onClick={actions.pause}>
            Pause
          </button>
        ) : null}
        {!driving && run && isResumable(run) ? (
          <button type="button" onClick={() => actions.resume(run)}>
            Resume
          </button>
        ) : null}
        {driving || (run && isResumable(run)) ? (
          <button type="button" className="danger" onClick={() => actions.cancel(run ?? undefined)}>
            Cancel
          </button>
        ) : null}
        {!driving && run && failed > 0 ? (
          <button type="button" onClick={() => actions.retryFailed(run)}>
            Retry failed
          </button>
        ) : null}
        {run ? (
          <button
            type="button"
            onClick={() =>
              downloadText(
                `batch-results-${new Date(run.createdAt).toISOString().slice(0, 19).replaceAll(':', '-')}.csv`,
                batchResultsCsv(run),
                'text/csv',
              )
            }
          >
            Export CSV
          </button>
        ) : null}
      </div>
      {actions.error ? <Alert>{actions.error}</Alert> : null}
    </>
  )
}
