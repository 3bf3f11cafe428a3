// Send invites, and what can be done with the run shown: Pause and Cancel while it sends; Resume or
// "Discard run" (after a confirmation) while it waits, and nothing new starts until one is chosen;
// Retry failed, Export CSV; with why the last of these failed.
import { useState } from 'react'
import type { BatchRun } from '../../data/batch/batch-run'
import { batchResultsCsv } from '../../data/batch/batch-csv'
import type { useBatchActions } from '../../data/batch/use-batch-actions'
import { downloadText } from '../../lib/download'
import { Alert } from '../../components/alert'
import { DiscardRunDialog, type DiscardInfo } from './discard-run-dialog'

export function BatchControls({
  run,
  driving,
  resumable,
  canSend,
  failed,
  blockedNotice,
  requestNote,
  discardInfo,
  onSend,
  onResume,
  onDiscard,
  actions,
}: {
  run: BatchRun | null
  driving: boolean
  /** The run shown can be resumed (paused, or stopped by a reload), and this tab is not sending. */
  resumable: boolean
  canSend: boolean
  failed: number
  /** Why "Send invites" did not start a batch: a run to resume or discard first. */
  blockedNotice: string | undefined
  /** The form no longer matches what the run sends. */
  requestNote: string | undefined
  discardInfo: DiscardInfo | undefined
  onSend: () => void
  onResume: (run: BatchRun) => void
  onDiscard: (run: BatchRun) => void
  actions: ReturnType<typeof useBatchActions>
}) {
  const [confirmingDiscard, setConfirmingDiscard] = useState(false)
  return (
    <>
      <div className="button-row">
        <button type="button" className="primary" disabled={!canSend} onClick={onSend}>
          Send invites
        </button>
        {driving ? (
          <>
            <button type="button" onClick={actions.pause}>
              Pause
            </button>
            <button type="button" className="danger" onClick={actions.cancel}>
              Cancel
            </button>
          </>
        ) : null}
        {run && resumable ? (
          <>
            <button type="button" disabled={actions.pending} onClick={() => onResume(run)}>
              Resume
            </button>
            <button
              type="button"
              className="danger"
              disabled={actions.pending}
              onClick={() => setConfirmingDiscard(true)}
            >
              Discard run
            </button>
          </>
        ) : null}
        {!driving && run && failed > 0 ? (
          <button type="button" disabled={actions.pending} onClick={() => actions.retryFailed(run)}>
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
      {blockedNotice ? <Alert>{blockedNotice}</Alert> : null}
      {requestNote ? <p className="notice">{requestNote}</p> : null}
      {actions.error ? <Alert>{actions.error}</Alert> : null}
      <DiscardRunDialog
        open={confirmingDiscard && run !== null && resumable}
        info={discardInfo}
        onConfirm={() => {
          setConfirmingDiscard(false)
          if (run) onDiscard(run)
        }}
        onCancel={() => setConfirmingDiscard(false)}
      />
    </>
  )
}
