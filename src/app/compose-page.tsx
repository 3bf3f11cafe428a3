import { lazy, memo, Suspense, useDeferredValue } from 'react'
import { ComposeView } from '../features/compose/compose-view'
import { ResponsePanel } from '../features/response/response-panel'
import { KIND_SERVICE } from '../mpsd/request-kinds'

// The form, its preview and Send are the first paint. Presets, batch invites and the activity
// tools are separate chunks, fetched right after, so the first load stays near the stack's floor.
// Memoized: they get the composer's deferred request and need not re-render on every keystroke.
const SavePresetButton = memo(
  lazy(() =>
    import('../features/presets/save-preset-dialog').then((m) => ({ default: m.SavePresetButton })),
  ),
)
const BatchPanel = memo(
  lazy(() => import('../features/batch/batch-panel').then((m) => ({ default: m.BatchPanel }))),
)
const ActivityToolsPanel = memo(
  lazy(() =>
    import('../features/activity/activity-tools-panel').then((m) => ({
      default: m.ActivityToolsPanel,
    })),
  ),
)

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
            <SavePresetButton request={request} />
          </Suspense>
        )}
        belowForm={(request) => (
          <Suspense fallback={null}>
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
