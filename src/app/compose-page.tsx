import { lazy, memo, Suspense, useDeferredValue, useMemo } from 'react'
import { ComposeView } from '../features/compose/compose-view'
import { ResponsePanel } from '../features/response/response-panel'
import { useDraftExpectations } from '../data/drafts/draft-expectations'
import type { RequestEntity } from '../mpsd/request-entity'
import { KIND_SERVICE } from '../mpsd/request-kinds'

// The form, its preview and Send are the first paint. Presets, batch invites and the activity
// tools are separate chunks, fetched right after, so the first load stays near the stack's floor.
// Memoized: they get the composer's deferred request and need not re-render on every keystroke.
const SavePresetButton = memo(
  lazy(() =>
    import('../features/presets/save-preset-dialog').then((m) => ({ default: m.SavePresetButton })),
  ),
)
const ExpectSection = lazy(() =>
  import('../features/expect/expect-section').then((m) => ({ default: m.ExpectSection })),
)
const BatchPanel = memo(
  lazy(() => import('../features/batch/batch-panel').then((m) => ({ default: m.BatchPanel }))),
)
const SessionPanel = memo(
  lazy(() =>
    import('../features/sessions/session-panel').then((m) => ({ default: m.SessionPanel })),
  ),
)
const ActivityToolsPanel = memo(
  lazy(() =>
    import('../features/activity/activity-tools-panel').then((m) => ({
      default: m.ActivityToolsPanel,
    })),
  ),
)

/** A preset saved from Compose keeps the draft's expectations with its request. */
function SavePresetWithExpectations({ request }: { request: RequestEntity }) {
  const expect = useDraftExpectations()
  const full = useMemo(
    () => (expect.length > 0 ? { ...request, expect: [...expect] } : request),
    [request, expect],
  )
  return <SavePresetButton request={full} />
}

const MpaBatchPanel = memo(
  lazy(() =>
    import('../features/batch/mpa-batch-panel').then((m) => ({ default: m.MpaBatchPanel })),
  ),
)
const MpaActivityToolsPanel = memo(
  lazy(() =>
    import('../features/activity/mpa-activity-tools-panel').then((m) => ({
      default: m.MpaActivityToolsPanel,
    })),
  ),
)

export function ComposePage() {
  // The Response panel has nothing to show before a send: it follows the form's first render.
  const complete = useDeferredValue(true, false)
  return (
    <div className="compose-page">
      <ComposeView
        extraActions={(request) => (
          <Suspense fallback={null}>
            <SavePresetWithExpectations request={request} />
          </Suspense>
        )}
        belowForm={(request) => (
          <Suspense fallback={null}>
            <ExpectSection />
            {request.kind === 'searchQuery' || KIND_SERVICE[request.kind] === 'mpa' ? null : (
              <SessionPanel request={request} />
            )}
            {request.kind === 'invite' ? <BatchPanel request={request} /> : null}
            {request.kind === 'mpaSendInvites' ? <MpaBatchPanel request={request} /> : null}
            {KIND_SERVICE[request.kind] === 'mpa' ? (
              <MpaActivityToolsPanel request={request} />
            ) : (
              <ActivityToolsPanel request={request} />
            )}
          </Suspense>
        )}
      />
      {complete ? <ResponsePanel /> : null}
    </div>
  )
}
