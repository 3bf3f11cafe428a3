// "Batch invites", a tab of Compose's request pane: many XUIDs, one POST /handles each through the
// normal Send path, paced to MPSD's budget, with a meter, ETA, progress, Pause/Cancel,
// Resume/"Discard run", "Retry failed" and the "Batch results" table. Its tab opens it.
// State and actions are in useBatchPanel; the parts below only render them.
import { useId, useSyncExternalStore } from 'react'
import { useLatestBatchRun } from '../../data/batch/batch-queries'
import { isResumable, type BatchRun } from '../../data/batch/batch-run'
import { getLiveBatch, subscribeBatch } from '../../data/batch/batch-controller'
import type { InviteRequest } from '../../mpsd/request-entity'
import { useBatchPanel } from './use-batch-panel'
import { XuidsField } from './xuids-field'
import { PacingFields } from './pacing-fields'
import { BudgetMeters } from './budget-meters'
import { BatchChecks } from './batch-checks'
import { BatchControls } from './batch-controls'
import { BatchProgress } from './batch-progress'
import { commandsOffIn } from '../../lib/commands'

/**
 * The run to show: the one this tab sends; else the newer copy of this tab's last run and the
 * stored one (another tab may have resumed or discarded it), or the stored run the store picks
 * (a resumable one first) when they differ.
 */
function shownRun(live: ReturnType<typeof getLiveBatch>, stored: BatchRun | null): BatchRun | null {
  if (!live) return stored
  if (live.controller || !stored) return live.run
  if (live.run.id === stored.id) return stored.updatedAt >= live.run.updatedAt ? stored : live.run
  return isResumable(stored) || stored.createdAt > live.run.createdAt ? stored : live.run
}

export function BatchPanel({ request }: { request: InviteRequest }) {
  const live = useSyncExternalStore(subscribeBatch, getLiveBatch)
  const latest = useLatestBatchRun()
  const run = shownRun(live, latest.data ?? null)
  const driving = live?.controller !== undefined
  const headingId = useId()
  return (
    // Its fields are the batch's, not the composed request's: Ctrl/Cmd+Enter here sends nothing.
    <section className="batch-panel" aria-labelledby={headingId} {...commandsOffIn('send')}>
      {/* Its tab shows the name; the heading keeps the region named for a screen reader. */}
      <h3 id={headingId} className="visually-hidden">
        Batch invites
      </h3>
      <BatchBody request={request} run={run} driving={driving} />
    </section>
  )
}

function BatchBody({
  request,
  run,
  driving,
}: {
  request: InviteRequest
  run: BatchRun | null
  driving: boolean
}) {
  const panel = useBatchPanel({ request, run, driving })
  return (
    <div className="batch-body">
      <XuidsField
        text={panel.text}
        onText={panel.setText}
        parsed={panel.parsed}
        fileError={panel.fileError}
        onFile={(event) => void panel.addFile(event)}
      />
      <PacingFields
        fields={panel.fields}
        invalid={panel.invalidBudget}
        onChange={panel.setFields}
      />
      <BudgetMeters levels={panel.levels} />
      <BatchChecks
        issues={panel.issues}
        liveWarnings={panel.liveWarnings}
        pendingWarnings={panel.pendingWarnings}
        onConfirm={() => void panel.send(true)}
        onDismiss={panel.dismissWarnings}
      />
      <BatchControls
        run={run}
        driving={driving}
        resumable={panel.resumable}
        canSend={panel.canSend}
        failed={panel.counts?.failed ?? 0}
        blockedNotice={panel.blockedNotice}
        requestNote={panel.requestNote}
        discardInfo={panel.discardInfo}
        onSend={() => void panel.send(false)}
        onResume={panel.resume}
        onDiscard={panel.discard}
        actions={panel.actions}
      />
      {run && panel.counts ? (
        <BatchProgress
          run={run}
          counts={panel.counts}
          driving={driving}
          etaMs={panel.etaMs}
          now={panel.now}
        />
      ) : null}
      <p className="muted">
        One POST /handles per XUID, in order, as Microsoft’s SDK sends invites; a failed invite is
        never retried on its own.
      </p>
    </div>
  )
}
