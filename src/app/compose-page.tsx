import { ComposeView } from '../features/compose/compose-view'
import { ResponsePanel } from '../features/response/response-panel'
import { SavePresetButton } from '../features/presets/save-preset-dialog'
import { BatchPanel } from '../features/batch/batch-panel'
import { ActivityToolsPanel } from '../features/batch/activity-tools-panel'

export function ComposePage() {
  return (
    <div className="compose-page">
      <ComposeView
        extraActions={(draft) => <SavePresetButton draft={draft} />}
        belowForm={(draft) => (
          <>
            {draft.type === 'invite' ? <BatchPanel draft={draft} /> : null}
            <ActivityToolsPanel draft={draft} />
          </>
        )}
      />
      <ResponsePanel />
    </div>
  )
}
