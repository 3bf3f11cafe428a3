import { lazy, memo, Suspense, useDeferredValue } from 'react'
import { ComposeView } from '../features/compose/compose-view'
import { ResponsePanel } from '../features/response/response-panel'

// The form, its preview and Send are the first paint. Presets, batch invites and the activity
// tools are separate chunks, fetched right after, so the first load stays near the stack's floor.
// Memoized: they get the composer's deferred draft and need not re-render on every keystroke.
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
    import('../features/batch/activity-tools-panel').then((m) => ({
      default: m.ActivityToolsPanel,
    })),
  ),
)

export function ComposePage() {
  // The Response panel has nothing to show before a send: it follows the form's first render.
  const complete = useDeferredValue(true, false)
  return (
    <div className="compose-page">
      <ComposeView
        extraActions={(draft) => (
          <Suspense fallback={null}>
            <SavePresetButton draft={draft} />
          </Suspense>
        )}
        belowForm={(draft) => (
          <Suspense fallback={null}>
            {draft.type === 'invite' ? <BatchPanel draft={draft} /> : null}
            <ActivityToolsPanel draft={draft} />
          </Suspense>
        )}
      />
      {complete ? <ResponsePanel /> : null}
    </div>
  )
}
